// One Jira registration per standard field kind: how a read decodes it, the JSON form a write
// takes, and the constraint the project's metadata gives it. The list lives in ./index.ts.
import type { FieldConstraint } from '../../../core/rules/metadata';
import type { ReplicaValue, UserValue } from '../../../core/replica/value';
import type { FieldShape } from '../field-kinds';

export type UserPrivacy = { includeEmail: boolean };

/** What the metadata reader knows when it builds a standard field's constraint. */
export type MetaContext = {
  issueTypes: string[];
  priorities: string[];
  statuses: string[];
  /** `{ required: true }` when every issue type's create screen requires the Jira field id. */
  required(jiraFieldId: string): { required?: boolean };
  /** The names createmeta allows for the Jira field id (empty when it lists none). */
  allowed(jiraFieldId: string): string[];
};

export type JiraField = {
  /** How a write encodes it (field-encode.ts), and so how it is read back. */
  shape: FieldShape;
  decode(raw: unknown, privacy: UserPrivacy): ReplicaValue;
  constraint(meta: MetaContext): FieldConstraint;
  /** Why PUT /issue cannot set it (status moves only through transitions); absent = writable. */
  notWritable?: string;
  /** Values the project defines, which a write may create first when the plan says so (project-parts.ts). */
  part?: 'components' | 'versions';
  /**
   * Writes itself into the PUT's `fields` (for fields written through another Jira field: both
   * estimates go into `timetracking`) and returns what Jira will store; absent = by `shape`.
   */
  encode?(value: ReplicaValue, fields: Record<string, unknown>): ReplicaValue;
};

/** Jira's documented limits: summary 255 characters, rich text 32,767, single-line text fields 255. */
export const SUMMARY_MAX = 255;
export const RICH_TEXT_MAX = 32_767;
export const TEXT_FIELD_MAX = 255;

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const empty: ReplicaValue = { kind: 'empty' };
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object named by `value` (select options) or `name` (priority, issue type, component…). */
export function named(raw: unknown): string | undefined {
  if (!isObject(raw)) return undefined;
  if (typeof raw.value === 'string') return raw.value;
  if (typeof raw.name === 'string') return raw.name;
  return undefined;
}

export function decodeUser(raw: unknown, privacy: UserPrivacy): UserValue | null {
  if (!isObject(raw) || typeof raw.accountId !== 'string') return null;
  const user: UserValue = { kind: 'user', displayName: typeof raw.displayName === 'string' ? raw.displayName : '', accountId: raw.accountId };
  // Jira leaves emailAddress out when the person's profile hides it; we add it only when the rule allows.
  if (privacy.includeEmail && typeof raw.emailAddress === 'string' && raw.emailAddress.length > 0) user.email = raw.emailAddress;
  return user;
}

/** A field named by the project (priority, issue type, status): `{ name }` in both directions. */
export function namedOption(constraint: JiraField['constraint'], notWritable?: string): JiraField {
  return {
    shape: { kind: 'option', jira: 'named' },
    decode: (raw) => {
      const name = named(raw);
      return name !== undefined ? { kind: 'option', name } : empty;
    },
    constraint,
    ...(notWritable ? { notWritable } : {}),
  };
}

/** A people field: `{ accountId }` written, the account (and email when the rule shares it) read. */
export function person(jiraFieldId: string): JiraField {
  return {
    shape: { kind: 'user', jira: 'user' },
    decode: (raw, privacy) => decodeUser(raw, privacy) ?? empty,
    constraint: (meta) => ({ kind: 'user', ...meta.required(jiraFieldId) }),
  };
}
