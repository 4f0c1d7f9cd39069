// Unlinking: either side may end a pair. The record stays as a tombstone so that messages still in
// flight for it are refused (410) instead of re-creating the issue.
import { pairId as toPairId, type ConnectionId, type LocalIssueId } from '../ids';
import type { EnvelopeOf } from '../protocol/envelope';
import { ackFor } from './ack';
import type { SyncDeps } from './deps';
import { commitOutgoing } from './queue-outgoing';
import { accepted, type ReceiveResult } from './responses';

export async function applyUnlink(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'unlink'>, secret: string): Promise<ReceiveResult> {
  const pair = await deps.store.getPair(toPairId(env.pairId));
  if (!pair || pair.unlinkedAt !== undefined) return accepted(ackFor(deps, env, secret, 'duplicate', pair?.localIssueId ?? null, null, [], []));
  const now = deps.clock.now();
  await deps.store.putPair({ ...pair, unlinkedAt: now });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: connId, actor: 'partner', action: 'pair-unlinked', subject: pair.localIssueId ?? pair.pairId, detail: `partner: ${env.body.reason}` });
  return accepted(ackFor(deps, env, secret, 'applied', pair.localIssueId, null, [], []));
}

/** Local side: the issue was deleted or an agent unlinked it. Queues the unlink for the partner. */
export async function unlinkLocal(deps: SyncDeps, input: { connectionId: ConnectionId; issueId: LocalIssueId; reason: 'deleted' | 'unlinked' | 'out-of-scope'; actor: string }): Promise<boolean> {
  const pair = await deps.store.findPairByLocalIssue(input.connectionId, input.issueId);
  if (!pair || pair.unlinkedAt !== undefined) return false;
  const now = deps.clock.now();
  const next = { ...pair, lastSentSeq: pair.lastSentSeq + 1, unlinkedAt: now };
  await commitOutgoing(deps, next, {
    id: deps.ids.newId(), connectionId: input.connectionId, pairId: pair.pairId, seq: next.lastSentSeq, kind: 'unlink', body: { reason: input.reason },
    createdAt: now, attempts: 0, nextTryAt: now, lastError: null,
  });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: input.connectionId, actor: input.actor, action: 'pair-unlinked', subject: input.issueId, detail: input.reason });
  return true;
}
