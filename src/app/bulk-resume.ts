// A bulk sync whose page event was lost (the platform lost its queue, or the page's last retry and
// its failure record both died) would stay "running" for ever with half the project unsynced. The
// five-minute maintenance queues the page a stalled run is waiting for again; pages are idempotent
// (each issue is planned against its pair's last-sent hashes), so a page that was only slow and
// runs twice sends nothing twice.
import { KvsBulkStatus } from '../adapters/forge';
import type { SyncDeps } from '../core/sync/deps';
import { pushWork } from './work-queue';

/**
 * Longer than a page can take on Forge with its retries (do-work's 300 s limit, three retries after
 * 10, 20 and 40 s): a run silent this long has lost its page.
 */
export const BULK_STALL_MS = 25 * 60_000;

/** Re-queues the waiting page of every stalled run; returns how many. One KVS read per shared project. */
export async function resumeStalledBulkRuns(deps: Pick<SyncDeps, 'config' | 'clock'>): Promise<number> {
  const status = new KvsBulkStatus();
  const now = deps.clock.now();
  let resumed = 0;
  for (const connection of await deps.config.listConnections()) {
    if (connection.state === 'pending' || connection.state === 'ended') continue;
    for (const rule of await deps.config.currentRules(connection.id)) {
      const run = await status.get(connection.id, rule.projectKey);
      if (run?.state !== 'running' || now - (run.touchedAt ?? run.startedAt) < BULK_STALL_MS) continue;
      const nextPageToken = run.nextPageToken ?? null;
      await status.put(connection.id, rule.projectKey, { ...run, touchedAt: now });
      await pushWork({ kind: 'bulk-page', runId: run.runId, connectionId: connection.id, projectKey: rule.projectKey, nextPageToken });
      console.warn(`liaison: bulk sync of ${rule.projectKey} on connection ${connection.id} made no progress for ${Math.round((now - (run.touchedAt ?? run.startedAt)) / 60_000)} min; its next page is queued again`);
      resumed++;
    }
  }
  return resumed;
}
