// The shared field vocabulary. Custom fields carry the tracker's own id (`custom:10010`,
// `custom:u_vendor_ref`) so the mapping stays explicit in the rule.
// The standard keys come from the field-kind registry (src/core/fields).
import { z } from 'zod';
import { isStandardFieldKey, standardField, standardFieldKeys, type StandardFieldKey } from '../fields/standard-fields';

export { standardFieldKeys, type StandardFieldKey };
export type FieldKey = StandardFieldKey | `custom:${string}`;

export const fieldKeySchema = z.custom<FieldKey>((v) => typeof v === 'string' && isFieldKey(v), {
  message: `expected one of ${standardFieldKeys.join(', ')} or custom:<id>`,
});

export function isFieldKey(v: string): v is FieldKey {
  return isStandardFieldKey(v) || /^custom:[A-Za-z0-9_.-]{1,64}$/.test(v);
}

/** Fields whose values are people; what leaves about them follows the privacy setting. */
export const isUserField = (key: FieldKey): boolean => standardField(key)?.people === true;
