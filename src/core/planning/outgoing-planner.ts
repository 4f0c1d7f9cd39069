// Outgoing planner: (issue snapshot, rule, ledger state) → the delta the partner should receive,
// or null. A field the sync itself wrote has the hash the ledger recorded, so platform
// re-deliveries and our own writes never echo back, whoever the event says the actor was.
import type { FieldKey } from '../replica/field-key';
import type { Replica, ReplicaField } from '../replica/replica';
import type { IssueSnapshot } from '../replica/snapshot';
import { empty, hashValue } from '../replica/value';
import type { PairRecord } from '../ledger/pair-record';
import type { SharingRule } from '../rules/schema';
import { localEdit, type FieldSyncState, type WireClock } from './field-version';
import { planOutgoingAttachments, type SkippedAttachment } from './outgoing-attachments';
import { planOutgoingComments } from './outgoing-comments';
import { noWorklogs, planOutgoingWorklogs } from './outgoing-worklogs';
import { planOutgoingServiceDesk } from './outgoing-service-desk';
import { shareValue } from './value-mapping';

/** How long an in-flight incoming write may hold back local changes to that field. */
export const PENDING_APPLY_TIMEOUT_MS = 10 * 60 * 1000;

export type OutgoingPlan = {
  /** Only the allowed, changed fields, comments and attachments. */
  replica: Replica;
  clocks: Partial<Record<FieldKey, WireClock>>;
  /** The pair's field/comment/attachment state once this delta is queued. */
  next: Pick<PairRecord, 'fields' | 'comments' | 'attachments' | 'worklogs' | 'serviceDesk'>;
  /** Fields changed while an incoming write to them is in flight: re-plan later. */
  deferred: FieldKey[];
  /** Attachments the rule keeps back, with why (shown to admins, never sent). */
  skipped: SkippedAttachment[];
};

export const isEmptyDelta = (r: Replica): boolean => Object.keys(r.fields).length === 0 && r.comments.length === 0 && r.attachments.length === 0 && (r.worklogs?.length ?? 0) === 0 && r.relations === undefined && r.serviceDesk === undefined;

export function planOutgoing(snapshot: IssueSnapshot, rule: SharingRule, lastSent: PairRecord | null, now: number): OutgoingPlan | null {
  const prior: Pick<PairRecord, 'fields' | 'comments' | 'attachments' | 'worklogs' | 'serviceDesk'> = lastSent ?? { fields: {}, comments: { sent: {}, mirrored: {} }, attachments: { sent: [], mirrored: {} } };
  const fields: Partial<Record<FieldKey, ReplicaField>> = {};
  const clocks: Partial<Record<FieldKey, WireClock>> = {};
  const nextFields: Partial<Record<FieldKey, FieldSyncState>> = { ...prior.fields };
  const deferred: FieldKey[] = [];

  for (const [k, policy] of Object.entries(rule.fields)) {
    if (!policy || policy.direction === 'in') continue;
    const key = k as FieldKey;
    const current = snapshot.fields[key];
    const value = shareValue(key, current?.value ?? empty, rule);
    const hash = hashValue(value);
    const state = prior.fields[key];
    if (state && state.localHash === hash) continue;
    if (state?.pending && now - state.pending.since < PENDING_APPLY_TIMEOUT_MS) {
      // Either our own write has not landed yet (snapshot still shows the old value) or the agent
      // edited in the instant around it; only a later look can tell, so hold this field back.
      deferred.push(key);
      continue;
    }
    // Past that window, the tracker still showing the value from before our write means the write
    // has not landed yet (the partner re-sends it after a back-off that may well be longer), not
    // that someone set it: sending it would overwrite the partner's newer value with our stale one.
    if (state?.pending && hash === state.pending.fromHash) continue;
    const edit = localEdit(state, hash, current?.ts ?? snapshot.updatedAt);
    nextFields[key] = edit.state;
    fields[key] = { value, ts: edit.state.winner.ts, hash };
    clocks[key] = edit.clock;
  }

  const comments = planOutgoingComments(snapshot, rule, prior.comments, now);
  const attachments = planOutgoingAttachments(snapshot, rule, prior.attachments);
  const worklogs = planOutgoingWorklogs(snapshot, rule, prior.worklogs ?? noWorklogs(), now);
  const serviceDesk = planOutgoingServiceDesk(snapshot, rule, prior.serviceDesk, now);
  const replica: Replica = { fields, comments: comments.send, attachments: attachments.send, ...(worklogs.send.length > 0 ? { worklogs: worklogs.send } : {}), ...(serviceDesk.send ? { serviceDesk: serviceDesk.send } : {}) };
  if (isEmptyDelta(replica) && deferred.length === 0) return null;
  return {
    replica,
    clocks,
    next: { fields: nextFields, comments: comments.next, attachments: attachments.next, ...(prior.worklogs || worklogs.send.length > 0 ? { worklogs: worklogs.next } : {}), ...(serviceDesk.next ? { serviceDesk: serviceDesk.next } : {}) },
    deferred,
    skipped: attachments.skipped,
  };
}
