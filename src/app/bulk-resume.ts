// A bulk sync's pages form one chain of queue events, each page pushing the next. Two things can
// stop the chain, and the five-minute maintenance (a fresh invocation) takes the run up again:
// - Forge's cyclic invocation limit: one chain may make 1,000 push requests, so the chain hands
//   the run over after CHAIN_HOPS_MAX pages (or at once if Forge refuses a push for that reason);
// - a lost page event (the platform lost its queue, or the page's last retry and its failure
//   record both died): a run silent for BULK_STALL_MS gets its waiting page again.
// Pages are idempotent (each issue is planned against its pair's last-sent hashes), so a page that
// was only slow and runs twice sends nothing twice.
import { KvsBulkStatus, type BulkRun } from '../adapters/forge';
import type { SyncDeps } from '../core/sync/deps';
import { nextPagePace } from './bulk-pace';
import { CHAIN_HOPS_MAX, isChainLimit, isPushRateLimited, pushWork, type WorkEvent } from './work-queue';

type BulkPage = Extract<WorkEvent, { kind: 'bulk-page' }>;

/**
 * Longer than a page can take on Forge with its retries (do-work's 300 s limit, three retries after
 * 10, 20 and 40 s): a run silent this long has lost its page.
 */
export const BULK_STALL_MS = 25 * 60_000;

/**
 * The queue refused a push for its rate limit ("retry adding events after a minute"): the page's
 * own event comes back after this long and queues its next page then (runBulkPage).
 */
export const PUSH_REFUSED_RETRY_MS = 60_000;

/**
 * Queues the page after `work`, or hands the run over: to the next maintenance run when the chain
 * is long, or to this page's own retry a minute later when the queue refused the push for its rate
 * limit (the page is done and recorded, so that retry only queues the next one). Either way the run
 * records the page waiting (`nextPageToken`), so nothing is read twice. `handedOver`: the run as
 * read by that retry, whose hand-over ends once the push is taken.
 */
export async function continueBulkRun(work: Omit<BulkPage, 'kind'>, nextPageToken: string, handedOver?: BulkRun): Promise<{ retryAfterMs: number } | void> {
  const hop = (work.hop ?? 0) + 1;
  let refused = false;
  if (hop < CHAIN_HOPS_MAX) {
    try {
      // A handed-over page's retry queues the next page only: it spent no storage on a page.
      const { pace, delaySeconds } = handedOver ? { pace: work.pace, delaySeconds: 0 } : nextPagePace(work.pace, Date.now());
      await pushWork({ kind: 'bulk-page', runId: work.runId, connectionId: work.connectionId, projectKey: work.projectKey, nextPageToken, hop, ...(pace ? { pace } : {}) }, delaySeconds);
      if (handedOver) {
        const { handoffAt: _at, handoffFrom: _from, ...rest } = handedOver;
        await new KvsBulkStatus().put(work.connectionId, work.projectKey, { ...rest, touchedAt: Date.now() });
      }
      return;
    } catch (e) {
      if (!isChainLimit(e) && !isPushRateLimited(e)) throw e;
      refused = !isChainLimit(e);
    }
  }
  const status = new KvsBulkStatus();
  const run = handedOver ?? (await status.get(work.connectionId, work.projectKey));
  if (!run || run.runId !== work.runId || run.state !== 'running') return;
  if (!handedOver) await status.put(work.connectionId, work.projectKey, { ...run, nextPageToken, handoffAt: Date.now(), handoffFrom: work.nextPageToken });
  if (refused) return { retryAfterMs: PUSH_REFUSED_RETRY_MS };
}

/** Re-queues the waiting page of every handed-over or stalled run; returns how many. One KVS read per shared project. */
export async function resumeStalledBulkRuns(deps: Pick<SyncDeps, 'config' | 'clock'>): Promise<number> {
  const status = new KvsBulkStatus();
  const now = deps.clock.now();
  let resumed = 0;
  for (const connection of await deps.config.listConnections()) {
    if (connection.state === 'pending' || connection.state === 'ended') continue;
    for (const rule of await deps.config.currentRules(connection.id)) {
      const run = await status.get(connection.id, rule.projectKey);
      if (run?.state !== 'running') continue;
      const silentMs = now - (run.touchedAt ?? run.startedAt);
      if (run.handoffAt === undefined && silentMs < BULK_STALL_MS) continue;
      const { handoffAt, handoffFrom: _from, ...rest } = run;
      const nextPageToken = run.nextPageToken ?? null;
      await status.put(connection.id, rule.projectKey, { ...rest, touchedAt: now });
      await pushWork({ kind: 'bulk-page', runId: run.runId, connectionId: connection.id, projectKey: rule.projectKey, nextPageToken });
      if (handoffAt === undefined) {
        console.warn(`liaison: bulk sync of ${rule.projectKey} on connection ${connection.id} made no progress for ${Math.round(silentMs / 60_000)} min; its next page is queued again`);
      }
      resumed++;
    }
  }
  return resumed;
}
