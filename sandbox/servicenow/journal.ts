// Journal fields (comments, work_notes): a write appends an entry to sys_journal_field and the field itself
// stays empty; its display value is the history, newest first, as ServiceNow renders it.
import type { RequestScope } from './context';
import type { SnRecord } from './types';

const LABELS: Record<string, string> = { comments: 'Additional comments', work_notes: 'Work notes' };

export function journalDisplay(scope: RequestScope, table: string, sysId: string, element: string): string {
  const { store } = scope.instance;
  const entries = store
    .children('sys_journal_field', sysId)
    .filter((e) => e.name === table && e.element === element)
    .reverse();
  const names = new Map<string, string>();
  const nameOf = (userName: string): string => {
    if (!names.has(userName)) {
      const user = store.all('sys_user').find((u) => u.user_name === userName);
      names.set(userName, user?.name || userName);
    }
    return names.get(userName) as string;
  };
  return entries
    .map((e) => `${e.sys_created_on} - ${nameOf(e.sys_created_by ?? '')} (${LABELS[element] ?? element})\n${e.value}\n\n`)
    .join('');
}

/** The sys_journal_field record for one entry; the caller stores it with the parent's write. */
export function journalEntry(table: string, parent: SnRecord, element: string, value: string): SnRecord {
  return { element, element_id: parent.sys_id ?? '', name: table, value };
}
