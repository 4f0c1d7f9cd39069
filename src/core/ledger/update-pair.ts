// Read-modify-write of one pair under concurrent writers (triggers, queue consumers and web
// triggers all run at once): the write is conditional on the rev read; on a conflict the pair is
// read again and the change re-applied to what is there now.
import type { ConnectionId, PairId } from '../ids';
import type { LedgerStore } from '../ports/store';
import { bumpRev, revOf, type PairRecord } from './pair-record';

export const PAIR_WRITE_TRIES = 5;

export class PairContentionError extends Error {
  constructor(pairId: string) {
    super(`pair ${pairId} kept changing under this write (${PAIR_WRITE_TRIES} tries); the change is retried later`);
    this.name = 'PairContentionError';
  }
}

/**
 * Applies `change` to the stored pair (`read`, when the caller has just read it, saves a read) and
 * writes the result conditionally. `change` returns null to write nothing. Returns the record as
 * written (or as found, when nothing was written; null when there is no pair).
 */
export async function updatePair(
  store: Pick<LedgerStore, 'getPair' | 'putPairIf'>,
  connectionId: ConnectionId,
  pairId: PairId,
  change: (fresh: PairRecord) => PairRecord | null,
  read?: PairRecord | null,
): Promise<PairRecord | null> {
  let fresh = read === undefined ? await store.getPair(connectionId, pairId) : read;
  for (let i = 0; i < PAIR_WRITE_TRIES; i++) {
    if (!fresh) return null;
    const next = change(fresh);
    if (!next) return fresh;
    const written = bumpRev(next, fresh);
    if (await store.putPairIf(written, revOf(fresh))) return written;
    fresh = await store.getPair(connectionId, pairId);
  }
  throw new PairContentionError(pairId);
}
