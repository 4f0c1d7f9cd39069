// Jira's people for the rule editor's account pickers: the Jira admin's resolvers on the admin
// page, the delegated project's on the project settings page (the backend checks the delegation).
import { useMemo } from 'react';
import type { AccountView } from '../../../../src/shared/resolver-contract';
import { callResolver } from '../../../shared/bridge';
import type { AccountSearch } from '../logic/rule-picker-data';

export type Accounts = { search: AccountSearch; names: (accountIds: string[]) => Promise<AccountView[]> };

async function answer(result: Promise<{ ok: true; data: AccountView[] } | { ok: false; error: { message: string } }>): Promise<AccountView[]> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

/** `connectionId` set: the project settings page of a project whose rule on that connection is delegated. */
export function useAccounts(connectionId?: string): Accounts {
  return useMemo(
    () =>
      connectionId === undefined
        ? { search: (query) => answer(callResolver<AccountView[]>('admin/users/search', { query })), names: (accountIds) => answer(callResolver<AccountView[]>('admin/users/names', { accountIds })) }
        : { search: (query) => answer(callResolver<AccountView[]>('project/users/search', { connectionId, query })), names: (accountIds) => answer(callResolver<AccountView[]>('project/users/names', { connectionId, accountIds })) },
    [connectionId],
  );
}
