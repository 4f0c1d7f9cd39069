// Jira Service Management data read as issue fields, in the one issue GET (and the bulk search):
// the Request Type field's read form (`{_links, requestType, currentStatus}`), Request participants
// (users) and one SLA field per SLA metric (each value a SlaInformation). Their ids differ per site,
// so they are found by the schema's custom type in /rest/api/3/field, never written into the code.
//
// Where the ids come from on the per-change path: the rule's `outgoing.serviceDesk.fieldIds`, which
// the rule's save fills from the /field read it makes anyway (metadata-reader.ts). The source side
// reads the project's rules per change already (the route, one KVS read) and no metadata at all, so
// ids kept in the metadata cache entry would cost the source a fifth KVS operation per change; kept
// in the rule they cost nothing. A rule saved before this, or an answer that lacks one of the ids
// asked for (the field was deleted, or the rule came from another site), falls back to the
// servicedeskapi request read (one more Jira read, what every change cost before); the rule's next
// save learns the ids again. A new SLA metric is read from the rule's next save on.
import { z } from 'zod';
import type { SnapshotServiceDesk } from '../../core/replica/service-desk';
import type { ServiceDeskFieldIds } from '../../core/rules/service-desk-rule';
import { userSchema } from './jira-schemas';

export const REQUEST_TYPE_SCHEMA = 'com.atlassian.servicedesk:vp-origin';
export const PARTICIPANTS_SCHEMA = 'com.atlassian.servicedesk:sd-request-participants';
export const SLA_SCHEMA = 'com.atlassian.servicedesk:sd-sla-field';

/** The replica carries at most 100 participants (its schema's bound), the most one page of JSM's API returns. */
export const PARTICIPANTS_READ = 100;
/** SLAs kept per request. */
export const SLAS_READ = 20;

const millis = z.looseObject({ millis: z.number() }).optional();
const epoch = z.looseObject({ epochMillis: z.number() }).optional();
const cycle = z.looseObject({ breached: z.boolean().optional(), paused: z.boolean().optional(), breachTime: epoch, goalDuration: millis, remainingTime: millis });
export const slaSchema = z.looseObject({ name: z.string(), ongoingCycle: cycle.optional(), completedCycles: z.array(cycle).optional() });
const requestTypeValue = z.looseObject({ requestType: z.looseObject({ id: z.string(), name: z.string() }).optional() });

type FieldListEntry = { id: string; schema?: { custom?: string | undefined } | undefined };

/** The JSM field ids of a site's field list; null on a site that has none of them (no service desks). */
export function serviceDeskFieldIdsOf(fields: readonly FieldListEntry[]): ServiceDeskFieldIds | null {
  const custom = (type: string) => fields.filter((f) => f.schema?.custom === type).map((f) => f.id);
  const [requestType] = custom(REQUEST_TYPE_SCHEMA);
  const [participants] = custom(PARTICIPANTS_SCHEMA);
  const sla = custom(SLA_SCHEMA).slice(0, 50);
  if (!requestType && !participants && sla.length === 0) return null;
  return { ...(requestType ? { requestType } : {}), ...(participants ? { participants } : {}), sla };
}

/** Every id the read asks for. */
export const serviceDeskFieldList = (ids: ServiceDeskFieldIds): string[] => [...(ids.requestType ? [ids.requestType] : []), ...(ids.participants ? [ids.participants] : []), ...ids.sla];

export type Person = z.output<typeof userSchema>;
export type ParticipantOf = (u: Person) => SnapshotServiceDesk['participants'][number];

/** A participant as the replica keeps it: emails only when the outgoing privacy shares them. */
export const participantOf = (includeEmail: boolean): ParticipantOf => (u) => ({ accountId: u.accountId, displayName: u.displayName ?? '', ...(includeEmail && u.emailAddress ? { email: u.emailAddress } : {}) });

/**
 * The request's data from the fields. `missing`: an id asked for is absent from the answer
 * (Jira leaves out an unknown field, and lists a known empty one as null), so the ids are stale.
 * Undefined when the issue is no customer request: its project is no service desk
 * (`projectTypeKey`), or, when the answer names no project type, none of the fields has a value.
 */
export function serviceDeskFromFields(fields: Record<string, unknown>, ids: ServiceDeskFieldIds, person: ParticipantOf, now: number): SnapshotServiceDesk | undefined | 'missing' {
  if (serviceDeskFieldList(ids).some((id) => !(id in fields))) return 'missing';
  const projectType = (fields.project as { projectTypeKey?: unknown } | undefined)?.projectTypeKey;
  const values = serviceDeskFieldList(ids).map((id) => fields[id]);
  if (typeof projectType === 'string' ? projectType !== 'service_desk' : values.every((v) => v === null || v === undefined)) return undefined;
  const type = ids.requestType ? requestTypeValue.safeParse(fields[ids.requestType]) : null;
  const people = ids.participants && Array.isArray(fields[ids.participants]) ? (fields[ids.participants] as unknown[]) : [];
  return {
    requestType: type?.success ? (type.data.requestType?.name ?? null) : null,
    participants: people.flatMap((u) => {
      const p = userSchema.safeParse(u);
      return p.success ? [person(p.data)] : [];
    }).slice(0, PARTICIPANTS_READ),
    sla: ids.sla.flatMap((id) => {
      const s = slaSchema.safeParse(fields[id]);
      const sla = s.success ? toSla(s.data, now) : null;
      return sla ? [sla] : [];
    }).slice(0, SLAS_READ),
  };
}

/** A JSM SlaInformation as the replica's SLA: the ongoing cycle if any, else the last completed one. */
export function toSla(s: z.output<typeof slaSchema>, readAt: number): SnapshotServiceDesk['sla'][number] | null {
  const goalMs = Math.round(s.ongoingCycle?.goalDuration?.millis ?? s.completedCycles?.at(-1)?.goalDuration?.millis ?? -1);
  if (goalMs < 0) return null;
  const name = s.name.slice(0, 255);
  const on = s.ongoingCycle;
  if (on) {
    const remainingMs = Math.round(on.remainingTime?.millis ?? 0);
    if (on.paused) return { name, goalMs, state: 'paused', breachAt: null, remainingMs, readAt };
    return { name, goalMs, state: 'running', breachAt: on.breachTime?.epochMillis ?? readAt + remainingMs, remainingMs, readAt };
  }
  const last = s.completedCycles?.at(-1);
  if (!last) return null;
  return { name, goalMs, state: last.breached ? 'breached' : 'met', breachAt: null, remainingMs: Math.round(last.remainingTime?.millis ?? 0), readAt };
}
