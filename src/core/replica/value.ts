// Tracker-neutral field values. A tagged union rather than bare JSON so a number never gets
// mistaken for a string option on the other side, and so constraints can be checked by kind.
import { z } from 'zod';
import { hashOf } from '../hash';
import { normalizeDoc } from '../richtext/normalize';
import { richDocSchema } from '../richtext/schema';
import type { RichDoc } from '../richtext/model';

export type UserValue = { kind: 'user'; displayName: string; email?: string; accountId?: string };

export type ReplicaValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'rich'; doc: RichDoc }
  | { kind: 'number'; value: number }
  | { kind: 'option'; name: string }
  | { kind: 'options'; names: string[] }
  | { kind: 'date'; date: string }
  | UserValue;

export const replicaValueSchema: z.ZodType<ReplicaValue> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }),
  z.object({ kind: z.literal('text'), text: z.string().max(100_000) }),
  z.object({ kind: z.literal('rich'), doc: richDocSchema }),
  z.object({ kind: z.literal('number'), value: z.number().refine(Number.isFinite, 'must be a finite number') }),
  z.object({ kind: z.literal('option'), name: z.string().min(1).max(255) }),
  z.object({ kind: z.literal('options'), names: z.array(z.string().min(1).max(255)).max(500) }),
  z.object({ kind: z.literal('date'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD') }),
  z.object({
    kind: z.literal('user'),
    displayName: z.string().max(255),
    email: z.string().max(320).optional(),
    accountId: z.string().max(128).optional(),
  }),
]);

export const empty: ReplicaValue = { kind: 'empty' };

/** Canonical form: label order and duplicates, rich-text run splits do not count as changes. */
export function normalizeValue(value: ReplicaValue): ReplicaValue {
  switch (value.kind) {
    case 'options':
      return { kind: 'options', names: [...new Set(value.names)].sort() };
    case 'rich':
      return { kind: 'rich', doc: normalizeDoc(value.doc) };
    case 'text':
      return value.text.length === 0 ? empty : value;
    default:
      return value;
  }
}

export const hashValue = (value: ReplicaValue): string => hashOf(normalizeValue(value));

/** A short human form for error records and the audit log. */
export function describeValue(value: ReplicaValue): string {
  switch (value.kind) {
    case 'empty':
      return '(empty)';
    case 'text':
      return JSON.stringify(value.text.length > 80 ? `${value.text.slice(0, 77)}...` : value.text);
    case 'rich':
      return '(rich text)';
    case 'number':
      return String(value.value);
    case 'option':
      return JSON.stringify(value.name);
    case 'options':
      return JSON.stringify(value.names);
    case 'date':
      return value.date;
    case 'user':
      return JSON.stringify(value.displayName);
  }
}
