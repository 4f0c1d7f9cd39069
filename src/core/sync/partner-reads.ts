// What a partner on another Liaison version reads. Partners upgrade on their own day (a new scope
// makes a major version each site admin approves: https://developer.atlassian.com/platform/forge/versions/),
// so a message goes out as the partner's version can take it:
// - a receiver from before this version checks every standard field key of a replica message and
//   refuses the whole message (and every later one of that issue) for a key it does not know;
// - a receiver before 4705db7 knows only the first nine keys; one from 9e9be9f adds the estimates,
//   components and versions; neither announces anything (`accepts` came with c958759), and their
//   profile and hello look alike, so an unannounced partner gets only what 4705db7^ reads;
// - every version that announces (c958759 on) reads the estimates, components, versions and the
//   service-desk part; later keys each have their announcement (time spent: 'field.timespent');
// - a receiver that announces UNKNOWN_FIELDS_DROPPED drops a key it does not know, applies the rest
//   and says so in its ack (protocol/unknown-fields.ts), so it gets every key but those it dropped.
// A ServiceNow peer runs inside this app, so it reads whatever this version sends.
import type { Connection } from '../connection';
import type { ReplicaBody } from '../protocol/envelope';
import { isUnknownFieldDrop, UNKNOWN_FIELD_KEY, UNKNOWN_FIELDS_DROPPED, UNKNOWN_FIELDS_MAX } from '../protocol/unknown-fields';
import type { SyncDeps } from './deps';
import { isStandardFieldKey } from '../fields/standard-fields';

/** The standard keys every Liaison version reads (4705db7^: its whole vocabulary). */
const READ_BY_ALL = ['summary', 'description', 'issuetype', 'priority', 'status', 'labels', 'duedate', 'assignee', 'reporter'];
/** Keys every version that announces reads, though it may not say so (they predate the announcement). */
const READ_BY_ANNOUNCING = ['timeoriginalestimate', 'timeestimate', 'components', 'fixVersions', 'versions'];
/** Keys added after the announcement but before receivers dropped unknown keys, with the announcement that lets each through. */
export const ANNOUNCED_FIELDS = { timespent: 'field.timespent' } as const;

/** A part of a replica this side may withhold from a partner: a standard field key, or the service-desk part. */
export type WithheldPart = string;
export const SERVICE_DESK_PART = 'serviceDesk';

type Partner = Pick<Connection, 'partnerKind' | 'partnerProfile'>;

/** Whether the partner reads the standard field `key` (custom fields every version reads). */
export function partnerReadsField(partner: Partner, key: string): boolean {
  if (partner.partnerKind === 'servicenow' || !isStandardFieldKey(key) || READ_BY_ALL.includes(key)) return true;
  const profile = partner.partnerProfile;
  const accepts = profile?.accepts;
  if (!accepts) return false;
  if (profile.ignores?.includes(key)) return false;
  if (accepts.includes(UNKNOWN_FIELDS_DROPPED) || READ_BY_ANNOUNCING.includes(key)) return true;
  const announcement = (ANNOUNCED_FIELDS as Record<string, string>)[key];
  return announcement !== undefined && accepts.includes(announcement);
}

/** Whether the partner reads the service-desk part (it came after 9e9be9f: older versions drop it unread). */
export const partnerReadsServiceDesk = (partner: Partner): boolean => partner.partnerKind === 'servicenow' || partner.partnerProfile?.accepts !== undefined;

/**
 * Everything of this version's vocabulary the partner does not read: what bodyForPartner leaves out.
 * When it shrinks (the partner upgraded), those parts are sent again (core/sync/resend-parts.ts).
 */
export function withheldParts(partner: Partner, standardKeys: readonly string[]): WithheldPart[] {
  return [...standardKeys.filter((k) => !partnerReadsField(partner, k)), ...(partnerReadsServiceDesk(partner) ? [] : [SERVICE_DESK_PART])];
}

/** The body as the partner can read it: unread field keys left out of fields and clocks, and the service-desk part if unread. */
export function bodyForPartner(body: ReplicaBody, partner: Partner): ReplicaBody {
  if (partner.partnerKind === 'servicenow') return body;
  const keys = new Set([...Object.keys(body.replica.fields), ...Object.keys(body.clocks)]);
  const withheld = [...keys].filter((k) => !partnerReadsField(partner, k));
  const dropDesk = body.replica.serviceDesk !== undefined && !partnerReadsServiceDesk(partner);
  if (withheld.length === 0 && !dropDesk) return body;
  const without = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([k]) => !withheld.includes(k))) as T;
  const { serviceDesk, ...replica } = body.replica;
  return { ...body, replica: { ...replica, fields: without(body.replica.fields), ...(serviceDesk && !dropDesk ? { serviceDesk } : {}) }, clocks: without(body.clocks) };
}

/** How the sender notes a partner's drop (an error on the connection, worded by app/error-wording.ts). */
export const IGNORED_FIELD_REASON = 'their Liaison is an older version that does not know this field; it is not sent until they upgrade';

/**
 * The partner's ack said it dropped these keys as unknown: they are not sent again while its
 * announcement stands (one connection write per newly learnt key, and one note for the admin).
 */
export async function noteIgnoredFields(deps: Pick<SyncDeps, 'config' | 'store' | 'clock' | 'ids'>, connectionId: string, dropped: readonly { field: string; reason: string }[]): Promise<void> {
  const keys = dropped.filter(isUnknownFieldDrop).map((d) => d.field).filter((k) => UNKNOWN_FIELD_KEY.test(k));
  if (keys.length === 0) return;
  const connection = await deps.config.getConnection(connectionId);
  const profile = connection?.partnerProfile;
  if (!connection || !profile) return;
  const learnt = [...new Set(keys)].filter((k) => !profile.ignores?.includes(k));
  if (learnt.length === 0) return;
  const ignores = [...(profile.ignores ?? []), ...learnt].slice(-UNKNOWN_FIELDS_MAX);
  await deps.config.putConnection({ ...connection, partnerProfile: { ...profile, ignores } });
  for (const key of learnt) await deps.store.addError({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, pairId: null, field: `partner:${key}`, value: '', reason: IGNORED_FIELD_REASON });
}
