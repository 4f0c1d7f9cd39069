// A record's parent, for hierarchy with Jira. An incident's parent is its Parent Incident
// (`parent_incident`, a reference to another incident: ServiceNow's "Create child incident" and
// "Synchronizing parent and child incidents" pages, cited in sandbox/servicenow/README.md). Other
// task tables are left without hierarchy: the task table's own `parent` may name a record of any
// task table, which one connection (one table) cannot pair. The column is read in the record's one
// GET, so hierarchy costs the peer no extra read.
import { localIssueId } from '../../core/ids';
import type { SnapshotRelations } from '../../core/replica/relations';
import { cell } from './record-fields';
import type { SnRecord } from './servicenow-schemas';

const PARENT_COLUMNS: Readonly<Record<string, string>> = { incident: 'parent_incident' };

/** The column holding a record's parent on this table; undefined when Liaison keeps no hierarchy there. */
export function parentColumnOf(table: string): string | undefined {
  return Object.hasOwn(PARENT_COLUMNS, table) ? PARENT_COLUMNS[table] : undefined;
}

/** The record's place in the hierarchy as the core reads it: its parent's sys_id (and number), no sub-tasks, no links. */
export function recordRelations(record: SnRecord, column: string): SnapshotRelations {
  const { value, display } = cell(record, column);
  return {
    parent: value ? localIssueId(value) : null,
    ...(value && display && display !== value ? { parentKey: display } : {}),
    subtask: false,
    links: [],
  };
}
