// The maintenance's lost-delete check (core/sync/lost-deletes.ts): per live connection, one slice of
// pairs from a stored cursor, one Jira search for their local issues, and the unlink the delete
// event would have made for each one confirmed gone (the partner is told as on the trigger path).
// Cost per connection and run: one KVS read (cursor), one KVS query (slice), one Jira search, and
// a cursor write only when the slice was not the last one.
import { KvsDeleteCheckCursor } from '../adapters/forge/kvs-delete-check';
import { forgeJiraHttp } from '../adapters/jira';
import { goneIssueIds } from '../adapters/jira/issue-existence';
import { connectionId as toConnectionId, localIssueId } from '../core/ids';
import { unlinkLocal } from '../core/sync';
import { DELETE_CHECK_SLICE, nextCheckCursor, pairsToCheck } from '../core/sync/lost-deletes';
import type { AppDeps } from './sync-deps';

export async function findLostDeletes(deps: AppDeps): Promise<{ checked: number; unlinked: number }> {
  const cursors = new KvsDeleteCheckCursor();
  let checked = 0;
  let unlinked = 0;
  for (const connection of await deps.config.listConnections()) {
    if (connection.state === 'pending' || connection.state === 'ended') continue;
    try {
      const cursor = await cursors.get(connection.id);
      const page = await deps.store.pagePairs(connection.id, { limit: DELETE_CHECK_SLICE, ...(cursor ? { cursor } : {}) });
      const live = pairsToCheck(page.items);
      checked += live.length;
      const gone = new Set(await goneIssueIds(forgeJiraHttp(), live.map((p) => p.localIssueId!)));
      for (const pair of live) {
        if (!gone.has(pair.localIssueId!)) continue;
        if (await unlinkLocal(deps, { connectionId: toConnectionId(connection.id), issueId: localIssueId(pair.localIssueId!), reason: 'deleted', actor: 'sync' })) unlinked++;
      }
      const next = nextCheckCursor(page);
      if (next !== cursor) await cursors.put(connection.id, next);
    } catch (e) {
      // One connection's check failing (Jira busy) must not stop the others; the next run tries again.
      console.warn(`liaison: the lost-delete check of connection ${connection.id} failed this time: ${(e as Error).message}`);
    }
  }
  if (unlinked > 0) console.info(`liaison: ${unlinked} pair(s) unlinked whose local issue was deleted without an event`);
  return { checked, unlinked };
}
