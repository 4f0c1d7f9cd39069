// Reading fields the way the Table API does: dot-walking through references (`caller_id.email`), display
// values (choice labels, the referenced record's display field, journal history) and the query engine's view.
import { choiceLabel } from './choices';
import type { RequestScope } from './context';
import { journalDisplay } from './journal';
import type { FieldAccess } from './query';
import { fieldDef, tableDef, type FieldDef, type TableDef } from './schema';
import type { SnRecord } from './types';

export interface Resolved {
  table: TableDef;
  field: FieldDef;
  /** The record that holds the field (the referenced one, for a dot-walked path), or undefined. */
  record: SnRecord | undefined;
}

/** Walks `path` from `record`; undefined when some segment names no field. */
export function resolvePath(scope: RequestScope, table: TableDef, record: SnRecord | undefined, path: string): Resolved | undefined {
  const parts = path.split('.');
  let currentTable = table;
  let current = record;
  for (let i = 0; i < parts.length; i++) {
    const field = fieldDef(currentTable, parts[i] as string);
    if (!field) return undefined;
    if (i === parts.length - 1) return { table: currentTable, field, record: current };
    if (field.type !== 'reference' || !field.reference) return undefined;
    const next = tableDef(field.reference);
    if (!next) return undefined;
    const id = current?.[field.name] ?? '';
    current = id ? scope.instance.store.get(next.name, id) : undefined;
    currentTable = next;
  }
  return undefined;
}

/** The actual (database) value; journal fields always read back empty. */
export function actualValue(r: Resolved): string {
  if (r.field.type === 'journal') return '';
  return r.record?.[r.field.name] ?? '';
}

/**
 * A timer's display value, as GlideDuration.getDisplayValue() writes one ("3 Days 12 Hours" for
 * '3 12:00:00', GlideDuration – Scoped): the parts that are not zero. Singular forms and seconds
 * are not in the docs' examples (modelled: "1 Hour", "20 Seconds"); an empty timer shows empty.
 */
export function durationDisplay(value: string): string {
  if (value === '') return '';
  const ms = Date.parse(`${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) return value;
  let s = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [['Day', 86_400], ['Hour', 3_600], ['Minute', 60], ['Second', 1]] as const) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
  }
  return parts.join(' ') || '0 Seconds';
}

export function displayValue(scope: RequestScope, r: Resolved): string {
  const value = actualValue(r);
  const { field } = r;
  if (field.type === 'journal') return r.record ? journalDisplay(scope, r.table.name, r.record.sys_id ?? '', field.name) : '';
  if (field.choices) return choiceLabel(scope, r.table, field, value);
  if (field.type === 'timer') return durationDisplay(value);
  if (field.type === 'reference' && field.reference && value) {
    const target = tableDef(field.reference);
    const referenced = target ? scope.instance.store.get(target.name, value) : undefined;
    return referenced && target ? (referenced[target.displayField] ?? '') : '';
  }
  return value;
}

/** The query engine's view of a table: dot-walked values, numeric comparison for integers. */
export function queryAccess(scope: RequestScope, table: TableDef): FieldAccess {
  return {
    get(record, path) {
      const r = resolvePath(scope, table, record, path);
      return r ? actualValue(r) : undefined;
    },
    kind(path) {
      const r = resolvePath(scope, table, undefined, path);
      return r?.field.type === 'integer' ? 'number' : 'text';
    },
    literal(value) {
      if (value === 'javascript:gs.getUserID()') return scope.user.sys_id ?? '';
      const m = /^javascript:gs\.dateGenerate\('(\d{4}-\d{2}-\d{2})','(\d{2}:\d{2}:\d{2})'\)$/.exec(value);
      return m ? `${m[1]} ${m[2]}` : value;
    },
  };
}
