// The maintenance's lost-delete check (core/sync/lost-deletes.ts): per live connection whose walk is
// due by the maintenance schedule, one slice of pairs from the walk's cursor, one Jira search for
// their local issues, and the unlink the delete event would have made for each one confirmed gone
// (the partner is told as on the trigger path). Cost per connection: nothing in a run where its
// walk is not due; else one KVS query (slice) and one Jira search (plus a GET per issue the search
// does not return). The schedule is read and written by the caller (app/maintenance-run.ts).
import { forgeJiraHttp } from '../adapters/jira';
import { goneIssueIds } from '../adapters/jira/issue-existence';
import type { Connection } from '../core/connection';
import { connectionId as toConnectionId, localIssueId } from '../core/ids';
import { unlinkLocal } from '../core/sync';
import { afterSlice, DELETE_CHECK_SLICE, deleteCheckDue, nextCheckCursor, pairsToCheck } from '../core/sync/lost-deletes';
import type { MaintenanceSchedule } from '../core/sync/maintenance-schedule';
import type { AppDeps } from './sync-deps';

export type LostDeleteReport = { checked: number; unlinked: number; slices: number };

/** Runs the due slices; `schedule.deleteChecks` is updated in place for each slice that ran. */
export async function findLostDeletes(deps: AppDeps, connections: readonly Connection[], schedule: MaintenanceSchedule): Promise<LostDeleteReport> {
  const report: LostDeleteReport = { checked: 0, unlinked: 0, slices: 0 };
  const now = deps.clock.now();
  for (const connection of connections) {
    if (connection.state === 'pending' || connection.state === 'ended') continue;
    const state = schedule.deleteChecks[connection.id];
    if (!deleteCheckDue(state, now)) continue;
    try {
      const cursor = state?.cursor ?? null;
      const page = await deps.store.pagePairs(connection.id, { limit: DELETE_CHECK_SLICE, ...(cursor ? { cursor } : {}) });
      const live = pairsToCheck(page.items);
      const gone = new Set(await goneIssueIds(forgeJiraHttp(), live.map((p) => p.localIssueId!)));
      report.checked += live.length;
      report.slices++;
      for (const pair of live) {
        if (!gone.has(pair.localIssueId!)) continue;
        if (await unlinkLocal(deps, { connectionId: toConnectionId(connection.id), issueId: localIssueId(pair.localIssueId!), reason: 'deleted', actor: 'sync' })) report.unlinked++;
      }
      schedule.deleteChecks[connection.id] = afterSlice(state, now, nextCheckCursor(page));
    } catch (e) {
      // One connection's check failing (Jira busy) must not stop the others; the next run tries again.
      console.warn(`liaison: the lost-delete check of connection ${connection.id} failed this time: ${(e as Error).message}`);
    }
  }
  if (report.unlinked > 0) console.info(`liaison: ${report.unlinked} pair(s) unlinked whose local issue was deleted without an event`);
  return report;
}
