// Field keys a newer partner sends that this version does not know. Before this version a receiver
// refused the whole message for one (and so every later message of the issue: the time-spent
// incident of 88b355b). Now a well-formed unknown key is set aside before the message is read: its
// value is never parsed, applied or stored, the rest of the message applies, the admin here sees a
// note per field, and the ack's `dropped` names the key so the sender stops sending it
// (sync/partner-reads.ts). What stays strict: the key's form and length, how many unknown keys one
// message may carry, the message's byte limit, and a known key's value, which is checked as before.
import { isFieldKey } from '../replica/field-key';

/** Announced in `accepts`: this version drops unknown field keys instead of refusing the message. */
export const UNKNOWN_FIELDS_DROPPED = 'fields.unknown-dropped';

/** The form a standard field key may take on the wire (today's all match); a custom key stays `custom:<id>`. */
export const UNKNOWN_FIELD_KEY = /^[a-z][A-Za-z0-9_.-]{0,63}$/;
/** Unknown keys one message may carry; more is refused as malformed. */
export const UNKNOWN_FIELDS_MAX = 16;

/** The ack's `dropped` reason for such a key: the sender recognises it by this start. */
export const UNKNOWN_FIELD_REASON = 'unknown field: Liaison on this side does not know it (an older version); not applied';
export const isUnknownFieldDrop = (d: { reason: string }): boolean => d.reason.startsWith('unknown field:');

/** The note the admin here sees, per key (error list and issue panel; app/error-wording.ts words it). */
export const unknownFieldError = (key: string) => ({
  field: key, value: '',
  reason: 'the partner\'s Liaison sent a field this version does not know; it was not applied (upgrade Liaison here to take it)',
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A replica body as received (before its schema) with well-formed unknown keys moved out of
 * `replica.fields` and `clocks` into `unknownFields` (whatever the sender put there is replaced).
 * A key of any other form is left in place, so the schema refuses it as before. Returns a copy.
 */
export function setAsideUnknownFields(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const replica = raw['replica'];
  const fields = isObject(replica) ? replica['fields'] : undefined;
  const clocks = raw['clocks'];
  const unknown = new Set<string>();
  const keep = (o: unknown): unknown => {
    if (!isObject(o)) return o;
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (!isFieldKey(k) && UNKNOWN_FIELD_KEY.test(k)) unknown.add(k);
      else kept[k] = v;
    }
    return kept;
  };
  const { unknownFields: _ignored, ...body } = raw;
  const out: Record<string, unknown> = { ...body, clocks: keep(clocks) };
  if (isObject(replica)) out['replica'] = { ...replica, fields: keep(fields) };
  if (unknown.size > 0) out['unknownFields'] = [...unknown].sort();
  return out;
}

/** What the apply records for the keys set aside: an error each here, and the ack's `dropped` entries. */
export function unknownFieldNotes(keys: readonly string[] | undefined): { errors: ReturnType<typeof unknownFieldError>[]; dropped: { field: string; reason: string }[] } {
  const list = keys ?? [];
  return { errors: list.map(unknownFieldError), dropped: list.map((field) => ({ field, reason: UNKNOWN_FIELD_REASON })) };
}
