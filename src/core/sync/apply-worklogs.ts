// The worklog part of an apply: adds (idempotent through the mirror token), edits and deletes, each
// step standing alone as for comments. A tracker without worklogs refuses each one visibly.
import type { LocalIssueId, PairId } from '../ids';
import type { PlanError, WorklogPlan } from '../planning/change-plan';
import type { NewWorklog, Tracker } from '../ports/tracker';
import { isTransientTrackerError } from './tracker-error';

/** The token a mirrored worklog carries: which pair, which partner worklog (comments use the same form). */
export const worklogToken = (pairId: PairId, partnerWorklogId: string): string => `${pairId}/worklog/${partnerWorklogId}`;

/**
 * `added` is filled as adds land, so a caller that sees this throw (a transient failure) still
 * knows which partner worklogs have a local copy. Non-transient refusals become errors.
 */
export async function applyWorklogs(tracker: Tracker, issueId: LocalIssueId, pairId: PairId, plan: WorklogPlan, unclaimed: string[], added: Record<string, string>, errors: PlanError[]): Promise<void> {
  const { addWorklog, updateWorklog, deleteWorklog } = tracker;
  if (!addWorklog || !updateWorklog || !deleteWorklog) {
    for (const w of [...plan.add, ...plan.edit, ...plan.delete]) errors.push({ field: 'worklogs', value: `worklog ${w.partnerId}`, reason: 'this tracker keeps no worklogs' });
    return;
  }
  const step = async (partnerId: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (e) {
      if (isTransientTrackerError(e)) throw e;
      errors.push({ field: 'worklogs', value: `worklog ${partnerId}`, reason: e instanceof Error ? e.message : String(e) });
    }
  };
  const earlier = async (partnerId: string): Promise<string | null> => {
    if (!tracker.findMirroredWorklog || unclaimed.length === 0) return null;
    const found = await tracker.findMirroredWorklog(issueId, worklogToken(pairId, partnerId), unclaimed);
    if (found) unclaimed.splice(unclaimed.indexOf(found), 1);
    return found;
  };
  const newWorklog = (w: WorklogPlan['add'][number]): NewWorklog => ({
    timeSpentSeconds: w.timeSpentSeconds, started: w.started, comment: w.comment, author: w.author, mirrorOf: worklogToken(pairId, w.partnerId), adjustEstimate: plan.adjustEstimate,
  });
  for (const w of plan.add) {
    await step(w.partnerId, async () => {
      const found = w.retry ? await earlier(w.partnerId) : null;
      if (found && w.retry?.edited) await updateWorklog.call(tracker, issueId, found, newWorklog(w));
      added[w.partnerId] = found ?? (await addWorklog.call(tracker, issueId, newWorklog(w)));
    });
  }
  for (const w of plan.edit) await step(w.partnerId, () => updateWorklog.call(tracker, issueId, w.localId, newWorklog(w)));
  for (const w of plan.delete) {
    await step(w.partnerId, async () => {
      const localId = w.localId ?? (await earlier(w.partnerId));
      if (localId) await deleteWorklog.call(tracker, issueId, localId, plan.adjustEstimate);
    });
  }
}
