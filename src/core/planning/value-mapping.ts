// Partner value → local value: value maps for option-like fields, user mapping for people.
import { isValueMapKey } from '../fields/standard-fields';
import { isUserField, type FieldKey } from '../replica/field-key';
import type { ReplicaValue } from '../replica/value';
import type { SharingRule } from '../rules/schema';

export type Mapped = { ok: true; value: ReplicaValue } | { ok: false; reason: string };

export function mapIncomingValue(local: FieldKey, value: ReplicaValue, rule: SharingRule): Mapped {
  const maps = rule.incoming.valueMaps;
  if (isValueMapKey(local)) {
    const map = maps[local];
    if (value.kind === 'option') return { ok: true, value: { kind: 'option', name: map[value.name] ?? value.name } };
    if (value.kind === 'options') return { ok: true, value: { kind: 'options', names: value.names.map((n) => map[n] ?? n) } };
  }
  if (value.kind === 'user') return mapUser(value, rule);
  return { ok: true, value };
}

function mapUser(value: Extract<ReplicaValue, { kind: 'user' }>, rule: SharingRule): Mapped {
  const { users } = rule.incoming;
  const email = value.email?.toLowerCase();
  const explicit = email ? Object.entries(users.map).find(([e]) => e.toLowerCase() === email)?.[1] : undefined;
  if (explicit) return { ok: true, value: { kind: 'user', displayName: value.displayName, accountId: explicit } };
  // Matching by email is left to the adapter (it owns the user search); the core only decides
  // whether it may try, and what to fall back to.
  if (email && users.matchByEmail) return { ok: true, value: { kind: 'user', displayName: value.displayName, email } };
  if (users.defaultAccountId) return { ok: true, value: { kind: 'user', displayName: value.displayName, accountId: users.defaultAccountId } };
  return { ok: false, reason: `no local account for "${value.displayName}" and no default account in the rule` };
}

/** The value as shared by the outgoing rule: people without email unless privacy allows it. */
export function shareValue(key: FieldKey, value: ReplicaValue, rule: SharingRule): ReplicaValue {
  if (value.kind !== 'user') return value;
  const shared: ReplicaValue = { kind: 'user', displayName: value.displayName };
  if (rule.outgoing.userPrivacy === 'displayNameAndEmail' && value.email) shared.email = value.email;
  return isUserField(key) || key.startsWith('custom:') ? shared : value;
}
