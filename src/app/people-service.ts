// Account ids as the names people know, and a user search for the admin's pickers. Names are cached
// in KVS (adapters/jira/account-names.ts); views that show people carry `{ accountId, displayName }`.
import { KvsTtlCache } from '../adapters/forge/kvs-ttl-cache';
import { ACCOUNT_NAME_TTL_SECONDS, AccountNames, forgeJiraHttp, looksLikeAccountId, type CachedAccountName } from '../adapters/jira';
import type { AccountView, AuditEntryView, RuleVersionView } from '../shared/resolver-contract';

export function accountNames(): AccountNames {
  return new AccountNames(forgeJiraHttp(), new KvsTtlCache<CachedAccountName>({ namespace: 'account-name-v1', ttlSeconds: ACCOUNT_NAME_TTL_SECONDS }));
}

/** Names for the ids (the id when Jira cannot say); `sync`, `partner` and such are left out. */
export async function namesOf(ids: readonly string[], names: AccountNames = accountNames()): Promise<Map<string, AccountView>> {
  const accounts = [...new Set(ids)].filter(looksLikeAccountId);
  if (accounts.length === 0) return new Map();
  return new Map((await names.names(accounts)).map((a) => [a.accountId, a]));
}

export async function resolveNames(ids: string[]): Promise<AccountView[]> {
  const found = await namesOf(ids);
  return ids.map((id) => found.get(id) ?? { accountId: id, displayName: id });
}

export async function searchUsers(query: string): Promise<Array<AccountView & { emailAddress?: string }>> {
  return accountNames().search(query);
}

/**
 * Audit entries with their actor's name: a Jira account by its display name, the partner by the
 * connection's name (`Globex (globex.atlassian.net)`); Liaison's own `sync` stays as it is.
 */
export async function withActorNames(items: AuditEntryView[], partnerName: string): Promise<AuditEntryView[]> {
  const found = await namesOf(items.map((a) => a.actor)).catch(() => new Map<string, AccountView>());
  return items.map((a) => {
    const user = a.actor === 'partner' ? { accountId: 'partner', displayName: partnerName } : found.get(a.actor);
    return user ? { ...a, actorUser: user } : a;
  });
}

/** Rule versions with their author's display name. */
export async function withAuthorNames<V extends RuleVersionView>(versions: V[]): Promise<V[]> {
  const found = await namesOf(versions.map((v) => v.author)).catch(() => new Map<string, AccountView>());
  return versions.map((v) => {
    const user = found.get(v.author);
    return user ? { ...v, authorUser: user } : v;
  });
}
