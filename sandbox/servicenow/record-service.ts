// Inserting, updating and deleting records as the platform does: system fields, numbers, journal entries,
// the default business logic of task tables (priority lookup, active/resolved/closed stamps), and the
// change list the instance turns into listeners' events and business-rule notices after answering.
import { choicesChanged } from './choices';
import type { RequestScope } from './context';
import { enforceDataPolicy } from './data-policy';
import { badRequest } from './errors';
import { journalEntry } from './journal';
import type { TableDef } from './schema';
import { glideDateTime, newSysId } from './time';
import type { ParsedInput } from './field-input';
import type { SnRecord } from './types';

/** States after which a task is no longer active, per table. */
const INACTIVE_STATES: Record<string, string[]> = {
  incident: ['7', '8'],
  change_request: ['3', '4'],
  problem: ['107'],
  sc_req_item: ['3', '4', '7'],
};
const PRIORITY_FROM_LOOKUP = new Set(['incident', 'problem']);

function userName(scope: RequestScope): string {
  return scope.user.user_name ?? '';
}

/** The instance's own Priority Lookup Rules (dl_u_priority), as an admin may have changed them. */
function lookupPriority(scope: RequestScope, impact: string, urgency: string): string | undefined {
  const row = scope.instance.store.all('dl_u_priority').find((r) => r.active !== 'false' && r.impact === impact && r.urgency === urgency);
  return row?.priority || undefined;
}

/** Task-table business logic that runs before every insert and update. */
function applyTaskRules(scope: RequestScope, table: TableDef, next: SnRecord, previous: SnRecord | undefined): void {
  if (table.acl !== 'task') return;
  if (PRIORITY_FROM_LOOKUP.has(table.name)) {
    const priority = lookupPriority(scope, next.impact ?? '', next.urgency ?? '');
    if (priority) next.priority = priority;
  }
  if (next.state === previous?.state) return;
  const now = glideDateTime(scope.instance.now());
  const inactive = (INACTIVE_STATES[table.name] ?? []).includes(next.state ?? '');
  next.active = inactive ? 'false' : 'true';
  if (table.name === 'incident' && next.state === '6' && !next.resolved_at) {
    next.resolved_at = now;
    next.resolved_by = scope.user.sys_id ?? '';
  }
  if (inactive && !next.closed_at) {
    next.closed_at = now;
    next.closed_by = scope.user.sys_id ?? '';
  }
  if (!inactive && next.state !== '6' && table.name === 'incident') {
    next.resolved_at = next.resolved_by = next.closed_at = next.closed_by = '';
  }
}

function appendJournal(scope: RequestScope, table: TableDef, parent: SnRecord, journal: ParsedInput['journal']): void {
  for (const j of journal) insertSystemRecord(scope, 'sys_journal_field', journalEntry(table.name, parent, j.element, j.value));
}

/** Stores a record no ACL guards (journal entries, attachment metadata, seed data). */
export function insertSystemRecord(scope: RequestScope, tableName: string, values: SnRecord, sysId = newSysId()): SnRecord {
  const now = glideDateTime(scope.instance.now());
  const record: SnRecord = {
    ...values,
    sys_id: sysId,
    sys_created_on: now,
    sys_created_by: userName(scope),
    sys_updated_on: now,
    sys_updated_by: userName(scope),
    sys_mod_count: '0',
  };
  scope.instance.store.insert(tableName, record);
  if (tableName === 'sys_choice') choicesChanged(scope);
  scope.changes.push({ table: tableName, sysId, operation: 'insert', record, user: userName(scope), changed: Object.keys(values) });
  return record;
}

export function insertRecord(scope: RequestScope, table: TableDef, input: ParsedInput): SnRecord {
  const { store } = scope.instance;
  const sysId = input.sysId ?? newSysId();
  if (store.get(table.name, sysId)) throw badRequest('Operation Failed', `A record with sys_id ${sysId} already exists`);
  const values: SnRecord = {};
  for (const f of table.fields) if (f.default !== undefined) values[f.name] = f.default;
  Object.assign(values, input.values);
  if (table.numberPrefix) {
    const n = store.nextCounter(table.numberPrefix, table.numberStart ?? 1);
    values.number = `${table.numberPrefix}${String(n).padStart(7, '0')}`;
  }
  if (table.acl === 'task') {
    values.sys_class_name = table.name;
    values.opened_at ||= glideDateTime(scope.instance.now());
    values.opened_by ||= scope.user.sys_id ?? '';
  }
  applyTaskRules(scope, table, values, undefined);
  enforceDataPolicy(scope, table, values);
  const record = insertSystemRecord(scope, table.name, values, sysId);
  appendJournal(scope, table, record, input.journal);
  return record;
}

/** Saves only when something changed: an update that changes nothing bumps nothing and notifies no one. */
export function updateRecord(scope: RequestScope, table: TableDef, existing: SnRecord, input: ParsedInput): SnRecord {
  const next: SnRecord = { ...existing, ...input.values };
  applyTaskRules(scope, table, next, existing);
  const changedColumns = Object.keys(next).filter((k) => next[k] !== existing[k]);
  if (changedColumns.length === 0 && input.journal.length === 0) return existing;
  enforceDataPolicy(scope, table, next);
  next.sys_updated_on = glideDateTime(scope.instance.now());
  next.sys_updated_by = userName(scope);
  next.sys_mod_count = String(Number(existing.sys_mod_count ?? '0') + 1);
  scope.instance.store.update(table.name, next);
  appendJournal(scope, table, next, input.journal);
  if (table.name === 'sys_choice') choicesChanged(scope);
  const changed = [...changedColumns, ...input.journal.map((j) => j.element)];
  scope.changes.push({ table: table.name, sysId: next.sys_id ?? '', operation: 'update', record: next, user: userName(scope), changed });
  return next;
}

/** Deletes a record with its journal entries and attachments (ServiceNow cascades both). */
export function deleteRecord(scope: RequestScope, table: TableDef, record: SnRecord): void {
  const { store } = scope.instance;
  const sysId = record.sys_id ?? '';
  for (const child of ['sys_journal_field', 'sys_attachment'] as const) {
    for (const c of store.children(child, sysId)) if (c.name === table.name || c.table_name === table.name) store.delete(child, c.sys_id ?? '');
  }
  store.delete(table.name, sysId);
  if (table.name === 'sys_choice') choicesChanged(scope);
  scope.changes.push({ table: table.name, sysId, operation: 'delete', record, user: userName(scope) });
}
