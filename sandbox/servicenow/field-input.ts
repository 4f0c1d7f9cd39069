// Turning a request body into field values: unknown fields are ignored (as the Table API does), system
// fields cannot be set, journal fields become entries, and values are checked against the field type.
// With sysparm_input_display_value=true, choice labels and reference display values are accepted. A value
// that is no choice of a choice field is dropped without an error, as an instance does (the field keeps
// what it had).
import { choiceByLabel, isChoice } from './choices';
import type { RequestScope } from './context';
import { badRequest } from './errors';
import { tableDef, type FieldDef, type TableDef } from './schema';
import { GLIDE_DATE_TIME, SYS_ID } from './time';

export interface ParsedInput {
  values: Record<string, string>;
  journal: { element: string; value: string }[];
  /** A sys_id the client asked a new record to get (POST only). */
  sysId?: string;
}

function scalar(name: string, raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  // `{ "value": … }` is what sysparm_display_value=all answers; accept it back.
  if (typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw) return scalar(name, (raw as { value: unknown }).value);
  throw badRequest(`Invalid value for field ${name}`, `Field ${name} takes a string, number or boolean, not ${JSON.stringify(raw).slice(0, 80)}`);
}

function reference(scope: RequestScope, field: FieldDef, value: string, byDisplay: boolean): string {
  const target = tableDef(field.reference ?? '');
  if (value === '' || !target) return value;
  const { store } = scope.instance;
  if (SYS_ID.test(value) && store.get(target.name, value)) return value;
  if (byDisplay) {
    const match = store.all(target.name).find((r) => r[target.displayField] === value || (target.name === 'sys_user' && r.user_name === value));
    if (match?.sys_id) return match.sys_id;
  }
  // ServiceNow keeps an unresolved reference as given; it then displays as empty.
  return value;
}

function typed(scope: RequestScope, table: TableDef, field: FieldDef, value: string, byDisplay: boolean): string {
  let v = value;
  if (byDisplay && field.choices) v = choiceByLabel(scope, table, field, v) ?? v;
  switch (field.type) {
    case 'integer':
      if (v !== '' && !/^-?\d+$/.test(v.trim())) throw badRequest(`Invalid value for field ${field.name}`, `'${v.slice(0, 80)}' is not an integer`);
      return v.trim() === '' ? '' : String(Number(v.trim()));
    case 'boolean':
      if (['true', '1'].includes(v.toLowerCase())) return 'true';
      if (['false', '0', ''].includes(v.toLowerCase())) return 'false';
      throw badRequest(`Invalid value for field ${field.name}`, `'${v.slice(0, 80)}' is not true or false`);
    case 'glide_date_time':
      if (v !== '' && !GLIDE_DATE_TIME.test(v)) throw badRequest(`Invalid value for field ${field.name}`, `'${v.slice(0, 80)}' is not a date-time (YYYY-MM-DD HH:mm:ss, UTC)`);
      return v;
    case 'timer': {
      // A duration: a date-time counted from the epoch ("1970-01-01 01:30:00" is 1 h 30 min).
      if (v === '') return v;
      const ms = GLIDE_DATE_TIME.test(v) ? Date.parse(`${v.replace(' ', 'T')}Z`) : NaN;
      if (Number.isNaN(ms) || ms < 0) throw badRequest(`Invalid value for field ${field.name}`, `'${v.slice(0, 80)}' is not a duration (a date-time from 1970-01-01 00:00:00)`);
      return v;
    }
    case 'reference':
      return reference(scope, field, v, byDisplay);
    default:
      return v;
  }
}

export function parseInput(
  scope: RequestScope,
  table: TableDef,
  body: Record<string, unknown>,
  options: { inputDisplayValue: boolean; insert: boolean },
): ParsedInput {
  const parsed: ParsedInput = { values: {}, journal: [] };
  for (const [name, raw] of Object.entries(body)) {
    const field = table.fields.find((f) => f.name === name);
    if (!field) continue;
    const value = scalar(name, raw);
    if (field.type === 'journal') {
      if (value.trim() !== '') parsed.journal.push({ element: name, value });
      continue;
    }
    if (field.readOnly) {
      if (options.insert && name === 'sys_id' && SYS_ID.test(value)) parsed.sysId = value;
      continue;
    }
    const stored = typed(scope, table, field, value, options.inputDisplayValue);
    if (field.choices && stored !== '' && !isChoice(scope, table, field, stored)) continue;
    parsed.values[name] = stored;
  }
  return parsed;
}
