// Jira field JSON → the core's neutral values. Known fields by their key, custom fields by their
// schema when known and by the value's shape otherwise. A value this adapter cannot represent is
// left out of the snapshot (undefined) rather than guessed.
import type { FieldKey } from '../../core/replica/field-key';
import type { ReplicaValue, UserValue } from '../../core/replica/value';
import { adfToRich } from './adf/adf-to-rich';
import type { FieldShape } from './field-kinds';

export type UserPrivacy = { includeEmail: boolean };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const empty: ReplicaValue = { kind: 'empty' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function decodeUser(raw: unknown, privacy: UserPrivacy): UserValue | null {
  if (!isObject(raw) || typeof raw.accountId !== 'string') return null;
  const user: UserValue = { kind: 'user', displayName: typeof raw.displayName === 'string' ? raw.displayName : '', accountId: raw.accountId };
  // Jira leaves emailAddress out when the person's profile hides it; we add it only when the rule allows.
  if (privacy.includeEmail && typeof raw.emailAddress === 'string' && raw.emailAddress.length > 0) user.email = raw.emailAddress;
  return user;
}

function named(raw: unknown): string | undefined {
  if (!isObject(raw)) return undefined;
  if (typeof raw.value === 'string') return raw.value;
  if (typeof raw.name === 'string') return raw.name;
  return undefined;
}

function byShape(raw: unknown, shape: FieldShape | undefined, privacy: UserPrivacy): ReplicaValue | undefined {
  if (raw === null || raw === undefined) return empty;
  const kind = shape?.kind;
  if (typeof raw === 'string') {
    if (kind === 'date' && DATE.test(raw)) return { kind: 'date', date: raw };
    return raw.length === 0 ? empty : { kind: 'text', text: raw };
  }
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'number', value: raw } : undefined;
  if (Array.isArray(raw)) {
    const names = raw.map((v) => (typeof v === 'string' ? v : named(v))).filter((n): n is string => n !== undefined && n.length > 0);
    return names.length === raw.length ? { kind: 'options', names } : undefined;
  }
  if (isObject(raw)) {
    if (raw.type === 'doc') return { kind: 'rich', doc: adfToRich(raw) };
    if (typeof raw.accountId === 'string') return decodeUser(raw, privacy) ?? undefined;
    const name = named(raw);
    if (name !== undefined) return { kind: 'option', name };
  }
  return undefined;
}

export function decodeField(key: FieldKey, raw: unknown, shape: FieldShape | undefined, privacy: UserPrivacy): ReplicaValue | undefined {
  switch (key) {
    case 'summary':
      return typeof raw === 'string' && raw.length > 0 ? { kind: 'text', text: raw } : empty;
    case 'description':
      return raw === null || raw === undefined ? empty : { kind: 'rich', doc: adfToRich(raw) };
    case 'issuetype':
    case 'priority':
    case 'status': {
      const name = named(raw);
      return name !== undefined ? { kind: 'option', name } : empty;
    }
    case 'labels':
      return { kind: 'options', names: Array.isArray(raw) ? raw.filter((l): l is string => typeof l === 'string') : [] };
    case 'duedate':
      return typeof raw === 'string' && DATE.test(raw) ? { kind: 'date', date: raw } : empty;
    case 'assignee':
    case 'reporter':
      return decodeUser(raw, privacy) ?? empty;
    default:
      return byShape(raw, shape, privacy);
  }
}
