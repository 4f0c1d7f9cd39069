// The shared field vocabulary. Custom fields carry the tracker's own id (`custom:10010`,
// `custom:u_vendor_ref`) so the mapping stays explicit in the rule.
import { z } from 'zod';

export const standardFieldKeys = ['summary', 'description', 'issuetype', 'priority', 'status', 'labels', 'duedate', 'assignee', 'reporter'] as const;
export type StandardFieldKey = (typeof standardFieldKeys)[number];
export type FieldKey = StandardFieldKey | `custom:${string}`;

export const fieldKeySchema = z.custom<FieldKey>((v) => typeof v === 'string' && isFieldKey(v), {
  message: `expected one of ${standardFieldKeys.join(', ')} or custom:<id>`,
});

export function isFieldKey(v: string): v is FieldKey {
  return (standardFieldKeys as readonly string[]).includes(v) || /^custom:[A-Za-z0-9_.-]{1,64}$/.test(v);
}

/** Fields whose values are people; what leaves about them follows the privacy setting. */
export const isUserField = (key: FieldKey): boolean => key === 'assignee' || key === 'reporter';
