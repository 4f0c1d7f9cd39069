// Messages waiting to go to the partner. In Forge an entry is one KVS record plus a queue event
// that names it; the queue's delay carries `nextTryAt`.
import type { PairRecord } from '../ledger/pair-record';
import type { ReplicaBody } from '../protocol/envelope';

export type OutboxEntry = {
  id: string;
  connectionId: string;
  pairId: string;
  seq: number;
  kind: 'replica' | 'unlink';
  body: ReplicaBody | { reason: 'deleted' | 'unlinked' | 'out-of-scope' };
  createdAt: number;
  attempts: number;
  nextTryAt: number;
  lastError: string | null;
};

export interface Outbox {
  enqueue(entry: OutboxEntry): Promise<void>;
  /**
   * Optional: write the pair record and the entry in one atomic step, so a crash cannot advance
   * the ledger without queueing its message (or the reverse). With `expectedRev`, only if the
   * stored pair still has that rev (see LedgerStore.putPairIf); false when it had not.
   */
  enqueueWithPair?(pair: PairRecord, entry: OutboxEntry, expectedRev?: number | null): Promise<boolean>;
  get(id: string): Promise<OutboxEntry | null>;
  /** Reschedule after a failed attempt. */
  update(entry: OutboxEntry): Promise<void>;
  remove(id: string): Promise<void>;
  /** Entries whose nextTryAt ≤ now, oldest first (pause/resume drains in order). */
  due(now: number, limit: number): Promise<OutboxEntry[]>;
  size(connectionId?: string): Promise<number>;
}
