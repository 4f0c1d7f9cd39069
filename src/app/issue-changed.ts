// A local issue changed (product trigger) or needs another look (deferred change): plan and queue
// what the partner must learn. Deletions unlink every pair of the issue and tell the partner.
import { localIssueId } from '../core/ids';
import { connectionId } from '../core/ids';
import { handleLocalChange, sendNow, unlinkLocal } from '../core/sync';
import { TRACKER_RETRY_MS, TrackerError, trackerRetryAfterMs } from '../core/sync/tracker-error';
import { syncDepsForProject } from './sync-deps';
import { pushWork } from './work-queue';

export type IssueChange = { kind: 'changed' | 'deleted'; issueId: string; projectKey: string; actor: string | null };

export async function onIssueChanged(change: IssueChange): Promise<void> {
  const deps = await syncDepsForProject(change.projectKey);
  if (change.kind === 'deleted') {
    for (const rule of await deps.config.rulesForProject(change.projectKey)) {
      await unlinkLocal(deps, { connectionId: connectionId(rule.connectionId), issueId: localIssueId(change.issueId), reason: 'deleted', actor: change.actor ?? 'sync' });
    }
    return;
  }
  let outcomes;
  try {
    outcomes = await handleLocalChange(deps, { issueId: localIssueId(change.issueId), inline: true });
  } catch (e) {
    // Jira rate-limited or failed the read: Forge does not redeliver product events, so look again
    // later rather than lose the change.
    if (!(e instanceof TrackerError && e.transient)) throw e;
    await pushWork({ kind: 'recheck', issueId: change.issueId, projectKey: change.projectKey }, (trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS) / 1000);
    return;
  }
  // The issue is gone already: its delete event does the unlinking.
  if (outcomes === 'issue-not-found') return;
  // Sent from here, without a queue hop: quicker, and the entry needs no second read. A send that
  // fails is rescheduled by the core like any other; one that dies with this invocation is still
  // stored, and the scheduled re-drive sends it once INLINE_GRACE_MS has passed.
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
