// The sharing rule for one (connection, local project). Every field of the document carries a doc
// comment because the admin UI and error messages are built from this one schema.
import { z } from 'zod';
import { creatableKeys, standardField, valueMapKeys, type CreatableKey, type ValueMapKey } from '../fields/standard-fields';
import { fieldKeySchema, isUserField, type FieldKey } from '../replica/field-key';
import { replicaValueSchema } from '../replica/value';
import { incomingRelationsSchema, outgoingRelationsSchema } from './relations-rule';
import { incomingServiceDeskSchema, outgoingServiceDeskSchema } from './service-desk-rule';

const nameMap = z.record(z.string().min(1), z.string().min(1));

// One name map per field kind that takes value maps (src/core/fields), each defaulting to empty.
const valueMapsSchema = z
  .object(Object.fromEntries(valueMapKeys.map((k) => [k, nameMap.default({})])) as Record<ValueMapKey, z.ZodDefault<typeof nameMap>>)
  .default(emptyValueMaps());

/** Every value map, empty. */
export function emptyValueMaps(): Record<ValueMapKey, Record<string, string>> {
  return Object.fromEntries(valueMapKeys.map((k) => [k, {}])) as Record<ValueMapKey, Record<string, string>>;
}

// Per field kind whose values the project defines (components, versions): may a partner's value
// that this project lacks be created here? Off unless set.
const createMissingSchema = z
  .object(Object.fromEntries(creatableKeys.map((k) => [k, z.boolean().default(false)])) as Record<CreatableKey, z.ZodDefault<z.ZodBoolean>>)
  .default(Object.fromEntries(creatableKeys.map((k) => [k, false])) as Record<CreatableKey, boolean>);

export const fieldPolicySchema = z.object({
  /** out: local → partner only; in: partner → local only; both: two-way. */
  direction: z.enum(['out', 'in', 'both']),
  /** Which partner field feeds this local field (defaults to the same key). */
  partnerField: fieldKeySchema.optional(),
  /** Only for two-way fields: who wins when both sides changed it concurrently. */
  conflict: z.enum(['local', 'partner', 'latest']).optional(),
});

export const outgoingSchema = z.object({
  /** People fields leave as display name only, or with the email too. */
  userPrivacy: z.enum(['displayName', 'displayNameAndEmail']).default('displayName'),
  comments: z
    .object({
      enabled: z.boolean().default(true),
      /** Internal comments never leave unless this is set explicitly. */
      includeInternal: z.boolean().default(false),
    })
    .default({ enabled: true, includeInternal: false }),
  attachments: z
    .object({
      enabled: z.boolean().default(false),
      maxBytes: z.number().int().positive().max(100 * 1024 * 1024).default(10 * 1024 * 1024),
      /** MIME types allowed out; `image/*` style wildcards accepted. Empty = none. */
      mimeTypes: z.array(z.string().regex(/^[a-z]+\/(\*|[a-z0-9.+-]+)$/i, 'must look like type/subtype or type/*')).default([]),
    })
    .default({ enabled: false, maxBytes: 10 * 1024 * 1024, mimeTypes: [] }),
  /** Worklogs (time spent, start, comment, author by userPrivacy); restricted ones never leave. Off unless set. */
  worklogs: z.object({ enabled: z.boolean().default(false) }).default({ enabled: false }),
  /** Parent and sub-tasks, issue links (relations-rule.ts). Off unless set. */
  relations: outgoingRelationsSchema,
  /** Jira Service Management: request type, participants, SLAs (service-desk-rule.ts). Off unless set. */
  serviceDesk: outgoingServiceDeskSchema,
  /**
   * For a partner whose resolving statuses need more than the status (ServiceNow's data policy: a
   * resolution or close code and notes), per partner status (its label, or its stored value): the code,
   * one of the partner's own (checked when the rule is saved), and a notes template (`{key}` = our
   * issue key). A resolving status without an entry takes the connection's default.
   */
  resolutions: z
    .record(z.string().min(1).max(100), z.object({ code: z.string().trim().min(1).max(100), notes: z.string().max(1000).optional() }).strict())
    .refine((r) => Object.keys(r).length <= 20, 'at most 20 statuses')
    .optional(),
});

export const incomingSchema = z.object({
  /** Where issues the partner creates land; null = partner-created issues are refused. */
  create: z.object({ projectKey: z.string().min(1), issueType: z.string().min(1) }).nullable().default(null),
  /** Partner value → local value, for the option-like fields (the registry's `valueMap` fields). */
  valueMaps: valueMapsSchema,
  /** Values the partner sends that this project lacks are created here (per field: components, fixVersions, versions); otherwise each one is reported. */
  createMissing: createMissingSchema,
  users: z
    .object({
      /** Match partner people to local accounts by email when the partner shares it. */
      matchByEmail: z.boolean().default(true),
      /** Explicit partner email → local account id. */
      map: z.record(z.string().min(1), z.string().min(1)).default({}),
      /** Used when no match is found; null leaves the field unchanged and reports it. */
      defaultAccountId: z.string().min(1).nullable().default(null),
    })
    .default({ matchByEmail: true, map: {}, defaultAccountId: null }),
  /** Values set on issues the partner creates when the partner does not send them. */
  defaults: z.partialRecord(fieldKeySchema, replicaValueSchema).default({}),
  comments: z.object({ enabled: z.boolean().default(true), asInternal: z.boolean().default(false) }).default({ enabled: true, asInternal: false }),
  attachments: z
    .object({ enabled: z.boolean().default(false), maxBytes: z.number().int().positive().default(10 * 1024 * 1024) })
    .default({ enabled: false, maxBytes: 10 * 1024 * 1024 }),
  /** The partner's worklogs are logged here too (added, edited, deleted). Off unless set. */
  worklogs: z.object({ enabled: z.boolean().default(false) }).default({ enabled: false }),
  /** What the partner may do to hierarchy and links here, and its link types mapped by name (relations-rule.ts). */
  relations: incomingRelationsSchema,
  /** What the partner's service desk may set here: request type (mapped by name), participants (service-desk-rule.ts). */
  serviceDesk: incomingServiceDeskSchema,
  /**
   * When the partner deletes its issue: `unlink` keeps ours and notes the deletion on it in an
   * internal comment; `delete` deletes ours too. Either way the pair ends.
   */
  onPartnerDelete: z.enum(['unlink', 'delete']).default('unlink'),
  /**
   * A partner's agent may ask to bind one of its issues to an existing issue here (the issue must be
   * in scope). Off: the request waits in the issue panel and on the admin page until a local agent
   * or admin accepts or declines it. On (trusted partners only): the link is made at once.
   */
  directLinks: z.boolean().default(false),
});

const jqlClause = z.string().trim().min(1, 'must not be empty (leave it out instead)').max(2000);

export const scopeSchema = z.object({
  issueTypes: z.array(z.string().min(1)).default([]),
  labels: z.array(z.string().min(1)).default([]),
  statuses: z.array(z.string().min(1)).default([]),
  /**
   * A JQL clause (no ORDER BY) the issue must match as well, checked at save by Jira's JQL parser.
   * Decided on the issue as read when every field it names is known there, else by Jira's search.
   */
  jql: jqlClause.optional(),
  /** Phased rollout: when set, only issues with one of these labels or keys, or matching the JQL, sync. */
  pilot: z.object({ labels: z.array(z.string().min(1)).default([]), issueKeys: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'must be an issue key like ABC-12')).default([]), jql: jqlClause.optional() }).nullable().default(null),
  /** Issues start syncing only when an agent presses "sync now" (or links them). */
  manualStart: z.boolean().default(false),
});

export const modeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('realtime') }),
  z.object({ kind: z.literal('batched'), everyMinutes: z.number().int().min(5).max(1440) }),
]);

export const sharingRuleSchema = z
  .object({
    connectionId: z.string().min(1),
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be a Jira project key like ABC'),
    /** The per-field table: direction, mapping and conflict policy. Absent fields never sync. */
    fields: z.partialRecord(fieldKeySchema, fieldPolicySchema),
    outgoing: outgoingSchema.default(outgoingSchema.parse({})),
    incoming: incomingSchema.default(incomingSchema.parse({})),
    scope: scopeSchema.default(scopeSchema.parse({})),
    mode: modeSchema.default({ kind: 'realtime' }),
  })
  .superRefine((rule, ctx) => {
    for (const [key, policy] of Object.entries(rule.fields)) {
      if (!policy) continue;
      if (policy.direction === 'both' && !policy.conflict) {
        ctx.addIssue({ code: 'custom', path: ['fields', key, 'conflict'], message: 'required for a two-way field (local, partner or latest)' });
      }
      if (policy.direction !== 'both' && policy.conflict) {
        ctx.addIssue({ code: 'custom', path: ['fields', key, 'conflict'], message: `only two-way fields have a conflict policy (direction is "${policy.direction}")` });
      }
      if (policy.partnerField && isUserField(policy.partnerField) !== isUserField(key as FieldKey)) {
        ctx.addIssue({ code: 'custom', path: ['fields', key, 'partnerField'], message: 'a people field maps only to a people field' });
      }
      const outgoingOnly = standardField(key)?.outgoingOnly;
      if (outgoingOnly && policy.direction !== 'out') ctx.addIssue({ code: 'custom', path: ['fields', key, 'direction'], message: `only "out": ${outgoingOnly}` });
    }
    const seen = new Map<string, string>();
    for (const [key, policy] of Object.entries(rule.fields)) {
      if (!policy || policy.direction === 'out') continue;
      const partner = policy.partnerField ?? key;
      const other = seen.get(partner);
      if (other) ctx.addIssue({ code: 'custom', path: ['fields', key, 'partnerField'], message: `partner field "${partner}" already feeds "${other}"` });
      seen.set(partner, key);
    }
  });

export type SharingRuleInput = z.input<typeof sharingRuleSchema>;
export type SharingRule = z.output<typeof sharingRuleSchema>;
export type FieldPolicy = z.output<typeof fieldPolicySchema>;
export type ConflictPolicy = NonNullable<FieldPolicy['conflict']>;
