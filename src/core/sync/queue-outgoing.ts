// Turn an outgoing plan into a ledger update and an outbox entry, and write both. An outbox that
// can write the pair and the entry atomically (Forge: one KVS transaction) does; otherwise the
// ledger goes first — see docs/adr/0002-ledger-and-ordering.md.
import type { IssueSnapshot } from '../replica/snapshot';
import type { PairRecord } from '../ledger/pair-record';
import type { EnqueueOptions, OutboxEntry } from '../ports/outbox';
import type { OutgoingPlan } from '../planning/outgoing-planner';
import type { SyncDeps } from './deps';

export function applyOutgoingToPair(pair: PairRecord, plan: OutgoingPlan): PairRecord {
  return { ...pair, ...plan.next, lastSentSeq: pair.lastSentSeq + 1 };
}

export function outboxEntryFor(deps: SyncDeps, pair: PairRecord, snapshot: IssueSnapshot, plan: OutgoingPlan): OutboxEntry {
  const now = deps.clock.now();
  return {
    id: deps.ids.newId(),
    connectionId: pair.connectionId,
    pairId: pair.pairId,
    seq: pair.lastSentSeq,
    kind: 'replica',
    body: {
      origin: { issueId: snapshot.id, issueKey: snapshot.key, projectKey: snapshot.projectKey, ...(snapshot.url ? { url: snapshot.url } : {}) },
      // Only a pair's first message may create; a later one that overtakes it is told to retry.
      create: pair.origin === 'local' && pair.lastSentSeq === 1,
      replica: plan.replica,
      clocks: plan.clocks,
    },
    createdAt: now,
    attempts: 0,
    nextTryAt: now,
    lastError: null,
  };
}

/**
 * Advance the pair and queue its message; atomically where the outbox supports it. The pair is
 * written only if its stored rev is still `expectedRev`; false (nothing written) otherwise.
 */
export async function commitOutgoing(deps: Pick<SyncDeps, 'store' | 'outbox'>, pair: PairRecord, entry: OutboxEntry, expectedRev: number | null, options?: EnqueueOptions): Promise<boolean> {
  if (deps.outbox.enqueueWithPair) return deps.outbox.enqueueWithPair(pair, entry, expectedRev, options);
  if (!(await deps.store.putPairIf(pair, expectedRev))) return false;
  await deps.outbox.enqueue(entry);
  return true;
}
