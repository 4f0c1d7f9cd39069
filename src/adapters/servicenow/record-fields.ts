// Reading one column of a Table API record, whatever display mode it was fetched in: a plain string
// (sysparm_display_value=false), a reference `{value, link}`, or `{value, display_value}`
// (sysparm_display_value=all). Dot-walked columns (`assigned_to.email`) are plain keys.
import type { SnRecord } from './servicenow-schemas';

export type Cell = { value: string; display: string };

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

export function cell(rec: SnRecord, column: string): Cell {
  const v = rec[column];
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { value?: unknown; display_value?: unknown };
    const value = text(o.value);
    return { value, display: o.display_value === undefined ? value : text(o.display_value) };
  }
  const value = text(v);
  return { value, display: value };
}

/** A column's stored value: what queries compare against and writes set. */
export const valueOf = (rec: SnRecord, column: string): string => cell(rec, column).value;
