// Values a project defines (components, fix versions, affects versions): a partner's value names
// some, and those this project lacks are created when the rule allows it for the field, or else
// left out and reported one by one, while the known ones still apply.
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

export function splitMissingValues(local: FieldKey, value: ReplicaValue, rule: SharingRule, meta: TrackerMetadata): MissingSplit {
  const c = meta.fields[local];
  const known = c && (c.kind === 'options' || c.kind === 'option') ? c.options : undefined;
  if (!isCreatableKey(local) || value.kind !== 'options' || !known) return { value, checked: value, create: [], problems: [] };
  const missing = value.names.filter((n) => !known.includes(n));
  if (missing.length === 0) return { value, checked: value, create: [], problems: [] };
  const present = value.names.filter((n) => known.includes(n));
  const checked: ReplicaValue = { kind: 'options', names: present };
  if (rule.incoming.createMissing[local]) return { value, checked, create: [...new Set(missing)], problems: [] };
  const words = standardField(local)?.words ?? local;
  const problems = missing.map((name) => ({ name, reason: `is not among the ${words} of ${meta.projectKey}, and the rule does not create missing ones` }));
  return { value: checked, checked, create: [], problems };
}
