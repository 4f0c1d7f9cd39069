// An incoming replica, already verified: find or create the pair, catch up on local edits the
// trigger has not reported yet, plan, write the ledger intent, apply, commit, and answer with an
// ack. Exactly-once per (pair, seq); a repeat gets the same ack and touches nothing.
import { localIssueId, partnerIssueId, pairId as toPairId, type ConnectionId, type LocalIssueId } from '../ids';
import { bumpRev, newPairRecord, revOf, type PairRecord } from '../ledger/pair-record';
import { updatePair } from '../ledger/update-pair';
import { hasApplied } from '../ledger/seq-window';
import { hasTrackerWork } from '../planning/change-plan';
import { planIncoming } from '../planning/incoming-planner';
import { isEmptyDelta, planOutgoing } from '../planning/outgoing-planner';
import type { EnvelopeOf } from '../protocol/envelope';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';
import { ApplyAborted, applyPlan, type ApplyResult } from './apply-plan';
import { ackFor } from './ack';
import { commitApply } from './commit-apply';
import { showPartnerLink } from './partner-link';
import type { SyncDeps } from './deps';
import type { AuditEntry } from '../ports/store';
import { applyOutgoingToPair, outboxEntryFor, commitOutgoing } from './queue-outgoing';
import { accepted, reject, type ReceiveResult } from './responses';
import { TRACKER_RETRY_MS, isTransientTrackerError, trackerRetryAfterMs } from './tracker-error';

type Located = { pair: PairRecord | null; snapshot: IssueSnapshot | null; rule: SharingRule };

async function locate(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, pair: PairRecord | null): Promise<Located | ReceiveResult> {
  if (pair?.unlinkedAt !== undefined) return reject('unlinked', `pair ${env.pairId} was unlinked`);
  let localId: LocalIssueId | null = pair?.localIssueId ?? null;
  // A create that crashed after the tracker write but before the ledger commit left the issue
  // tagged with the pair id; find it instead of creating a duplicate.
  if (pair && !localId) localId = await deps.tracker.findIssueByPair(pair.pairId);
  // The partner's agent linked its issue to one of ours that already exists.
  if (!pair && env.body.linkTo) {
    const target = await deps.tracker.getIssue(localIssueId(env.body.linkTo.issueKey));
    if (!target) return reject('create-refused', `issue ${env.body.linkTo.issueKey} does not exist here`);
    const taken = await deps.store.findPairByLocalIssue(connId, target.id);
    if (taken && taken.unlinkedAt === undefined) return reject('create-refused', `issue ${env.body.linkTo.issueKey} is already linked to another partner issue`);
    localId = target.id;
  }
  // Only the pair's first message may create; anything else waits until the create has landed.
  if (!localId && !env.body.create) return reject('pair-unknown', `pair ${env.pairId} has no local issue yet; its create has not been applied`);
  const snapshot = localId ? await deps.tracker.getIssue(localId) : null;
  if (localId && !snapshot) return reject('unlinked', `local issue ${localId} no longer exists`);
  // The connection's rules (one read, which the entry has usually made already to pick its read plan)
  // hold the rule for the snapshot's project too.
  const rules = await deps.config.currentRules(connId);
  const rule = snapshot ? rules.find((r) => r.projectKey === snapshot.projectKey) : rules.find((r) => r.incoming.create !== null);
  if (!rule) return reject('create-refused', snapshot ? `project ${snapshot.projectKey} is not shared on this connection` : 'no sharing rule here accepts issues created by the partner');
  return { pair: pair && localId ? { ...pair, localIssueId: localId } : pair, snapshot, rule };
}

/** How long an apply may hold its pair: more than a web trigger may run, so a crash frees it. */
export const APPLY_LEASE_MS = 60_000;
const BUSY_RETRY_MS = 1_000;

const busy = (env: EnvelopeOf<'replica'>) => reject('busy', `pair ${env.pairId} is being written by another delivery; message #${env.seq} waits`, BUSY_RETRY_MS);

function forgetUnadded(p: PairRecord, planned: string[], added: Readonly<Record<string, string>>): PairRecord {
  const mirrored = { ...p.comments.mirrored };
  for (const partnerId of planned) {
    const m = mirrored[partnerId];
    if (!m || m.localId) continue;
    if (added[partnerId]) mirrored[partnerId] = { ...m, localId: added[partnerId] };
    else delete mirrored[partnerId];
  }
  return { ...p, comments: { ...p.comments, mirrored } };
}

function withoutLease(p: PairRecord): PairRecord {
  const { applying: _applying, ...rest } = p;
  return rest;
}

/**
 * Records the apply, with its audit entry in the same write. Without tracker work the write is the
 * only one, so losing it to another writer costs nothing: null, and the message is retried. After
 * tracker work the apply must be recorded, so a lost write (a local edit's trigger queued
 * meanwhile, building on the intent) is merged onto the record as it is now, and the audit entry
 * follows on its own.
 */
async function commitWrite(deps: SyncDeps, pair: PairRecord, intent: PairRecord, expectedRev: number | null, trackerWork: boolean, result: ApplyResult, rule: SharingRule, seq: number, audit: AuditEntry | undefined): Promise<PairRecord | null> {
  const first: PairRecord = { ...withoutLease(commitApply(intent, pair.fields, result, rule, seq)), rev: (expectedRev ?? 0) + 1 };
  if (await deps.store.putPairIf(first, expectedRev, audit ? { audit } : undefined)) return first;
  if (!trackerWork) return null;
  const merged = await updatePair(deps.store, pair.pairId, (fresh) => {
    if (hasApplied(fresh.applied, seq)) return null;
    const next = commitApply(fresh, pair.fields, result, rule, seq);
    return fresh.applying?.seq === seq ? withoutLease(next) : next;
  });
  if (merged && audit) await deps.store.appendAudit(audit);
  return merged;
}

function auditOf(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, plan: ReturnType<typeof planIncoming>, result: ApplyResult, snapshot: IssueSnapshot | null, now: number): AuditEntry | undefined {
  if (!hasTrackerWork(plan)) return undefined;
  const sourceTimes = [...Object.values(env.body.replica.fields).map((f) => f?.ts ?? 0), ...env.body.replica.comments.map((c) => c.ts ?? 0)].filter((t) => t > 0);
  const latencyMs = sourceTimes.length > 0 ? Math.max(0, deps.clock.now() - Math.max(...sourceTimes)) : undefined;
  return {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    id: deps.ids.newId(), at: now, connectionId: connId, actor: 'sync', action: plan.create ? 'pair-created' : 'fields-applied', subject: result.issueKey ?? snapshot?.key ?? result.issueId,
    detail: [...plan.edits.map((e) => e.field), ...(plan.transition ? ['status'] : [])].join(', ') || 'comments/attachments',
  };
}

export async function applyReplica(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, secret: string): Promise<ReceiveResult> {
  const existing = await deps.store.getPair(toPairId(env.pairId));
  if (existing && hasApplied(existing.applied, env.seq)) return accepted(ackFor(deps, env, secret, 'duplicate', existing.localIssueId, null, [], []));
  if (existing?.applying && existing.applying.until > deps.clock.now()) return busy(env);
  const found = await locate(deps, connId, env, existing);
  if ('status' in found) return found;
  const { snapshot, rule } = found;
  const now = deps.clock.now();
  let pair = found.pair ?? newPairRecord({ pairId: toPairId(env.pairId), connectionId: connId, localIssueId: found.snapshot?.id ?? null, partnerIssueId: partnerIssueId(env.body.origin.issueId), origin: 'partner', createdAt: now });
  if (pair.partnerIssueKey !== env.body.origin.issueKey && env.body.origin.issueKey) pair = { ...pair, partnerIssueKey: env.body.origin.issueKey };
  if (env.body.origin.url && pair.partnerIssueUrl !== env.body.origin.url) pair = { ...pair, partnerIssueUrl: env.body.origin.url };

  // Version local edits the trigger has not processed yet, so they meet the incoming ones as a
  // conflict instead of being overwritten silently.
  const catchUp = snapshot ? planOutgoing(snapshot, rule, pair, now) : null;
  if (catchUp && !isEmptyDelta(catchUp.replica)) pair = applyOutgoingToPair(pair, catchUp);

  const meta = await deps.tracker.getMetadata(snapshot?.projectKey ?? rule.incoming.create!.projectKey);
  const plan = planIncoming({ replica: env.body.replica, clocks: env.body.clocks }, rule, snapshot, pair, meta, now);
  const blocking = plan.errors.filter((e) => e.blocking);
  if (blocking.length > 0) {
    for (const e of blocking) await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId: connId, pairId: env.pairId, ...e });
    return reject('create-refused', blocking.map((e) => `${e.field}: ${e.reason}`).join('; '));
  }
  const intent: PairRecord = { ...pair, ...plan.next };
  const caughtUp = catchUp !== null && snapshot !== null && !isEmptyDelta(catchUp.replica);
  const work = hasTrackerWork(plan);
  let expectedRev = revOf(existing);
  // The intent write is what makes a crash mid-apply safe, and its lease keeps a concurrent
  // delivery for the same pair from applying alongside; nothing is at stake without tracker work.
  if (caughtUp || work) {
    const leased = bumpRev({ ...intent, applying: { seq: env.seq, until: now + APPLY_LEASE_MS } }, existing);
    const written = caughtUp ? await commitOutgoing(deps, leased, outboxEntryFor(deps, leased, snapshot, catchUp), expectedRev) : await deps.store.putPairIf(leased, expectedRev);
    if (!written) return busy(env);
    expectedRev = revOf(leased);
  }

  let result;
  try {
    result = await applyPlan(deps.tracker, { issueId: snapshot?.id ?? null, pairId: pair.pairId }, plan);
  } catch (e) {
    if (!isTransientTrackerError(e)) throw e;
    // Keep the intent (its pending markers make the re-send safe) but lift the lease for it, and
    // forget the partner comments that were not added, so the re-send adds them.
    const added = e instanceof ApplyAborted ? e.addedComments : {};
    await updatePair(deps.store, pair.pairId, (p) => (p.applying?.seq === env.seq ? withoutLease(forgetUnadded(p, plan.comments.add.map((c) => c.partnerId), added)) : null));
    return reject('tracker-unavailable', `local tracker unavailable: ${e instanceof Error ? e.message : String(e)}`, trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS);
  }
  const committed = await commitWrite(deps, pair, intent, expectedRev, work || caughtUp, result, rule, env.seq, auditOf(deps, connId, env, plan, result, snapshot, now));
  if (!committed) return busy(env);

  const errors = [...plan.errors, ...result.errors];
  // This message created or bound the local issue: link it to the partner's.
  if (!existing?.localIssueId) {
    const linkError = await showPartnerLink(deps.tracker, result.issueId, { pairId: pair.pairId, url: env.body.origin.url, title: env.body.origin.issueKey });
    if (linkError) errors.push(linkError);
  }
  for (const e of errors) await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId: connId, pairId: env.pairId, ...e });
  return accepted(ackFor(deps, env, secret, 'applied', localIssueId(result.issueId), result.issueKey ?? snapshot?.key ?? null, errors, plan.dropped, result.url ?? snapshot?.url));
}
