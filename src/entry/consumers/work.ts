// Queue consumer for background work: deferred re-checks, relays to a project's other partners,
// bulk-sync pages, reconciliation sweep pages, ServiceNow poll slices, peer wake-ups and a resumed
// connection's queue.
import type { InvocationError } from '@forge/events';
import { retryInvocation as retry } from '../../adapters/forge/invocation-retry';
import { STORAGE_RETRY_MS, isStorageRateLimited } from '../../adapters/forge/kvs-support';
import { onIssueChanged } from '../../app/issue-changed';
import { failBulkPage, runBulkPage } from '../../app/bulk-sync';
import { runOutboxResume } from '../../app/outbox-resume';
import { runRelay } from '../../app/relay-work';
import { runBringChildren } from '../../app/bring-children-work';
import { runResendParts } from '../../app/resend-parts-work';
import { flushServiceNowPeer, runServiceNowPollSlice } from '../../app/servicenow/poll-work';
import { runSweepPage } from '../../app/sweep';
import { parseWorkEvent, type WorkEvent } from '../../app/work-queue';

/**
 * Retries of a page that keeps failing, after which it is given up (a bulk run ends `failed` and can
 * be resumed; a sweep or poll starts again with its schedule). A re-check or a relay is retried for
 * as long as Forge keeps its event (the 24-hour retention window): it carries a change nobody else
 * would see before the next sweep.
 */
export const WORK_RETRIES = 3;
const retryAfterSeconds = (retryCount: number) => 10 * 2 ** retryCount;

type WorkQueueEvent = { body?: unknown; retryContext?: { retryCount?: number } };

export async function doWork(event: WorkQueueEvent): Promise<InvocationError | void> {
  let work: WorkEvent;
  try {
    work = parseWorkEvent(event?.body);
  } catch (e) {
    console.error(`liaison: dropped a malformed work event: ${(e as Error).message}`);
    return;
  }
  const retryCount = event?.retryContext?.retryCount ?? 0;
  try {
    if (work.kind === 'recheck') {
      // Jira could not be read: the event itself comes back later (no new push, no lost change).
      const later = await onIssueChanged({ kind: 'changed', issueId: work.issueId, projectKey: work.projectKey, actor: null });
      if (later) return retry(later.retryAfterMs / 1000, later.rateLimited);
    } else if (work.kind === 'servicenow-poll') await runServiceNowPollSlice(work);
    else if (work.kind === 'servicenow-flush') await flushServiceNowPeer(work);
    else if (work.kind === 'sweep') await runSweepPage(work);
    else if (work.kind === 'outbox-resume') await runOutboxResume(work);
    else if (work.kind === 'relay') await runRelay(work);
    else if (work.kind === 'bring-children') await runBringChildren(work);
    else if (work.kind === 'resend-parts') await runResendParts(work);
    else {
      // The page is done but the queue would not take its next page yet: this event comes back for it.
      const later = await runBulkPage(work);
      if (later) return retry(later.retryAfterMs / 1000);
    }
  } catch (e) {
    // Forge would retry a thrown error too, with its own back-off; asking explicitly keeps the
    // waits short and the count ours, so a page that keeps failing ends visibly.
    const message = e instanceof Error ? e.message : String(e);
    // Storage refused for its rate limit: nothing is wrong with the work, it waits out the minute
    // (within the retention window) and does not count toward giving up.
    if (isStorageRateLimited(e)) {
      console.warn(`liaison: ${work.kind} met the storage rate limit, retrying in ${STORAGE_RETRY_MS / 1000} s`);
      return retry(STORAGE_RETRY_MS / 1000, true);
    }
    if (work.kind === 'recheck' || work.kind === 'relay' || retryCount < WORK_RETRIES) {
      console.warn(`liaison: ${work.kind} failed (attempt ${retryCount + 1}), retrying: ${message}`);
      return retry(retryAfterSeconds(Math.min(retryCount, 6)));
    }
    console.error(`liaison: ${work.kind} failed after ${retryCount + 1} attempts: ${message}`);
    if (work.kind === 'bulk-page') await failBulkPage(work, e);
  }
}
