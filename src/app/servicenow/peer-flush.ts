// Sends what the ServiceNow peer queued for the Jira side: due entries, oldest first, through the
// core's sendOutboxEntry, which decides retry-or-archive on failure (nextTryAt and attempts, then
// the error list). A pair's later entries wait behind its earlier one that failed in this flush,
// and a run of failures ends the flush: the Jira side itself is struggling, and the next poll or
// notice tries again.
import type { SyncDeps } from '../../core/sync/deps';
import { sendOutboxEntry } from '../../core/sync/send-outbox-entry';

export type FlushReport = {
  sent: number;
  /** Failed and rescheduled (or held back while the connection is paused). */
  retrying: number;
  /** Failed for good: moved to the error list, where the admin's retry button is. */
  archived: number;
  /** Due entries were left for lack of budget (not because of failures): flush again soon. */
  more: boolean;
};

export type FlushOptions = {
  /** Entries sent at most in one flush, so the invocation stays within its time limit. */
  max?: number;
  /** Consecutive failed sends after which the flush stops. */
  stopAfterFailures?: number;
};

export const FLUSH_MAX = 100;
const STOP_AFTER_FAILURES = 3;

export async function flushPeerOutbox(deps: SyncDeps, options: FlushOptions = {}): Promise<FlushReport> {
  const max = options.max ?? FLUSH_MAX;
  const stopAfter = options.stopAfterFailures ?? STOP_AFTER_FAILURES;
  const report: FlushReport = { sent: 0, retrying: 0, archived: 0, more: false };
  const due = await deps.outbox.due(deps.clock.now(), max + 1);
  const held = new Set<string>();
  let failuresInRow = 0;
  for (const entry of due.slice(0, max)) {
    if (held.has(entry.pairId)) continue;
    const outcome = await sendOutboxEntry(deps, entry);
    if (outcome === 'sent' || outcome === 'missing') {
      if (outcome === 'sent') report.sent++;
      failuresInRow = 0;
      continue;
    }
    if (outcome === 'archived') {
      // Settled for good (the core marks the pair settled): the pair's next entries may go.
      report.archived++;
      continue;
    }
    report.retrying++;
    // Paused: every entry of the connection would be put off alike; leave them for later.
    if (outcome === 'paused') return report;
    held.add(entry.pairId);
    if (++failuresInRow >= stopAfter) return report;
  }
  report.more = due.length > max;
  return report;
}
