// Incoming planner: (partner replica, local rule, local snapshot, ledger, tracker metadata) → a
// change plan. Only fields the local rule accepts are considered; each value is mapped, checked
// against local constraints and merged by version; a rejected value becomes an error record and
// the rest of the plan still applies.
import { standardField } from '../fields/standard-fields';
import type { PairRecord } from '../ledger/pair-record';
import type { FieldKey } from '../replica/field-key';
import type { Replica } from '../replica/replica';
import type { IssueSnapshot } from '../replica/snapshot';
import { describeValue, empty, hashValue, type ReplicaValue } from '../replica/value';
import type { TrackerMetadata } from '../rules/metadata';
import type { FieldPolicy, SharingRule } from '../rules/schema';
import type { ChangePlan, PlanError } from './change-plan';
import { mergeIncoming, type FieldSyncState, type WireClock } from './field-version';
import { planIncomingComments } from './incoming-comments';
import { planIncomingWorklogs } from './incoming-worklogs';
import { planIncomingServiceDesk } from './incoming-service-desk';
import { findTransitionPath } from './transition-path';
import { fitComments, fitToLocal } from './text-fit';
import { splitMissingValues } from './missing-values';
import { checkValue } from './value-check';
import { mapIncomingValue, shareValue } from './value-mapping';

export type IncomingReplica = { replica: Replica; clocks: Partial<Record<FieldKey, WireClock>> };

type Ledger = Pick<PairRecord, 'fields' | 'comments' | 'attachments' | 'worklogs' | 'serviceDesk'>;
export const emptyLedger = (): Ledger => ({ fields: {}, comments: { sent: {}, mirrored: {} }, attachments: { sent: [], mirrored: {} } });

function acceptedFields(rule: SharingRule): Map<string, [FieldKey, FieldPolicy]> {
  const accepted = new Map<string, [FieldKey, FieldPolicy]>();
  for (const [key, policy] of Object.entries(rule.fields)) {
    if (policy && policy.direction !== 'out') accepted.set(policy.partnerField ?? key, [key as FieldKey, policy]);
  }
  return accepted;
}

function checkLocal(local: FieldKey, value: ReplicaValue, meta: TrackerMetadata): string | null {
  const constraint = meta.fields[local] ?? (local === 'status' ? { kind: 'option' as const, options: meta.statuses } : undefined);
  return constraint ? checkValue(value, constraint, meta, local) : null;
}

/** `localSnapshot` null means the partner's issue has no local counterpart yet (a create). */
export function planIncoming(
  incoming: IncomingReplica,
  rule: SharingRule,
  localSnapshot: IssueSnapshot | null,
  ledgerState: Ledger | null,
  meta: TrackerMetadata,
  now: number,
): ChangePlan {
  const prior = ledgerState ?? emptyLedger();
  const fields: Partial<Record<FieldKey, FieldSyncState>> = { ...prior.fields };
  const plan: ChangePlan = { create: null, edits: [], transition: null, comments: { add: [], edit: [], delete: [] }, attachments: { add: [] }, dropped: [], errors: [], next: prior };
  const reject = (field: string, value: ReplicaValue | string, reason: string, blocking = false) => {
    const e: PlanError = { field, value: typeof value === 'string' ? value : describeValue(value), reason };
    plan.errors.push(blocking ? { ...e, blocking } : e);
  };
  const accepted = acceptedFields(rule);
  const current = (key: FieldKey): ReplicaValue =>
    key === 'status' && !localSnapshot ? { kind: 'option', name: meta.initialStatus } : (localSnapshot?.fields[key]?.value ?? empty);

  for (const [partnerKey, rf] of Object.entries(incoming.replica.fields)) {
    if (!rf) continue;
    const entry = accepted.get(partnerKey);
    if (!entry) {
      plan.dropped.push({ field: partnerKey, reason: 'not accepted by the local rule' });
      continue;
    }
    const [local, policy] = entry;
    const clock = incoming.clocks[partnerKey as FieldKey];
    if (!clock) { reject(local, rf.value, 'the message carries no version for this field'); continue; }
    if (hashValue(rf.value) !== rf.hash) { reject(local, rf.value, 'content hash does not match the value'); continue; }
    const mapped = fitToLocal(local, mapIncomingValue(local, rf.value, rule), meta, (reason) => reject(local, rf.value, reason));
    if (!mapped.ok) { reject(local, rf.value, mapped.reason); continue; }
    const split = splitMissingValues(local, mapped.value, rule, meta, current(local));
    for (const p of split.problems) reject(local, JSON.stringify(p.name), p.reason);
    mapped.value = split.value;
    const problem = checkLocal(local, split.checked, meta);
    if (problem) { reject(local, mapped.value, problem); continue; }

    const state = fields[local];
    const merged = mergeIncoming(state, { clock, ts: rf.ts, hash: rf.hash }, policy.conflict ?? 'partner');
    const sameVersion = state?.winner.origin === 'partner' && state.winner.counter === clock.mine && state.winner.hash === rf.hash;
    const retryPending = merged.outcome === 'ignore' && sameVersion && state?.pending !== undefined;
    if (merged.outcome !== 'apply' && !retryPending) {
      if (state) fields[local] = { ...state, clock: merged.clock, winner: merged.winner };
      continue;
    }
    const currentValue = current(local);
    const currentHash = hashValue(shareValue(local, currentValue, rule));
    const targetHash = hashValue(shareValue(local, mapped.value, rule));
    const needsWrite = currentHash !== targetHash;
    if (needsWrite && local === 'status') {
      const from = currentValue.kind === 'option' ? currentValue.name : '';
      const to = (mapped.value as { name: string }).name;
      const path = findTransitionPath(meta.transitions, from, to);
      if (!path) { reject(local, mapped.value, `no transition reaches "${to}" from "${from}"`); continue; }
      plan.transition = { from, to, path };
    } else if (needsWrite) {
      const createMissing = split.create.length > 0 ? { createMissing: { projectKey: meta.projectKey, names: split.create } } : {};
      const had: ReplicaValue | null = currentValue.kind === 'options' ? currentValue : currentValue.kind === 'empty' ? { kind: 'options', names: [] } : null;
      const previous = localSnapshot && had && mapped.value.kind === 'options' ? { previous: had } : {};
      plan.edits.push({ field: local, value: mapped.value, partnerField: partnerKey as FieldKey, ...createMissing, ...previous });
    }
    const next: FieldSyncState = { clock: merged.clock, winner: merged.winner, localHash: targetHash, ownTs: state?.ownTs ?? 0 };
    fields[local] = needsWrite ? { ...next, pending: { fromHash: currentHash, since: now } } : next;
  }

  const comments = planIncomingComments(incoming.replica.comments, rule, prior.comments);
  plan.comments = fitComments(comments.plan, meta.commentMaxLength, (comment, reason) => reject('comments', comment, reason));
  if (comments.dropped > 0) plan.dropped.push({ field: 'comments', reason: `${comments.dropped} comment(s) not accepted by the local rule` });
  const attachments = planIncomingAttachments(incoming.replica, rule, prior.attachments, localSnapshot, reject);
  plan.attachments.add = attachments.add;
  const worklogs = planIncomingWorklogs(incoming.replica.worklogs, rule, prior.worklogs);
  if (worklogs.dropped > 0) plan.dropped.push({ field: 'worklogs', reason: `${worklogs.dropped} worklog(s) not accepted by the local rule` });
  if (incoming.replica.worklogs?.length) plan.worklogs = worklogs.plan;
  const serviceDesk = planIncomingServiceDesk(incoming.replica.serviceDesk, rule, prior.serviceDesk);
  plan.errors.push(...serviceDesk.errors);
  plan.dropped.push(...serviceDesk.dropped);
  if (serviceDesk.plan) plan.serviceDesk = serviceDesk.plan;
  plan.next = { fields, comments: comments.next, attachments: attachments.next, ...(worklogs.next ? { worklogs: worklogs.next } : {}), ...(serviceDesk.next ? { serviceDesk: serviceDesk.next } : {}) };
  if (!localSnapshot) planCreate(plan, rule, meta, reject);
  return plan;
}

/**
 * A partner attachment is done once its upload is recorded (`mirrored[id]` names the local copy);
 * `null` means planned but not known to be uploaded (a fetch failed, or the process died), so a
 * re-send plans it again. A local file of the same name and size that nothing else claims is the
 * upload that landed before the record did: it is adopted instead of uploaded twice.
 */
function planIncomingAttachments(replica: Replica, rule: SharingRule, prior: Ledger['attachments'], local: IssueSnapshot | null, reject: (f: string, v: string, r: string) => void) {
  const cfg = rule.incoming.attachments;
  const mirrored = { ...prior.mirrored };
  const add: Replica['attachments'] = [];
  const claimed = new Set([...prior.sent, ...Object.values(mirrored).filter((v): v is string => typeof v === 'string')]);
  for (const a of replica.attachments) {
    if (mirrored[a.id]) continue;
    const landed = a.id in mirrored ? local?.attachments.find((l) => !claimed.has(l.id) && l.filename === a.filename && l.size === a.size) : undefined;
    if (landed) {
      mirrored[a.id] = landed.id;
      claimed.add(landed.id);
      continue;
    }
    if (!cfg.enabled) reject('attachments', a.filename, 'attachments are not accepted by the local rule');
    else if (a.size > cfg.maxBytes) reject('attachments', a.filename, `${a.size} bytes exceeds the local ${cfg.maxBytes}-byte cap`);
    else {
      add.push(a);
      mirrored[a.id] = null;
    }
  }
  return { add, next: { sent: prior.sent, mirrored } };
}

function planCreate(plan: ChangePlan, rule: SharingRule, meta: TrackerMetadata, reject: (f: string, v: string, r: string, b?: boolean) => void): void {
  const target = rule.incoming.create;
  if (!target) {
    reject('issue', '(new partner issue)', 'issues created by the partner are not accepted (no incoming.create target)', true);
    return;
  }
  const typeEdit = plan.edits.findIndex((e) => e.field === 'issuetype');
  const issueType = typeEdit >= 0 && plan.edits[typeEdit]!.value.kind === 'option' ? (plan.edits[typeEdit]!.value as { name: string }).name : target.issueType;
  if (typeEdit >= 0) plan.edits.splice(typeEdit, 1);
  plan.create = { projectKey: target.projectKey, issueType };
  const given = new Set<string>(plan.edits.map((e) => e.field));
  for (const [key, value] of Object.entries(rule.incoming.defaults)) {
    if (value && !given.has(key)) {
      plan.edits.push({ field: key as FieldKey, value, partnerField: key as FieldKey });
      given.add(key);
    }
  }
  for (const [key, constraint] of Object.entries(meta.fields)) {
    if (constraint?.required && !standardField(key)?.setAtCreateOnly && !given.has(key)) reject(key, '(empty)', 'is required to create the issue', true);
  }
}
