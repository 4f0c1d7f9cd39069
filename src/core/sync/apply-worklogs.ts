// The worklog part of an apply: adds (idempotent through the mirror token), edits and deletes, each
// step standing alone as for comments. A tracker without worklogs refuses each one visibly. The
// remaining estimate the same message sets rides on the first worklog write (Jira:
// adjustEstimate=new&newEstimate, on add, edit and delete alike), so logging work on the partner
// and the estimate its auto-adjust moved cost one write here, not two.
import type { LocalIssueId, PairId } from '../ids';
import type { ChangePlan, FieldEdit, PlanError, WorklogPlan } from '../planning/change-plan';
import type { NewWorklog, Tracker } from '../ports/tracker';
import { isTransientTrackerError } from './tracker-error';

/** The token a mirrored worklog carries: which pair, which partner worklog (comments use the same form). */
export const worklogToken = (pairId: PairId, partnerWorklogId: string): string => `${pairId}/worklog/${partnerWorklogId}`;

/**
 * The remaining-estimate edit a worklog write can carry, and the plan's other edits. Only when the
 * plan leaves the estimate alone on each worklog write (adjustEstimateFor: this side takes the
 * estimate from the partner), so setting it on the first write ends where the separate edit would.
 * A value in whole minutes only: Jira keeps estimates in minutes, and a value it would round must
 * go through the field write, which reports what was stored.
 */
export function foldEstimate(plan: ChangePlan): { edit: FieldEdit; seconds: number; rest: FieldEdit[] } | null {
  const w = plan.worklogs;
  if (!w || w.adjustEstimate !== 'leave' || w.add.length + w.edit.length + w.delete.length === 0) return null;
  const edit = plan.edits.find((e) => e.field === 'timeestimate');
  if (!edit || edit.value.kind !== 'number' || edit.value.value < 0 || edit.value.value % 60 !== 0) return null;
  return { edit, seconds: edit.value.value, rest: plan.edits.filter((e) => e !== edit) };
}

/**
 * `added` is filled as adds land, so a caller that sees this throw (a transient failure) still
 * knows which partner worklogs have a local copy. Non-transient refusals become errors.
 */
/**
 * `newEstimateSeconds` (from foldEstimate): set on the first worklog write that lands; answers
 * whether one did, so the caller writes the estimate itself when none did (every write refused,
 * or a retried add found already logged).
 */
export async function applyWorklogs(tracker: Tracker, issueId: LocalIssueId, pairId: PairId, plan: WorklogPlan, unclaimed: string[], added: Record<string, string>, errors: PlanError[], newEstimateSeconds?: number): Promise<boolean> {
  const { addWorklog, updateWorklog, deleteWorklog } = tracker;
  if (!addWorklog || !updateWorklog || !deleteWorklog) {
    for (const w of [...plan.add, ...plan.edit, ...plan.delete]) errors.push({ field: 'worklogs', value: `worklog ${w.partnerId}`, reason: 'this tracker keeps no worklogs' });
    return false;
  }
  let estimate = newEstimateSeconds;
  // The estimate goes with this write; once one lands, the later writes leave it as they find it.
  const carrying = async <T>(write: (extra: { newEstimateSeconds?: number }) => Promise<T>): Promise<T> => {
    const result = await write(estimate === undefined ? {} : { newEstimateSeconds: estimate });
    estimate = undefined;
    return result;
  };
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
  const newWorklog = (w: WorklogPlan['add'][number], extra: { newEstimateSeconds?: number }): NewWorklog => ({
    timeSpentSeconds: w.timeSpentSeconds, started: w.started, comment: w.comment, author: w.author, mirrorOf: worklogToken(pairId, w.partnerId), adjustEstimate: plan.adjustEstimate, ...extra,
  });
  for (const w of plan.add) {
    await step(w.partnerId, async () => {
      const found = w.retry ? await earlier(w.partnerId) : null;
      if (found && w.retry?.edited) await carrying((extra) => updateWorklog.call(tracker, issueId, found, newWorklog(w, extra)));
      added[w.partnerId] = found ?? (await carrying((extra) => addWorklog.call(tracker, issueId, newWorklog(w, extra))));
    });
  }
  for (const w of plan.edit) await step(w.partnerId, () => carrying((extra) => updateWorklog.call(tracker, issueId, w.localId, newWorklog(w, extra))));
  for (const w of plan.delete) {
    await step(w.partnerId, async () => {
      const localId = w.localId ?? (await earlier(w.partnerId));
      if (!localId) return;
      const deleted = await deleteWorklog.call(tracker, issueId, localId, plan.adjustEstimate, estimate);
      // Gone already: nothing was written, so the estimate still waits for a write.
      if (deleted !== false) estimate = undefined;
    });
  }
  return newEstimateSeconds !== undefined && estimate === undefined;
}
