// Carry out a change plan on the local tracker. Each step stands alone: a value the tracker
// refuses becomes an error record and the rest still applies; a transient failure aborts so the
// partner re-sends the whole message (the ledger's pending markers make that re-send safe).
import type { LocalIssueId, PairId } from '../ids';
import type { ChangePlan, PlanError } from '../planning/change-plan';
import type { StoredValues, Tracker } from '../ports/tracker';
import { describeValue } from '../replica/value';
import { isTransientTrackerError } from './tracker-error';

export type ApplyResult = {
  issueId: LocalIssueId;
  issueKey: string | null;
  stored: StoredValues;
  /** Fields this apply wrote or tried to write. */
  planned: Set<string>;
  failedFields: Set<string>;
  commentIds: Record<string, string>;
  attachmentIds: Record<string, string>;
  errors: PlanError[];
};

export async function applyPlan(tracker: Tracker, target: { issueId: LocalIssueId | null; pairId: PairId }, plan: ChangePlan): Promise<ApplyResult> {
  const errors: PlanError[] = [];
  const failedFields = new Set<string>();
  const step = async <T>(field: string, value: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (e) {
      if (isTransientTrackerError(e)) throw e;
      errors.push({ field, value, reason: e instanceof Error ? e.message : String(e) });
      failedFields.add(field);
      return undefined;
    }
  };

  let issueId = target.issueId;
  let issueKey: string | null = null;
  let stored: StoredValues = {};
  if (issueId === null) {
    if (!plan.create) throw new Error('applyPlan: no local issue and nothing to create');
    const create = plan.create;
    // Create errors are never per-field: without the issue nothing else can apply.
    const created = await tracker.createIssue({ pairId: target.pairId, projectKey: create.projectKey, issueType: create.issueType, edits: plan.edits });
    issueId = created.id;
    issueKey = created.key;
    stored = created.stored;
  } else if (plan.edits.length > 0) {
    try {
      stored = await tracker.updateFields(issueId, plan.edits);
    } catch (e) {
      if (isTransientTrackerError(e)) throw e;
      // Retrying one by one isolates the refused value; the others still apply.
      for (const edit of plan.edits) {
        const one = await step(edit.field, describeValue(edit.value), () => tracker.updateFields(issueId!, [edit]));
        if (one) stored = { ...stored, ...one };
      }
    }
  }
  if (plan.transition) {
    for (const t of plan.transition.path) {
      const done = await step('status', plan.transition.to, async () => {
        await tracker.transition(issueId!, t.id);
        return true;
      });
      if (!done) break;
    }
  }
  const commentIds: Record<string, string> = {};
  for (const c of plan.comments.add) {
    const id = await step('comments', `comment ${c.partnerId}`, () => tracker.addComment(issueId!, { body: c.body, internal: c.internal, author: c.author }));
    if (id) commentIds[c.partnerId] = id;
  }
  for (const c of plan.comments.edit) await step('comments', `comment ${c.partnerId}`, () => tracker.updateComment(issueId!, c.localId, c.body));
  for (const c of plan.comments.delete) await step('comments', `comment ${c.partnerId}`, () => tracker.deleteComment(issueId!, c.localId));
  const attachmentIds: Record<string, string> = {};
  for (const a of plan.attachments.add) {
    const id = await step('attachments', a.filename, () => tracker.addAttachment(issueId!, a));
    if (id) attachmentIds[a.id] = id;
  }
  const planned = new Set<string>(plan.edits.map((e) => e.field));
  if (plan.transition) planned.add('status');
  return { issueId, issueKey, stored, planned, failedFields, commentIds, attachmentIds, errors };
}
