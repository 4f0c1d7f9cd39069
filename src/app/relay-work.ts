// The relay's consumer (app/relay.ts asks for it): the issues a partner's message changed here,
// planned again for every connection of their project.
import { connectionId, localIssueId } from '../core/ids';
import { DEFER_MS, handleLocalChange, inParallel, ISSUE_CONCURRENCY, sendBatch, type SendNow } from '../core/sync';
import type { RelayIssue } from '../core/sync/relay';
import { TRACKER_RETRY_MS, TrackerError, trackerRetryAfterMs } from '../core/sync/tracker-error';
import { pushRelays } from './relay';
import { syncDepsForProject } from './sync-deps';
import { pushWork, type WorkEvent } from './work-queue';

export type RelayWork = Extract<WorkEvent, { kind: 'relay' }>;

/**
 * The consumer's side: one read of each issue (with every field the project's rules share), planned
 * for every connection; what got queued goes out in batches. An issue Jira could not be read for
 * now is relayed again later; one whose plan had to wait (an apply in flight) is looked at again.
 */
export async function runRelay(work: RelayWork): Promise<{ queued: number; later: number }> {
  const deps = await syncDepsForProject(work.projectKey);
  const ids = work.issueIds.map(localIssueId);
  const snapshots = ids.length > 1 ? ((await deps.tracker.getIssues?.(ids)) ?? null) : null;
  const sends: SendNow[] = [];
  const later: RelayIssue[] = [];
  const recheck: string[] = [];
  let retryAfterMs = TRACKER_RETRY_MS;
  let queued = 0;
  await inParallel(ids, ISSUE_CONCURRENCY, async (issueId) => {
    const snapshot = snapshots?.get(issueId);
    try {
      const outcomes = await handleLocalChange(deps, { issueId, inline: true, ...(snapshot ? { snapshot } : {}), ...(work.except ? { except: work.except } : {}) });
      if (outcomes === 'issue-not-found') return;
      for (const o of outcomes) {
        if (o.status === 'queued') queued++;
        if (o.status === 'queued' && o.send) sends.push(o.send);
        if (o.status === 'deferred') recheck.push(issueId);
      }
    } catch (e) {
      if (!(e instanceof TrackerError && e.transient)) throw e;
      retryAfterMs = Math.max(retryAfterMs, trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS);
      later.push({ issueId, projectKey: work.projectKey, ...(work.except ? { from: connectionId(work.except) } : {}) });
    }
  });
  await sendBatch(deps, sends);
  if (later.length > 0) await pushRelays(later, retryAfterMs / 1000);
  for (const issueId of new Set(recheck)) await pushWork({ kind: 'recheck', issueId, projectKey: work.projectKey }, DEFER_MS / 1000);
  return { queued, later: later.length };
}
