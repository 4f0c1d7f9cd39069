// Values a project defines (components, fix versions, affects versions): a partner's value names
// some, and those this project lacks are created when the rule allows it for the field, or else
// left out and reported one by one, while the known ones still apply. A value the issue already
// has is kept even when the project no longer offers it (an archived version): it is neither
// reported nor created, and the constraint check does not see it.
import { isCreatableKey, standardField } from '../fields/standard-fields';
import type { FieldKey } from '../replica/field-key';
import type { ReplicaValue } from '../replica/value';
import type { TrackerMetadata } from '../rules/metadata';
import type { SharingRule } from '../rules/schema';

export type MissingSplit = {
  /** What to write (the known names, plus those to create). */
  value: ReplicaValue;
  /** What the constraint check sees: the value without the names to create. */
  checked: ReplicaValue;
  /** Names created before the write. */
  create: string[];
  /** One problem per name left out. */
  problems: Array<{ name: string; reason: string }>;
};

/** `current`: the field's value on the local issue now (empty for a create). */
export function splitMissingValues(local: FieldKey, value: ReplicaValue, rule: SharingRule, meta: TrackerMetadata, current?: ReplicaValue): MissingSplit {
  const c = meta.fields[local];
  const known = c && (c.kind === 'options' || c.kind === 'option') ? c.options : undefined;
  if (!isCreatableKey(local) || value.kind !== 'options' || !known) return { value, checked: value, create: [], problems: [] };
  const held = current?.kind === 'options' ? current.names : [];
  const offered = value.names.filter((n) => known.includes(n));
  const kept = value.names.filter((n) => !known.includes(n) && held.includes(n));
  const missing = value.names.filter((n) => !known.includes(n) && !held.includes(n));
  if (missing.length === 0 && kept.length === 0) return { value, checked: value, create: [], problems: [] };
  const checked: ReplicaValue = { kind: 'options', names: offered };
  if (missing.length === 0 || rule.incoming.createMissing[local]) return { value, checked, create: [...new Set(missing)], problems: [] };
  const words = standardField(local)?.words ?? local;
  const problems = missing.map((name) => ({ name, reason: `is not among the ${words} of ${meta.projectKey}, and the rule does not create missing ones` }));
  return { value: { kind: 'options', names: value.names.filter((n) => known.includes(n) || held.includes(n)) }, checked, create: [], problems };
}
