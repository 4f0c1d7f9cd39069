// A local issue changed (product trigger) or needs another look (deferred change): plan and queue
// what the partner must learn. Deletions unlink every pair of the issue and tell the partner.
import { STORAGE_RETRY_MS, isStorageRateLimited } from '../adapters/forge/kvs-support';
import type { IssueReadAhead } from '../adapters/jira/issue-project';
import { localIssueId } from '../core/ids';
import { connectionId } from '../core/ids';
import { handleLocalChange, sendNow, unlinkLocal } from '../core/sync';
import { TRACKER_RETRY_MS, TrackerError, trackerRateLimited, trackerRetryAfterMs } from '../core/sync/tracker-error';
import { syncDepsForProject } from './sync-deps';
import { pushWork } from './work-queue';

/** `created`: the event was the issue's creation (its pair, if any, is under an id derived from it). */
export type IssueChange = { kind: 'changed' | 'deleted'; issueId: string; projectKey: string; actor: string | null; created?: boolean };

/**
 * Jira could not be read just now (rate limit, outage), or Forge's storage refused for its rate
 * limit: the change is not planned (or not wholly) yet and the caller must have it looked at again
 * after `retryAfterMs` — a product trigger by asking Forge to redeliver its event, a queue consumer
 * by asking for its event's retry. Looking again is safe: planning compares with what was sent.
 */
export type RetryLater = { retryAfterMs: number; rateLimited: boolean };

/**
 * How long the trigger waits for the partner before leaving the change to the outbox queue. The
 * trigger has 25 s in all and Jira reads before the send; the queue's consumer gets 20 s per try.
 */
export const TRIGGER_SEND_TIMEOUT_MS = 8_000;

/** `readAhead`: the issue as already read with every field (an event naming it by id), so it is not read again. */
export async function onIssueChanged(change: IssueChange, readAhead?: IssueReadAhead): Promise<RetryLater | void> {
  try {
    return await look(change, readAhead);
  } catch (e) {
    // A refused storage call stored nothing; the per-minute volume limits decide the wait.
    if (isStorageRateLimited(e)) return { retryAfterMs: STORAGE_RETRY_MS, rateLimited: true };
    throw e;
  }
}

async function look(change: IssueChange, readAhead?: IssueReadAhead): Promise<RetryLater | void> {
  const deps = await syncDepsForProject(change.projectKey, { transportTimeoutMs: TRIGGER_SEND_TIMEOUT_MS, ...(readAhead ? { readAhead } : {}) });
  if (change.kind === 'deleted') {
    for (const rule of await deps.config.rulesForProject(change.projectKey)) {
      await unlinkLocal(deps, { connectionId: connectionId(rule.connectionId), issueId: localIssueId(change.issueId), reason: 'deleted', actor: change.actor ?? 'sync' });
    }
    return;
  }
  let outcomes;
  try {
    outcomes = await handleLocalChange(deps, { issueId: localIssueId(change.issueId), inline: true, ...(change.created ? { created: true } : {}) });
  } catch (e) {
    // Jira rate-limited or failed the read: nothing was planned, so the whole look is repeated later.
    if (!(e instanceof TrackerError && e.transient)) throw e;
    return { retryAfterMs: trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS, rateLimited: trackerRateLimited(e) };
  }
  // The issue is gone already: its delete event does the unlinking.
  if (outcomes === 'issue-not-found') return;
  // Sent from here, without a queue hop: quicker, and the entry needs no second read. A send that
  // fails (or outlasts TRIGGER_SEND_TIMEOUT_MS) is rescheduled by the core like any other; one that
  // dies with this invocation is still stored, and the scheduled re-drive sends it once
  // INLINE_GRACE_MS has passed.
  try {
    await sendNow(deps, outcomes);
  } catch (e) {
    console.warn(`liaison: sending the change of issue ${change.issueId} failed here; it stays queued: ${(e as Error).message}`);
  }
  const deferred = outcomes.find((o) => o.status === 'deferred');
  if (deferred && deferred.status === 'deferred') {
    await pushWork({ kind: 'recheck', issueId: change.issueId, projectKey: change.projectKey }, deferred.retryAfterMs / 1000);
  }
}

/** A change whose redeliveries ran out goes to the work queue, whose retries last a day. */
export async function recheckLater(change: IssueChange, later: RetryLater): Promise<void> {
  await pushWork({ kind: 'recheck', issueId: change.issueId, projectKey: change.projectKey }, later.retryAfterMs / 1000);
}
