// Unlinking: either side may end a pair. The record stays as a tombstone so that messages still in
// flight for it are refused (410) instead of re-creating the issue.
import { connectionId as toConnectionId, pairId as toPairId, type ConnectionId, type LocalIssueId } from '../ids';
import type { EnvelopeOf, UnlinkReason } from '../protocol/envelope';
import { ackFor } from './ack';
import { bumpRev, revOf } from '../ledger/pair-record';
import { PAIR_WRITE_TRIES, PairContentionError, updatePair } from '../ledger/update-pair';
import type { SyncDeps } from './deps';
import { commitOutgoing } from './queue-outgoing';
import { checkNotForeign } from './foreign-pair';
import { followPartnerDelete } from './partner-deleted';
import { otherConnections } from './relay';
import { TRACKER_RETRY_MS, trackerRetryAfterMs } from './tracker-error';
import { accepted, reject, type ReceiveResult } from './responses';

export async function applyUnlink(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'unlink'>, secret: string): Promise<ReceiveResult> {
  const pair = await deps.store.getPair(connId, toPairId(env.pairId));
  if (!pair) {
    const foreign = await checkNotForeign(deps, connId, 'unlink', toPairId(env.pairId));
    if (foreign) return foreign;
  }
  if (!pair || pair.unlinkedAt !== undefined) return accepted(ackFor(deps, env, secret, 'duplicate', pair?.localIssueId ?? null, null, [], []));
  const now = deps.clock.now();
  // Follow the delete before ending the pair: if the tracker is briefly down, the partner sends
  // the unlink again and finds the pair still live.
  let followed = '';
  let deleted: string | null = null;
  if (env.body.reason === 'deleted' && pair.localIssueId) {
    let outcome;
    try {
      outcome = await followPartnerDelete(deps, connId, pair.localIssueId, pair.partnerIssueKey);
    } catch (e) {
      return reject('tracker-unavailable', `local tracker unavailable: ${e instanceof Error ? e.message : String(e)}`, trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS);
    }
    if (outcome.action === 'failed') await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId: connId, pairId: pair.pairId, ...outcome.error });
    followed = outcome.action === 'deleted' ? '; local issue deleted' : outcome.action === 'noted' ? '; noted on the local issue' : '';
    if (outcome.action === 'deleted') deleted = outcome.projectKey;
  }
  await updatePair(deps.store, connId, pair.pairId, (p) => (p.unlinkedAt === undefined ? { ...p, unlinkedAt: now } : null), pair);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: connId, actor: 'partner', action: 'pair-unlinked', subject: pair.localIssueId ?? pair.pairId, detail: `partner: ${env.body.reason}${followed}` });
  // Our delete raises no event (ignoreSelf): the project's other partners are told here, as the
  // delete event would have told them, and their own rules decide what follows.
  if (deleted && pair.localIssueId) {
    for (const other of await otherConnections(deps, connId, deleted)) {
      await unlinkLocal(deps, { connectionId: toConnectionId(other), issueId: pair.localIssueId, reason: 'deleted', actor: 'sync' });
    }
  }
  // The agent who asked for the link sees the answer on the issue's panel.
  if (env.body.reason === 'declined') {
    await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId: connId, pairId: pair.pairId, field: 'link', value: pair.partnerIssueKey ?? '', reason: 'the partner declined the link; nothing was synced' });
  }
  return accepted(ackFor(deps, env, secret, 'applied', pair.localIssueId, null, [], []));
}

/** Local side: the issue was deleted or an agent unlinked it. Queues the unlink for the partner. */
export async function unlinkLocal(deps: SyncDeps, input: { connectionId: ConnectionId; issueId: LocalIssueId; reason: Exclude<UnlinkReason, 'declined'>; actor: string }): Promise<boolean> {
  let pair = await deps.store.findPairByLocalIssue(input.connectionId, input.issueId);
  const now = deps.clock.now();
  for (let tries = 0; ; tries++) {
    if (!pair || pair.unlinkedAt !== undefined) return false;
    const next = bumpRev({ ...pair, lastSentSeq: pair.lastSentSeq + 1, unlinkedAt: now }, pair);
    const entry = {
      id: deps.ids.newId(), connectionId: input.connectionId, pairId: pair.pairId, seq: next.lastSentSeq, kind: 'unlink' as const, body: { reason: input.reason },
      createdAt: now, attempts: 0, nextTryAt: now, lastError: null,
    };
    if (await commitOutgoing(deps, next, entry, revOf(pair))) break;
    if (tries + 1 >= PAIR_WRITE_TRIES) throw new PairContentionError(pair.pairId);
    pair = await deps.store.getPair(input.connectionId, pair.pairId);
  }
  await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: input.connectionId, actor: input.actor, action: 'pair-unlinked', subject: input.issueId, detail: input.reason });
  return true;
}
