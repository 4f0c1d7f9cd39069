// Jira field JSON → the core's neutral values. Standard fields by their registration (./fields),
// custom fields by their schema when known and by the value's shape otherwise. A value this
// adapter cannot represent is left out of the snapshot (undefined) rather than guessed.
import type { FieldKey } from '../../core/replica/field-key';
import type { ReplicaValue } from '../../core/replica/value';
import { adfToRich } from './adf/adf-to-rich';
import type { FieldShape } from './field-kinds';
import { DATE, decodeUser, empty, isObject, jiraField, named, type UserPrivacy } from './fields';

export { decodeUser, type UserPrivacy };

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
  const standard = jiraField(key);
  return standard ? standard.decode(raw, privacy) : byShape(raw, shape, privacy);
}
