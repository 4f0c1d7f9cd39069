// The incoming planner's output: what to do to the local issue, and what could not be done.
import type { LocalIssueId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import type { FieldKey } from '../replica/field-key';
import type { AttachmentReplica, CommentReplica } from '../replica/replica';
import type { ReplicaValue } from '../replica/value';
import type { RichDoc } from '../richtext/model';
import type { Transition } from '../rules/metadata';
import type { ServiceDeskPlan } from './incoming-service-desk';

export type FieldEdit = {
  field: FieldKey;
  value: ReplicaValue;
  partnerField: FieldKey;
  /** Values of `field` the project lacks and the rule lets this write create first (components, versions). */
  createMissing?: { projectKey: string; names: string[] };
  /**
   * The field's value here when the edit was planned (list fields of an existing issue). A tracker
   * that can add and remove single values writes only the difference, so a value someone adds or an
   * archived version the issue keeps is not overwritten by a whole list.
   */
  previous?: ReplicaValue;
};

/** A rejected value: named field, the value, and why. `blocking` errors stop a create. */
export type PlanError = { field: string; value: string; reason: string; blocking?: boolean };

/**
 * `retry`: an earlier apply planned this add and never recorded its outcome (killed between the
 * tracker write and the ledger commit, or cut short): the comment may be there already, so the
 * apply looks for it by its mirror token before adding; `edited` when the partner changed it since.
 */
export type CommentAdd = { partnerId: string; body: RichDoc; internal: boolean; author: CommentReplica['author']; retry?: { edited: boolean } };
export type CommentEdit = { partnerId: string; localId: string; body: RichDoc };
/** `localId` null: the add's outcome was never recorded; the apply looks for it and deletes what it finds. */
export type CommentDelete = { partnerId: string; localId: string | null };

/** A partner worklog to log here; `retry` as for CommentAdd. The author is named in the comment (the tracker logs it as the app). */
export type WorklogAdd = { partnerId: string; timeSpentSeconds: number; started: string; comment: RichDoc; author: { displayName: string }; retry?: { edited: boolean } };
export type WorklogEdit = Omit<WorklogAdd, 'retry'> & { localId: string };
export type WorklogDelete = { partnerId: string; localId: string | null };
/** `adjustEstimate`: how these writes move the local remaining estimate (incoming-worklogs.ts says why). */
export type WorklogPlan = { add: WorklogAdd[]; edit: WorklogEdit[]; delete: WorklogDelete[]; adjustEstimate: 'auto' | 'leave' };

export type ChangePlan = {
  /** Set when the partner's issue has no local counterpart yet. */
  create: { projectKey: string; issueType: string; parent?: LocalIssueId } | null;
  edits: FieldEdit[];
  transition: { from: string; to: string; path: Transition[] } | null;
  comments: { add: CommentAdd[]; edit: CommentEdit[]; delete: CommentDelete[] };
  attachments: { add: AttachmentReplica[] };
  /** Absent when the message carries no worklogs. */
  worklogs?: WorklogPlan;
  /** Request type and participants to set here (incoming-service-desk.ts); absent when nothing to do. */
  serviceDesk?: ServiceDeskPlan;
  /** Partner fields the local rule does not accept: reported, never applied. */
  dropped: { field: string; reason: string }[];
  errors: PlanError[];
  /** Ledger state to write before touching the tracker (pending markers set). */
  next: Pick<PairRecord, 'fields' | 'comments' | 'attachments' | 'worklogs' | 'serviceDesk'>;
};

export const hasTrackerWork = (p: ChangePlan): boolean =>
  p.create !== null || p.edits.length > 0 || p.transition !== null || p.comments.add.length + p.comments.edit.length + p.comments.delete.length > 0 || p.attachments.add.length > 0 || worklogWork(p) > 0 || p.serviceDesk !== undefined;

export const worklogWork = (p: ChangePlan): number => (p.worklogs ? p.worklogs.add.length + p.worklogs.edit.length + p.worklogs.delete.length : 0);
