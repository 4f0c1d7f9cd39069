// An incoming replica, already verified: find or create the pair, catch up on local edits the
// trigger has not reported yet, plan, write the ledger intent, apply, commit, and answer with an
// ack. Exactly-once per (pair, seq); a repeat gets the same ack and touches nothing.
import { localIssueId, partnerIssueId, pairId as toPairId, type ConnectionId, type LocalIssueId } from '../ids';
import { newPairRecord, type PairRecord } from '../ledger/pair-record';
import { hasApplied } from '../ledger/seq-window';
import { hasTrackerWork } from '../planning/change-plan';
import { planIncoming } from '../planning/incoming-planner';
import { isEmptyDelta, planOutgoing } from '../planning/outgoing-planner';
import type { EnvelopeOf } from '../protocol/envelope';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';
import { applyPlan } from './apply-plan';
import { ackFor } from './ack';
import { commitApply } from './commit-apply';
import type { SyncDeps } from './deps';
import { applyOutgoingToPair, outboxEntryFor, commitOutgoing } from './queue-outgoing';
import { accepted, reject, type ReceiveResult } from './responses';
import { isTransientTrackerError } from './tracker-error';

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
  const rules = snapshot ? await deps.config.rulesForProject(snapshot.projectKey) : await deps.config.currentRules(connId);
  const rule = snapshot ? rules.find((r) => r.connectionId === connId) : rules.find((r) => r.incoming.create !== null);
  if (!rule) return reject('create-refused', snapshot ? `project ${snapshot.projectKey} is not shared on this connection` : 'no sharing rule here accepts issues created by the partner');
  return { pair: pair && localId ? { ...pair, localIssueId: localId } : pair, snapshot, rule };
}

export async function applyReplica(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, secret: string): Promise<ReceiveResult> {
  const existing = await deps.store.getPair(toPairId(env.pairId));
  if (existing && hasApplied(existing.applied, env.seq)) return accepted(ackFor(deps, env, secret, 'duplicate', existing.localIssueId, null, [], []));
  const found = await locate(deps, connId, env, existing);
  if ('status' in found) return found;
  const { snapshot, rule } = found;
  const now = deps.clock.now();
  let pair = found.pair ?? newPairRecord({ pairId: toPairId(env.pairId), connectionId: connId, localIssueId: found.snapshot?.id ?? null, partnerIssueId: partnerIssueId(env.body.origin.issueId), origin: 'partner', createdAt: now });
  if (pair.partnerIssueKey !== env.body.origin.issueKey && env.body.origin.issueKey) pair = { ...pair, partnerIssueKey: env.body.origin.issueKey };

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
  // The intent write is what makes a crash mid-apply safe; skip it when nothing is at stake.
  if (caughtUp) await commitOutgoing(deps, intent, outboxEntryFor(deps, intent, snapshot, catchUp));
  else if (hasTrackerWork(plan)) await deps.store.putPair(intent);

  let result;
  try {
    result = await applyPlan(deps.tracker, { issueId: snapshot?.id ?? null, pairId: pair.pairId }, plan);
  } catch (e) {
    if (!isTransientTrackerError(e)) throw e;
    return reject('tracker-unavailable', `local tracker unavailable: ${e instanceof Error ? e.message : String(e)}`, 30_000);
  }
  const committed = commitApply(intent, pair.fields, result, rule, env.seq);
  await deps.store.putPair(committed);

  const errors = [...plan.errors, ...result.errors];
  for (const e of errors) await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId: connId, pairId: env.pairId, ...e });
  if (hasTrackerWork(plan)) {
    const sourceTimes = [...Object.values(env.body.replica.fields).map((f) => f?.ts ?? 0), ...env.body.replica.comments.map((c) => c.ts ?? 0)].filter((t) => t > 0);
    const latencyMs = sourceTimes.length > 0 ? Math.max(0, deps.clock.now() - Math.max(...sourceTimes)) : undefined;
    await deps.store.appendAudit({
      ...(latencyMs === undefined ? {} : { latencyMs }),
      id: deps.ids.newId(), at: now, connectionId: connId, actor: 'sync', action: plan.create ? 'pair-created' : 'fields-applied', subject: result.issueKey ?? snapshot?.key ?? result.issueId,
      detail: [...plan.edits.map((e) => e.field), ...(plan.transition ? ['status'] : [])].join(', ') || 'comments/attachments',
    });
  }
  return accepted(ackFor(deps, env, secret, 'applied', localIssueId(result.issueId), result.issueKey ?? snapshot?.key ?? null, errors, plan.dropped));
}
