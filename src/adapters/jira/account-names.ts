// Account ids → the names people know (created by, rule authors, audit actors, a rule's user map).
// Read from Jira's bulk user endpoint (GET /rest/api/3/user/bulk, read:jira-user), kept in KVS for a
// day and used stale when Jira cannot answer: a name shown a little old beats a raw id. Bounded per
// call, so a long audit page costs at most a few Jira reads; ids past the bound show as ids.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import type { JiraHttp } from './jira-http';
import { userSchema } from './jira-schemas';

/** Jira accepts up to this many `accountId` parameters per bulk read we send (its default page is 10; we ask for this many). */
export const ACCOUNT_BULK_PAGE = 50;
/** Ids looked up in Jira per call; the rest are answered from the cache or as ids. */
export const ACCOUNT_LOOKUPS_PER_CALL = 100;
/** A cached name older than this is read again (and still used if that read fails). */
export const ACCOUNT_NAME_FRESH_MS = 24 * 60 * 60 * 1000;
/** How long the store keeps a name at all (the composition root gives this to its TTL cache). */
export const ACCOUNT_NAME_TTL_SECONDS = 30 * 24 * 60 * 60;

const pageSchema = z.looseObject({ values: z.array(userSchema), isLast: z.boolean().optional() });

export type AccountName = { accountId: string; displayName: string };
export type CachedAccountName = { displayName: string; at: number };
type Cached = CachedAccountName;
/** Where names are kept between invocations (KVS with a TTL on Forge). */
export type AccountNameCache = { read(id: string): Promise<Cached | null>; write(id: string, value: Cached): Promise<void> };

/** Ids that can be Jira accounts (not `sync`, `partner` or a person's typed name with spaces). */
export const looksLikeAccountId = (id: string): boolean => /^[A-Za-z0-9:_-]{6,128}$/.test(id) && !['partner', 'system'].includes(id);

export type UserSearchHit = AccountName & { emailAddress?: string };

export class AccountNames {
  private readonly client: JiraClient;

  constructor(http: JiraHttp, private readonly cache: AccountNameCache, private readonly now: () => number = Date.now) {
    this.client = new JiraClient(http);
  }

  /** A name for every id asked (the id itself when nobody can say), in the order asked. */
  async names(ids: readonly string[]): Promise<AccountName[]> {
    const unique = [...new Set(ids)].filter(looksLikeAccountId);
    const cached = new Map<string, Cached | null>(await Promise.all(unique.map(async (id) => [id, await this.cache.read(id).catch(() => null)] as const)));
    const due = unique.filter((id) => { const c = cached.get(id); return !c || this.now() - c.at > ACCOUNT_NAME_FRESH_MS; }).slice(0, ACCOUNT_LOOKUPS_PER_CALL);
    const fresh = new Map<string, string>();
    for (let i = 0; i < due.length; i += ACCOUNT_BULK_PAGE) {
      const batch = due.slice(i, i + ACCOUNT_BULK_PAGE);
      try {
        for (const [id, name] of await this.readBulk(batch)) fresh.set(id, name);
      } catch (e) {
        // Jira down or rate-limited: stale names (or ids) for now, the next call tries again.
        console.warn(`liaison: account names not read from Jira: ${(e as Error).message}`);
        break;
      }
    }
    await Promise.all([...fresh].map(([id, displayName]) => this.cache.write(id, { displayName, at: this.now() }).catch(() => undefined)));
    return ids.map((id) => ({ accountId: id, displayName: fresh.get(id) ?? cached.get(id)?.displayName ?? id }));
  }

  /** People matching what an admin typed (name or email prefix), active people only, at most `max`. */
  async search(query: string, max = 20): Promise<UserSearchHit[]> {
    const q = new URLSearchParams({ query, maxResults: String(max) });
    const users = await this.client.json(`search users for "${query}"`, z.array(userSchema), 'GET', route`/rest/api/3/user/search?${q}`);
    return users
      .filter((u) => u.active !== false && u.accountType !== 'app')
      .slice(0, max)
      .map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId, ...(u.emailAddress ? { emailAddress: u.emailAddress } : {}) }));
  }

  private async readBulk(ids: string[]): Promise<Map<string, string>> {
    const q = new URLSearchParams({ maxResults: String(ids.length) });
    for (const id of ids) q.append('accountId', id);
    const page = await this.client.json(`read the names of ${ids.length} accounts`, pageSchema, 'GET', route`/rest/api/3/user/bulk?${q}`);
    return new Map(page.values.filter((u) => u.displayName).map((u) => [u.accountId, u.displayName!]));
  }
}
