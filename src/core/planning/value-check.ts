// Local constraints for one incoming value. Returns a reason an admin can act on, or null. What a
// standard field adds to its constraint (where its options live, one line, one-word values) comes
// from the field-kind registry, so a new kind needs no line here.
import { standardField } from '../fields/standard-fields';
import type { FieldKey } from '../replica/field-key';
import type { ReplicaValue } from '../replica/value';
import { toPlainText } from '../richtext/plain-text';
import type { FieldConstraint, TrackerMetadata } from '../rules/metadata';

const isEmpty = (v: ReplicaValue): boolean =>
  v.kind === 'empty' || (v.kind === 'text' && v.text.length === 0) || (v.kind === 'options' && v.names.length === 0) || (v.kind === 'rich' && v.doc.content.length === 0);

const kindLabel: Record<ReplicaValue['kind'], string> = {
  empty: 'nothing', text: 'text', rich: 'rich text', number: 'a number', option: 'an option', options: 'a list', date: 'a date', user: 'a person',
};

function validDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function checkValue(value: ReplicaValue, c: FieldConstraint, meta: TrackerMetadata, key: FieldKey): string | null {
  if (isEmpty(value)) return c.required ? 'is required and cannot be emptied' : null;
  const def = standardField(key);
  const wrongKind = (expected: string) => `expected ${expected}, got ${kindLabel[value.kind]}`;
  switch (c.kind) {
    case 'text':
      if (value.kind !== 'text') return wrongKind('text');
      if (c.maxLength !== undefined && value.text.length > c.maxLength) return `is ${value.text.length} characters, the limit is ${c.maxLength}`;
      if (def?.singleLine && value.text.includes('\n')) return 'must be a single line';
      return null;
    case 'rich': {
      if (value.kind !== 'rich' && value.kind !== 'text') return wrongKind('rich text');
      const length = value.kind === 'text' ? value.text.length : toPlainText(value.doc).length;
      if (c.maxLength !== undefined && length > c.maxLength) return `is ${length} characters, the limit is ${c.maxLength}`;
      return null;
    }
    case 'number':
      if (value.kind !== 'number') return wrongKind('a number');
      if (c.integer && !Number.isInteger(value.value)) return `${value.value} is not a whole number`;
      if (c.min !== undefined && value.value < c.min) return c.min === 0 ? `negative values are not allowed (${value.value})` : `${value.value} is below the minimum ${c.min}`;
      if (c.max !== undefined && value.value > c.max) return `${value.value} is above the maximum ${c.max}`;
      return null;
    case 'option': {
      if (value.kind !== 'option') return wrongKind('an option');
      const allowed = def?.allowedIn ? meta[def.allowedIn] : c.options;
      return allowed.includes(value.name) ? null : `"${value.name}" is not an allowed option (${allowed.join(', ')})`;
    }
    case 'options': {
      if (value.kind !== 'options') return wrongKind('a list');
      if (c.maxItems !== undefined && value.names.length > c.maxItems) return `has ${value.names.length} entries, the limit is ${c.maxItems}`;
      if (def?.wordValues) {
        const bad = value.names.find((n) => /\s/.test(n) || n.length > 255);
        if (bad !== undefined) return `label "${bad}" must be one word of at most 255 characters`;
      }
      const unknown = c.options ? value.names.filter((n) => !c.options!.includes(n)) : [];
      return unknown.length > 0 ? `${unknown.map((n) => `"${n}"`).join(', ')} not among the allowed options` : null;
    }
    case 'date':
      if (value.kind !== 'date') return wrongKind('a date');
      return validDate(value.date) ? null : `"${value.date}" is not a calendar date`;
    case 'user':
      return value.kind === 'user' ? null : wrongKind('a person');
  }
}
