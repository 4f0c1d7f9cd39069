// Messages waiting to go to the partner. In Forge an entry is one KVS record plus a queue event
// that names it; the queue's delay carries `nextTryAt`.
import type { PairRecord } from '../ledger/pair-record';
import type { ReplicaBody, UnlinkReason } from '../protocol/envelope';
import type { AuditEntry } from './store';

export type OutboxEntry = {
  id: string;
  connectionId: string;
  pairId: string;
  seq: number;
  kind: 'replica' | 'unlink';
  body: ReplicaBody | { reason: UnlinkReason };
  createdAt: number;
  attempts: number;
  nextTryAt: number;
  lastError: string | null;
};

export type EnqueueOptions = {
  /**
   * false: the caller sends the entry itself right away (the trigger's fast path), so no queue
   * wake-up is pushed; the entry's own nextTryAt is the safety net if that send never finishes.
   */
  wake?: boolean;
};

export type Settlement = {
  entryId: string;
  pair: { record: PairRecord; expectedRev: number | null };
  audit?: AuditEntry;
};

export interface Outbox {
  enqueue(entry: OutboxEntry): Promise<void>;
  /**
   * Optional: write the pair record and the entry in one atomic step, so a crash cannot advance
   * the ledger without queueing its message (or the reverse). With `expectedRev`, only if the
   * stored pair still has that rev (see LedgerStore.putPairIf); false when it had not.
   */
  enqueueWithPair?(pair: PairRecord, entry: OutboxEntry, expectedRev?: number | null, options?: EnqueueOptions): Promise<boolean>;
  /**
   * Optional: close a delivered entry in one atomic step — remove it, write the pair the ack
   * taught us (only if its stored rev is still `pair.expectedRev`) and log the audit entry. False,
   * writing nothing, when the pair moved meanwhile; the caller then does the three writes itself.
   */
  settle?(settlement: Settlement): Promise<boolean>;
  get(id: string): Promise<OutboxEntry | null>;
  /** Reschedule after a failed attempt (`wake: false`: no queue wake-up; something else re-arms it). */
  update(entry: OutboxEntry, options?: EnqueueOptions): Promise<void>;
  /**
   * Optional: one queue wake-up for several entries rescheduled with `wake: false` (the items a
   * batch send had to leave for later), due once the latest of them is: they go again as a batch,
   * and a bulk sync pushes a wake-up per batch instead of one per issue. Without it, each entry
   * wakes itself.
   */
  wakeTogether?(entries: OutboxEntry[]): Promise<void>;
  remove(id: string): Promise<void>;
  /** Entries whose nextTryAt ≤ now, oldest first (pause/resume drains in order). */
  due(now: number, limit: number): Promise<OutboxEntry[]>;
  size(connectionId?: string): Promise<number>;
}
