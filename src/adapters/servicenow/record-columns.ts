// The core's field keys ⇄ ServiceNow columns. Standard fields map onto the task table's columns
// (every table the connector serves — incident, problem, change_request, sc_req_item — extends
// task); custom fields name their column: `custom:u_vendor_ref` is the column u_vendor_ref.
// This table is ServiceNow's registration of the standard field kinds (src/core/fields): a kind
// with a task column gets one line; how it reads and writes follows the kind's neutral value kind.
import { standardField, type StandardFieldKey, type StandardValueKind } from '../../core/fields/standard-fields';
import { isUserField, type FieldKey } from '../../core/replica/field-key';

const STANDARD: Partial<Record<StandardFieldKey, string>> = {
  summary: 'short_description',
  description: 'description',
  status: 'state',
  priority: 'priority',
  assignee: 'assigned_to',
  reporter: 'opened_by',
  // The task table's "Time worked" timer: Jira's time spent (the worklogs' total) goes there.
  timespent: 'time_worked',
};

/** Columns that hold a duration (sn-duration.ts); the field they carry is a number of seconds. */
const DURATION_COLUMNS: ReadonlySet<string> = new Set(['time_worked']);
export const isDurationColumn = (column: string): boolean => DURATION_COLUMNS.has(column);

/** The column a field lives in, or null for fields ServiceNow records do not have (labels, issue type, due date). */
export function columnOf(key: FieldKey): string | null {
  if (key.startsWith('custom:')) return key.slice('custom:'.length);
  return STANDARD[key as StandardFieldKey] ?? null;
}

export const isUserColumn = (key: FieldKey): boolean => isUserField(key);

/** The neutral value kind of a standard field (undefined for custom columns). */
export const standardKind = (key: FieldKey): StandardValueKind | undefined => standardField(key)?.kind;

/** System columns every read needs: identity, number, and what the watermark and ledger compare. */
export const SYSTEM_COLUMNS = ['sys_id', 'number', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count'] as const;

/** `sysparm_fields` for reading `fields` (with the people's email when it may be shared). */
export function readColumns(fields: readonly FieldKey[], includeEmail: boolean): string[] {
  const out = new Set<string>(SYSTEM_COLUMNS);
  for (const key of fields) {
    const column = columnOf(key);
    if (!column) continue;
    out.add(column);
    if (includeEmail && isUserColumn(key)) out.add(`${column}.email`);
  }
  return [...out];
}
