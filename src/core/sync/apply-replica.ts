// An incoming replica, already verified: find or create the pair, catch up on local edits the
// trigger has not reported yet, plan, write the ledger intent, apply, commit, and answer with an
// ack. Exactly-once per (pair, seq); a repeat gets the same ack and touches nothing. Locating the
// local issue is locate-pair.ts; the lease and commit writes are apply-ledger.ts.
import { localIssueId, partnerIssueId, pairId as toPairId, type ConnectionId } from '../ids';
import { bumpRev, newPairRecord, revOf, type PairRecord } from '../ledger/pair-record';
import { updatePair } from '../ledger/update-pair';
import { hasApplied } from '../ledger/seq-window';
import { hasTrackerWork } from '../planning/change-plan';
import { planIncoming } from '../planning/incoming-planner';
import { isEmptyDelta, planOutgoing } from '../planning/outgoing-planner';
import { settleEditedPending } from '../planning/settle-pending';
import type { EnvelopeOf } from '../protocol/envelope';
import type { IssueSnapshot } from '../replica/snapshot';
import { ApplyAborted, applyPlan, type ApplyResult } from './apply-plan';
import { APPLY_LEASE_MS, busy, commitWrite, recordAdded, withoutLease } from './apply-ledger';
import { ackFor } from './ack';
import { clearAttachmentErrors, noteFailedAttachment, recordAddedAttachments } from './attachment-pending';
import { createScope } from './create-scope';
import { applyRelationOps, hasRelationWork, planIncomingRelations } from './incoming-relations';
import { linkWorklogs } from './commit-apply';
import { admitPartnerCreate, writeWithCreate } from './enforce-limits';
import { relayToOthers } from './relay';
import { locate } from './locate-pair';
import { showPartnerLink } from './partner-link';
import type { SyncDeps } from './deps';
import type { CreateHold } from '../ports/limit-counters';
import type { AuditEntry } from '../ports/store';
import { applyOutgoingToPair, outboxEntryFor, commitOutgoing } from './queue-outgoing';
import { accepted, reject, type ReceiveResult } from './responses';
import { unknownFieldNotes } from '../protocol/unknown-fields';
import { morePiecesToCome, nextWorklogPiece, notePieceErrors, withPieceErrors } from './old-sender-worklogs';
import { TRACKER_RETRY_MS, isTransientTrackerError, trackerRateLimited, trackerRetryAfterMs } from './tracker-error';

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

/** The issue's comments that are not copies this pair recorded: where a retried comment add may have landed. */
function unclaimedComments(snapshot: IssueSnapshot | null, pair: PairRecord): string[] {
  if (!snapshot) return [];
  const claimed = new Set(Object.values(pair.comments.mirrored).map((m) => m.localId));
  return snapshot.comments.filter((c) => !claimed.has(c.id)).map((c) => c.id);
}

/** Likewise for worklogs. */
function unclaimedWorklogs(snapshot: IssueSnapshot | null, pair: PairRecord): string[] {
  if (!snapshot?.worklogs || !pair.worklogs) return [];
  const claimed = new Set(Object.values(pair.worklogs.mirrored).map((m) => m.localId));
  return snapshot.worklogs.filter((w) => !claimed.has(w.id)).map((w) => w.id);
}

/** `linkAccepted`: applying a held link request a local agent or admin accepted (link-request.ts). */
/** `worklogPieces`: take the worklogs at most this many per delivery, for a sender that cannot read the limit (old-sender-worklogs.ts). */
export async function applyReplica(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, secret: string, linkAccepted = false, worklogPieces?: number): Promise<ReceiveResult> {
  const existing = await deps.store.getPair(connId, toPairId(env.pairId));
  if (existing && hasApplied(existing.applied, env.seq)) {
    // A repeat of the create whose answer never reached the sender (a lost reply, a timed-out
    // batch): the sender learns our issue from this ack, and links to it only with its key and
    // address, which a bare duplicate left out, so its issue never got its "mirrored by" link (a
    // quarter of the issues of a bulk sync on a loaded machine). One read, only for such a repeat.
    const created = env.body.create && existing.localIssueId ? await deps.tracker.getIssue(existing.localIssueId).catch(() => null) : null;
    return accepted(ackFor(deps, env, secret, 'duplicate', existing.localIssueId, created?.key ?? null, [], [], created?.url));
  }
  if (existing?.applying && existing.applying.until > deps.clock.now()) return busy(env, existing.applying.until - deps.clock.now());
  // A create's place in the window is decided now (before any Jira read), written with the intent.
  let createHold: CreateHold | null = null;
  if (!existing) {
    const ticket = await admitPartnerCreate(deps, connId, env);
    if ('status' in ticket) return ticket;
    createHold = ticket.hold;
  }
  let found: Awaited<ReturnType<typeof locate>>;
  try {
    found = await locate(deps, connId, env, existing, linkAccepted);
  } catch (e) {
    // Finding or reading the local issue met the tracker's rate limits: the partner waits the time
    // named and sends again, as for a rate-limited apply (a failed invocation instead counted an
    // attempt against it). An outage still fails the delivery, as before (the ServiceNow peer's
    // outage handling relies on it).
    if (!trackerRateLimited(e)) throw e;
    return trackerUnavailable(e);
  }
  if ('status' in found) return found;
  const { snapshot, rule } = found;
  const now = deps.clock.now();
  let pair = found.pair ?? newPairRecord({ pairId: toPairId(env.pairId), connectionId: connId, localIssueId: found.snapshot?.id ?? null, partnerIssueId: partnerIssueId(env.body.origin.issueId), origin: 'partner', createdAt: now });
  if (pair.partnerIssueKey !== env.body.origin.issueKey && env.body.origin.issueKey) pair = { ...pair, partnerIssueKey: env.body.origin.issueKey };
  // A pair this side started learns the partner issue from the partner's own messages too, not only
  // from acks (after a link the partner accepted late, its replica may be the first news).
  const learntPartner = !pair.partnerIssueId && pair.origin === 'local';
  if (learntPartner) pair = { ...pair, partnerIssueId: partnerIssueId(env.body.origin.issueId) };
  if (env.body.origin.url && pair.partnerIssueUrl !== env.body.origin.url) pair = { ...pair, partnerIssueUrl: env.body.origin.url };

  // Version local edits the trigger has not processed yet, so they meet the incoming ones as a
  // conflict instead of being overwritten silently — including edits made over the writes of an
  // apply that never committed (no apply holds the pair here: the busy check above).
  if (snapshot) pair = settleEditedPending(pair, snapshot, rule);
  const catchUp = snapshot ? planOutgoing(snapshot, rule, pair, now) : null;
  if (catchUp && !isEmptyDelta(catchUp.replica)) pair = applyOutgoingToPair(pair, catchUp);

  const piece = worklogPieces === undefined ? null : nextWorklogPiece(env, rule, pair.worklogs, worklogPieces);
  if (piece) env = piece.env;
  const meta = await deps.tracker.getMetadata(snapshot?.projectKey ?? rule.incoming.create!.projectKey);
  const plan = planIncoming({ replica: env.body.replica, clocks: env.body.clocks }, rule, snapshot, pair, meta, now);
  const scope = createScope(plan, rule, meta);
  if (!scope.inScope) {
    await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: connId, actor: 'partner', action: 'message-refused', subject: env.body.origin.issueKey, detail: `create refused: the issue would be outside this side's scope (${scope.reason})` });
    return reject('create-refused', `issues created by the partner must be in this side's scope: ${scope.reason}`);
  }
  const blocking = plan.errors.filter((e) => e.blocking);
  if (blocking.length > 0) {
    for (const e of blocking) await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId: connId, pairId: env.pairId, ...e });
    return reject('create-refused', blocking.map((e) => `${e.field}: ${e.reason}`).join('; '));
  }
  // Parent and links name other pairs of this connection only (incoming-relations.ts); copies of
  // the partner's links are found in the issue's links as just read.
  const relOps = env.body.replica.relations ? await planIncomingRelations(deps, connId, env.body.replica.relations, rule, pair.relations, snapshot?.relations?.links) : null;
  if (plan.create && relOps?.parent?.to) plan.create.parent = relOps.parent.to;
  // An old sender's earlier pieces noted their errors on the pair; this delivery, if the last, names them in its ack.
  const { pieceErrors: carried, ...unpieced } = pair;
  const intent: PairRecord = { ...(piece?.more ? pair : unpieced), ...plan.next, ...(relOps ? { relations: relOps.state } : {}) };
  const caughtUp = catchUp !== null && snapshot !== null && !isEmptyDelta(catchUp.replica);
  const work = hasTrackerWork(plan) || hasRelationWork(relOps);
  let expectedRev = revOf(existing);
  // The intent write is what makes a crash mid-apply safe, and its lease keeps a concurrent
  // delivery for the same pair from applying alongside; nothing is at stake without tracker work.
  if (caughtUp || work) {
    const leased = bumpRev({ ...intent, applying: { seq: env.seq, until: now + APPLY_LEASE_MS } }, existing);
    const write = (hold?: CreateHold) => (caughtUp ? commitOutgoing(deps, leased, outboxEntryFor(deps, leased, snapshot, catchUp), expectedRev) : deps.store.putPairIf(leased, expectedRev, hold ? { createHold: hold } : undefined));
    if (createHold) {
      // The outbox's write cannot carry the hold: a catch-up (rare on a create) counts it on its own first.
      const counted = caughtUp ? await writeWithCreate(deps, connId, env, createHold, (h) => deps.limits!.commitHold!(h)) : await writeWithCreate(deps, connId, env, createHold, write);
      if (counted === 'busy') return busy(env);
      if (counted !== 'written') return counted;
      if (caughtUp && !(await write())) return busy(env);
    } else if (!(await write())) return busy(env);
    expectedRev = revOf(leased);
  }

  let result;
  let relDone: Awaited<ReturnType<typeof applyRelationOps>> | null = null;
  try {
    result = await applyPlan(deps.tracker, { issueId: snapshot?.id ?? null, pairId: pair.pairId, unclaimedComments: unclaimedComments(snapshot, intent), unclaimedWorklogs: unclaimedWorklogs(snapshot, intent) }, plan);
    if (relOps) relDone = await applyRelationOps(deps.tracker, result.issueId, relOps, Boolean(plan.create?.parent));
  } catch (e) {
    if (!isTransientTrackerError(e)) throw e;
    // Keep the intent (its pending markers make the re-send safe) but lift the lease for it, and
    // record the partner comments that were added; the re-send retries the others idempotently.
    const added = e instanceof ApplyAborted ? e.addedComments : {};
    const worklogs = e instanceof ApplyAborted ? e.addedWorklogs : {};
    const withWorklogs = (p: PairRecord): PairRecord => (p.worklogs ? { ...p, worklogs: linkWorklogs(p.worklogs, worklogs) } : p);
    await updatePair(deps.store, connId, pair.pairId, (p) => (p.applying?.seq === env.seq ? withoutLease(recordAddedAttachments(withWorklogs(recordAdded(p, added)), e)) : null));
    await noteFailedAttachment(deps, connId, env, e, now);
    return trackerUnavailable(e);
  }
  const committed = await commitWrite(deps, pair, relDone ? { ...intent, relations: relDone.state } : intent, expectedRev, work || caughtUp, result, rule, env.seq, auditOf(deps, connId, env, plan, result, snapshot, now), !piece?.more);
  if (!committed) return busy(env);
  if (env.body.replica.attachments.length > 0) await clearAttachmentErrors(deps, env, committed);

  const errors = [...plan.errors, ...result.errors, ...(relOps?.errors ?? []), ...(relDone?.errors ?? [])];
  // This message created or bound the local issue, or first told us of the partner's: link them.
  if (!existing?.localIssueId || learntPartner) {
    const linkError = await showPartnerLink(deps, connId, result.issueId, { pairId: pair.pairId, url: env.body.origin.url, title: env.body.origin.issueKey, partnerIssueId: env.body.origin.issueId });
    if (linkError) errors.push(linkError);
  }
  // Field keys of a newer partner's version were set aside unread: noted here, named in the ack (unknown-fields.ts).
  const unknown = unknownFieldNotes(env.body.unknownFields);
  for (const e of [...errors, ...unknown.errors]) await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId: connId, pairId: env.pairId, ...e });
  // The project's other partners hear of what this message changed here, under their own rules.
  if (work) await relayToOthers(deps, connId, { issueId: localIssueId(result.issueId), projectKey: snapshot?.projectKey ?? plan.create!.projectKey });
  if (piece?.more) {
    if (errors.length > 0) await notePieceErrors(deps, connId, pair.pairId, errors);
    return morePiecesToCome(env, env.body.replica.worklogs?.length ?? 0, worklogPieces!);
  }
  return accepted(ackFor(deps, env, secret, 'applied', localIssueId(result.issueId), result.issueKey ?? snapshot?.key ?? null, piece ? withPieceErrors(carried, errors) : errors, [...plan.dropped, ...(relOps?.dropped ?? []), ...unknown.dropped], result.url ?? snapshot?.url));
}

/** The answer to a message the local tracker could not take now: the partner sends it again after the wait named. */
function trackerUnavailable(e: unknown): ReceiveResult {
  const why = trackerRateLimited(e) ? 'tracker-rate-limited' : 'tracker-unavailable';
  return reject(why, `local tracker unavailable: ${e instanceof Error ? e.message : String(e)}`, trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS);
}
