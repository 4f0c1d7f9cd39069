// Carry out a change plan on the local tracker. Each step stands alone: a value the tracker
// refuses becomes an error record and the rest still applies; a transient failure aborts so the
// partner re-sends the whole message (the ledger's pending markers make that re-send safe).
import type { LocalIssueId, PairId } from '../ids';
import type { ChangePlan, PlanError } from '../planning/change-plan';
import type { NewComment, StoredValues, Tracker } from '../ports/tracker';
import { emptyDoc } from '../richtext/model';
import { describeValue } from '../replica/value';
import { TrackerError, isTransientTrackerError, trackerRetryAfterMs } from './tracker-error';
import { applyWorklogs, foldEstimate } from './apply-worklogs';
import { applyServiceDesk, type ServiceDeskApplied } from './apply-service-desk';

export type ApplyResult = {
  issueId: LocalIssueId;
  issueKey: string | null;
  /** Set when this apply created the issue and the tracker said where it opens. */
  url: string | null;
  stored: StoredValues;
  /** Fields this apply wrote or tried to write. */
  planned: Set<string>;
  failedFields: Set<string>;
  commentIds: Record<string, string>;
  attachmentIds: Record<string, string>;
  /** Partner worklog id → local worklog id, for the adds that landed (or were found). */
  worklogIds: Record<string, string>;
  /** What the service desk step settled, recorded with the commit. */
  serviceDesk?: ServiceDeskApplied;
  errors: PlanError[];
};

/**
 * A transient failure stopped the apply part-way. Says which partner comments were added before
 * it, so the retry adds the others (and only those).
 */
export class ApplyAborted extends Error {
  override readonly name = 'ApplyAborted';
  constructor(
    cause: unknown,
    readonly addedComments: Readonly<Record<string, string>>,
    /** Partner attachment id → local id, for the uploads that landed before the failure. */
    readonly addedAttachments: Readonly<Record<string, string>> = {},
    /** The partner attachment whose fetch or upload failed, to show on the pair until it lands. */
    readonly failedAttachment?: { id: string; filename: string },
    /** Partner worklog id → local id, for the worklog adds that landed before the failure. */
    readonly addedWorklogs: Readonly<Record<string, string>> = {},
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  get retryAfterMs(): number | undefined {
    return trackerRetryAfterMs(this.cause);
  }
}

/**
 * Creates the issue. A value the tracker refuses for a named field (a person with no local
 * account, an unknown option) is left out and reported, and the create goes again without it:
 * the issue exists with everything else. Refusals of the issue as a whole still throw.
 */
async function createDroppingRefused(tracker: Tracker, pairId: PairId, plan: ChangePlan, refused: (field: string, value: string, reason: string) => void) {
  const create = plan.create!;
  let edits = plan.edits;
  for (;;) {
    try {
      return await tracker.createIssue({ pairId, projectKey: create.projectKey, issueType: create.issueType, edits, ...(create.parent ? { parent: create.parent } : {}) });
    } catch (e) {
      const field = e instanceof TrackerError && !e.transient ? e.field : undefined;
      const edit = field === undefined ? undefined : edits.find((x) => x.field === field);
      if (!edit) throw e;
      refused(edit.field, describeValue(edit.value), e instanceof Error ? e.message : String(e));
      edits = edits.filter((x) => x !== edit);
    }
  }
}

/** The token a mirrored comment carries: which pair, which partner comment. */
export const mirrorToken = (pairId: PairId, partnerCommentId: string): string => `${pairId}/${partnerCommentId}`;

/** `unclaimedComments`: the local issue's comments (as read before the apply) that no pair claims. */
/** `unclaimedWorklogs` likewise, for worklogs. */
export async function applyPlan(tracker: Tracker, target: { issueId: LocalIssueId | null; pairId: PairId; unclaimedComments?: readonly string[]; unclaimedWorklogs?: readonly string[] }, plan: ChangePlan): Promise<ApplyResult> {
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
  let url: string | null = null;
  let stored: StoredValues = {};
  // The remaining estimate may ride on a worklog write (apply-worklogs.ts): the field write leaves it out.
  const folded = issueId === null ? null : foldEstimate(plan);
  const edits = folded ? folded.rest : plan.edits;
  if (issueId === null) {
    if (!plan.create) throw new Error('applyPlan: no local issue and nothing to create');
    const created = await createDroppingRefused(tracker, target.pairId, plan, (field, value, reason) => {
      errors.push({ field, value, reason });
      failedFields.add(field);
    });
    issueId = created.id;
    issueKey = created.key;
    url = created.url ?? null;
    stored = created.stored;
  } else if (edits.length > 0) {
    try {
      stored = await tracker.updateFields(issueId, edits);
    } catch (e) {
      if (isTransientTrackerError(e)) throw e;
      // Retrying one by one isolates the refused value; the others still apply.
      for (const edit of edits) {
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
  const attachmentIds: Record<string, string> = {};
  const worklogIds: Record<string, string> = {};
  let attaching: { id: string; filename: string } | undefined;
  let serviceDesk: ServiceDeskApplied | undefined;
  // Local comments no pair claims: where a retried add looks for the copy an earlier apply left.
  const unclaimed = [...(target.unclaimedComments ?? [])];
  const earlier = async (partnerId: string, comment: NewComment): Promise<string | null> => {
    if (!tracker.findMirroredComment || unclaimed.length === 0) return null;
    const found = await tracker.findMirroredComment(issueId!, { ...comment, mirrorOf: mirrorToken(target.pairId, partnerId) }, unclaimed);
    if (found) unclaimed.splice(unclaimed.indexOf(found), 1);
    return found;
  };
  try {
    for (const c of plan.comments.add) {
      const comment: NewComment = { body: c.body, internal: c.internal, author: c.author, mirrorOf: mirrorToken(target.pairId, c.partnerId) };
      const id = await step('comments', `comment ${c.partnerId}`, async () => {
        const found = c.retry ? await earlier(c.partnerId, comment) : null;
        if (!found) return tracker.addComment(issueId!, comment);
        if (c.retry?.edited) await tracker.updateComment(issueId!, found, c.body);
        return found;
      });
      if (id) commentIds[c.partnerId] = id;
    }
    for (const c of plan.comments.edit) await step('comments', `comment ${c.partnerId}`, () => tracker.updateComment(issueId!, c.localId, c.body));
    for (const c of plan.comments.delete) {
      await step('comments', `comment ${c.partnerId}`, async () => {
        const localId = c.localId ?? (await earlier(c.partnerId, { body: emptyDoc(), internal: false, author: { displayName: '' } }));
        if (localId) await tracker.deleteComment(issueId!, localId);
      });
    }
    for (const at of plan.attachments.add) {
      attaching = { id: at.id, filename: at.filename };
      const id = await step('attachments', at.filename, () => tracker.addAttachment(issueId!, at));
      if (id) attachmentIds[at.id] = id;
    }
    attaching = undefined;
    if (plan.worklogs) {
      const carried = await applyWorklogs(tracker, issueId, target.pairId, plan.worklogs, [...(target.unclaimedWorklogs ?? [])], worklogIds, errors, folded?.seconds);
      // No worklog write took the estimate (refused, or a retried add found logged): it is a field write after all.
      if (folded && !carried) {
        const one = await step(folded.edit.field, describeValue(folded.edit.value), () => tracker.updateFields(issueId!, [folded.edit]));
        if (one) stored = { ...stored, ...one };
      }
    }
    if (plan.serviceDesk) serviceDesk = await applyServiceDesk(tracker, issueId, plan.serviceDesk, errors);
  } catch (e) {
    throw new ApplyAborted(e, commentIds, attachmentIds, attaching, worklogIds);
  }
  const planned = new Set<string>(plan.edits.map((e) => e.field));
  if (plan.transition) planned.add('status');
  return { issueId, issueKey, url, stored, planned, failedFields, commentIds, attachmentIds, worklogIds, ...(serviceDesk ? { serviceDesk } : {}), errors };
}
