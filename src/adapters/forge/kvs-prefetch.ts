// Reads that an invocation is about to make one by one, made ahead in one `batchGet`: the pair a
// partner's message names, the tracker metadata the apply consults and the connection's
// creates-per-minute window (a create's apply reads it). Each reader is primed with
// what the batch found (or with "absent"); a key the batch could not read is left alone, so the
// reader simply reads it itself.
import { kvs } from '@forge/kvs';
import { connectionId as toConnectionId, pairId as toPairId } from '../../core/ids';
import type { PairRecord } from '../../core/ledger/pair-record';
import { ENTITY } from './entities';
import type { ForgeLedgerStore } from './kvs-ledger-store';
import { pairKey } from './kvs-pairs';
import type { KvsLimitCounters, WindowEntity } from './kvs-limit-counters';
import type { KvsTtlCache } from './kvs-ttl-cache';

/** Forge's cap on keys per batch operation (storage reference, "Executing batch operations"). */
export const BATCH_MAX = 25;

export type PrefetchRequest<T> = {
  /** The pairs of one connection (pairs are stored per connection). */
  pairs?: { store: ForgeLedgerStore; connectionId: string; ids: string[] };
  cache?: { cache: KvsTtlCache<T>; ids: string[] };
  /** The connection's creates-per-minute window, which a create's apply reads next. */
  window?: { counters: KvsLimitCounters; connectionId: string };
};

type Wanted = { entityName?: string; key: string; prime: (value: unknown) => void };

export async function prefetch<T>(req: PrefetchRequest<T>): Promise<void> {
  const wanted: Wanted[] = [];
  // Each key once: Forge refuses a whole batch that names a key twice.
  for (const id of new Set(req.pairs?.ids ?? [])) {
    const { store, connectionId } = req.pairs!;
    wanted.push({ entityName: ENTITY.pair, key: pairKey(connectionId, id), prime: (v) => store.primePair(toConnectionId(connectionId), toPairId(id), ((v as { record?: PairRecord } | null)?.record ?? null)) });
  }
  for (const id of new Set(req.cache?.ids ?? [])) {
    wanted.push({ key: req.cache!.cache.key(id), prime: (v) => req.cache!.cache.prime(id, (v ?? null) as T | null) });
  }
  if (req.window) {
    const { counters, connectionId } = req.window;
    wanted.push({ entityName: ENTITY.limitWindow, key: counters.key(connectionId), prime: (v) => counters.prime(connectionId, (v ?? null) as WindowEntity | null) });
  }
  const batch = wanted.slice(0, BATCH_MAX);
  if (batch.length === 0) return;
  const res = await kvs.batchGet(batch.map((w) => ({ key: w.key, ...(w.entityName ? { entityName: w.entityName } : {}) })));
  const id = (key: string, entityName?: string) => `${entityName ?? ''}\u0000${key}`;
  const hits = new Map(res.successfulKeys.map((h) => [id(h.key, h.entityName), h.value]));
  // Which code a missing key fails with is not documented (the sandbox answers KEY_NOT_FOUND), so
  // "absent" is any key that neither came back nor failed for another reason.
  const failed = new Set(res.failedKeys.filter((f) => f.error?.code !== 'KEY_NOT_FOUND').map((f) => id(f.key, f.entityName)));
  for (const w of batch) {
    const k = id(w.key, w.entityName);
    if (hits.has(k)) w.prime(hits.get(k));
    else if (!failed.has(k)) w.prime(null);
  }
}
