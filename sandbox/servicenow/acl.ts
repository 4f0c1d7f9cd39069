// A small stand-in for ServiceNow's ACLs: task tables are read and written by `itil` (anyone reads the
// tasks they opened or are the caller of), only `admin` deletes them; users are readable by all and
// written by admins; attachments follow their parent record. Journal entries and priority lookup rules
// are hidden (rows filtered out, a 200 with none) from all but admins and the roles an admin-written
// read ACL names (instance-config.ts); choices are readable by anyone signed in, written by admins.
import { hasRole, type RequestScope } from './context';
import { readGrants } from './instance-config';
import { aclDenied, type AclOperation } from './errors';
import { tableDef, type TableDef } from './schema';
import type { SnRecord } from './types';

export function canRead(scope: RequestScope, table: TableDef, record: SnRecord): boolean {
  const me = scope.user.sys_id ?? '';
  switch (table.acl) {
    case 'task':
      return hasRole(scope, 'itil') || record.caller_id === me || record.opened_by === me;
    case 'user':
      return true;
    case 'journal':
      return granted(scope, table.name);
    case 'lookup':
      return hasRole(scope, 'data_lookup_admin') || granted(scope, table.name);
    case 'choice':
      return true;
    case 'attachment': {
      const parentTable = tableDef(record.table_name ?? '');
      const parent = parentTable ? scope.instance.store.get(parentTable.name, record.table_sys_id ?? '') : undefined;
      return !!parent && !!parentTable && canRead(scope, parentTable, parent);
    }
  }
}

function granted(scope: RequestScope, table: string): boolean {
  return hasRole(scope, 'admin') || readGrants(scope.instance, table).some((role) => scope.roles.includes(role));
}

export function canWrite(scope: RequestScope, table: TableDef, op: Exclude<AclOperation, 'Read'>): boolean {
  switch (table.acl) {
    case 'task':
      return op === 'Delete' ? hasRole(scope, 'admin') : hasRole(scope, 'itil');
    case 'user':
      return hasRole(scope, 'user_admin');
    case 'lookup':
      return hasRole(scope, 'data_lookup_admin');
    case 'journal':
    case 'attachment':
    case 'choice':
      return hasRole(scope, 'admin');
  }
}

export function assertCanWrite(scope: RequestScope, table: TableDef, op: Exclude<AclOperation, 'Read'>): void {
  if (!canWrite(scope, table, op)) throw aclDenied(op);
}
