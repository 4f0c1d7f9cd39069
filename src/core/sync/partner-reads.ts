// What a partner on an older Liaison can read. A receiver checks every standard field key of a
// replica message, so a key it does not know makes it refuse the whole message (and every later one
// of that issue). Field keys added after 9e9be9f go only to a partner that announced them in its
// profile's `accepts` (core/profile PROFILE_ACCEPTS); a ServiceNow peer runs inside this app, so it
// reads whatever this version sends.
import type { Connection } from '../connection';
import type { ReplicaBody } from '../protocol/envelope';

/** Field keys a 9e9be9f receiver refuses, with the announcement that lets them through. */
export const ANNOUNCED_FIELDS = { timespent: 'field.timespent' } as const;

/** The body as the partner can read it: unannounced newer field keys left out of fields and clocks. */
export function bodyForPartner(body: ReplicaBody, connection: Pick<Connection, 'partnerKind' | 'partnerProfile'>): ReplicaBody {
  if (connection.partnerKind === 'servicenow') return body;
  const accepts = connection.partnerProfile?.accepts ?? [];
  const withheld = Object.entries(ANNOUNCED_FIELDS)
    .filter(([key, part]) => !accepts.includes(part) && (key in body.replica.fields || key in body.clocks))
    .map(([key]) => key);
  if (withheld.length === 0) return body;
  const without = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([k]) => !withheld.includes(k))) as T;
  return { ...body, replica: { ...body.replica, fields: without(body.replica.fields) }, clocks: without(body.clocks) };
}
