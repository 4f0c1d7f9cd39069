// Queue consumer for background work: deferred re-checks, bulk-sync pages, reconciliation sweep
// pages, ServiceNow poll slices and peer wake-ups.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { onIssueChanged } from '../../app/issue-changed';
import { failBulkPage, runBulkPage } from '../../app/bulk-sync';
import { flushServiceNowPeer, runServiceNowPollSlice } from '../../app/servicenow/poll-work';
import { runSweepPage } from '../../app/sweep';
import { parseWorkEvent, type WorkEvent } from '../../app/work-queue';

/** Retries asked of Forge for a failing event (it allows a few more); backoff in seconds. */
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
  try {
    if (work.kind === 'recheck') await onIssueChanged({ kind: 'changed', issueId: work.issueId, projectKey: work.projectKey, actor: null });
    else if (work.kind === 'servicenow-poll') await runServiceNowPollSlice(work);
    else if (work.kind === 'servicenow-flush') await flushServiceNowPeer(work);
    else if (work.kind === 'sweep') await runSweepPage(work);
    else await runBulkPage(work);
  } catch (e) {
    // A thrown error is not retried by Forge: ask for a retry explicitly (a Jira 5xx or a storage
    // hiccup passes), and once retries run out, end a bulk run as failed so it can be resumed.
    const retryCount = event?.retryContext?.retryCount ?? 0;
    const message = e instanceof Error ? e.message : String(e);
    if (retryCount < WORK_RETRIES) {
      console.warn(`liaison: ${work.kind} failed (attempt ${retryCount + 1}), retrying: ${message}`);
      return new InvocationError({ retryAfter: retryAfterSeconds(retryCount), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    console.error(`liaison: ${work.kind} failed after ${retryCount + 1} attempts: ${message}`);
    if (work.kind === 'bulk-page') await failBulkPage(work, e);
  }
}
