// The creates-per-minute counter on Forge storage: one entity per connection holding the current
// one-minute window, read and written only when a partner's message would create an issue (so
// ordinary updates cost no storage for the limits). The read rides in the inbox's read-ahead
// batch; the admitted create's count is written in the same transaction as its pair's intent
// (reserveCreate → a hold → withCreateHold, through commitPair's `before`), so it costs no
// operation of its own. The write holds only if the stored window is still the one read, so
// concurrent creates cannot both take the last place; the loser reads again (core/sync/enforce-limits.ts).
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { admitCreate, createWindowSchema, type CreateWindow } from '../../core/limits/create-window';
import type { CreateAdmission, CreateHold, CreateReservation, LimitCounters, WindowStamp } from '../../core/ports/limit-counters';
import { ENTITY } from './entities';
import { keyOf } from './kvs-keys';
import { isConflict, requireId } from './kvs-support';

export type WindowEntity = { connectionId: string; start: number; count: number; window: CreateWindow };

// Every round of the read and conditional write admits at least one contender, and one inbox
// applies at most ISSUE_CONCURRENCY items of each of two batches in flight at once: 16 rounds
// cover that with room to spare, so a bulk sync's creates are not sent back for contention.
const TRIES = 16;
const CONTENDED_RETRY_MS = 1_000;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const windowKey = (connectionId: string) => `creates:${keyOf(requireId('connectionId', connectionId))}`;

/** The window is still the one read (`expect`). */
function unchanged(expect: WindowStamp) {
  return expect === null
    ? new Filter<WindowEntity>().and('start', FilterConditions.notExists())
    : new Filter<WindowEntity>().and('start', FilterConditions.equalTo(expect.start)).and('count', FilterConditions.equalTo(expect.count));
}

type Transaction = ReturnType<typeof kvs.transact>;

/** Adds a create's hold to a transaction (the pair's intent write): set only if the window is unchanged. */
export function withCreateHold(tx: Transaction, hold: CreateHold): Transaction {
  const { connectionId, next } = hold;
  return tx.set(windowKey(connectionId), { connectionId, start: next.start, count: next.count, window: next }, { entityName: ENTITY.limitWindow, conditions: unchanged(hold.expect) });
}

export class KvsLimitCounters implements LimitCounters {
  private readonly entity = kvs.entity<WindowEntity>(ENTITY.limitWindow);
  /** Windows read ahead with the inbox's batch (kvs-prefetch.ts); each is handed out once. */
  private readonly primed = new Map<string, WindowEntity | null>();

  key(connectionId: string): string {
    return windowKey(connectionId);
  }

  prime(connectionId: string, stored: WindowEntity | null): void {
    this.primed.set(connectionId, stored);
  }

  private async read(connectionId: string): Promise<WindowEntity | null> {
    if (this.primed.has(connectionId)) {
      const stored = this.primed.get(connectionId) ?? null;
      this.primed.delete(connectionId);
      return stored;
    }
    return (await this.entity.get(this.key(connectionId))) ?? null;
  }

  /** Writes `next` if the stored window is still `prior`; false when another writer came first. */
  private async swap(connectionId: string, prior: CreateWindow | null, next: CreateWindow): Promise<boolean> {
    return this.commitHold({ connectionId, expect: prior && { start: prior.start, count: prior.count }, next });
  }

  async commitHold(hold: CreateHold): Promise<boolean> {
    try {
      await withCreateHold(kvs.transact(), hold).execute();
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  }

  async reserveCreate(connectionId: string, now: number, perMinute: number, attempt: number): Promise<CreateReservation> {
    // Contenders that read together write together, and concurrent transactions on one key can
    // all be refused: a random pause breaks the lockstep.
    if (attempt > 0) {
      this.primed.delete(connectionId);
      await pause(Math.random() * 15 * attempt);
    }
    const stored = await this.read(connectionId);
    const parsed = createWindowSchema.safeParse(stored?.window);
    const prior = stored && parsed.success ? { ...parsed.data, start: stored.start, count: stored.count } : null;
    const a = admitCreate(prior, now, perMinute);
    if (!a.admitted) return this.refusal(connectionId, prior, a);
    return { admitted: true, hold: { connectionId, expect: stored ? { start: stored.start, count: stored.count } : null, next: a.next } };
  }

  /** The first refusal of the window is marked (its count moves one past, so concurrent refusals cannot all win the mark). */
  private async refusal(connectionId: string, prior: CreateWindow | null, a: { retryAfterMs: number; count: number }): Promise<Extract<CreateAdmission, { admitted: false }>> {
    const firstRefusal = !prior?.refused && prior !== null && (await this.swap(connectionId, prior, { ...prior, count: prior.count + 1, refused: true }));
    return { admitted: false, retryAfterMs: a.retryAfterMs, count: a.count, firstRefusal };
  }

  async admitCreate(connectionId: string, now: number, perMinute: number): Promise<CreateAdmission> {
    for (let i = 0; i < TRIES; i++) {
      // The first read is usually the read-ahead's; a retry after losing the race reads afresh.
      const stored = await this.read(connectionId);
      // A damaged record reads as an empty window (the count starts over), never as a refusal.
      const parsed = createWindowSchema.safeParse(stored?.window);
      const prior = stored && parsed.success ? { ...parsed.data, start: stored.start, count: stored.count } : null;
      const a = admitCreate(prior, now, perMinute);
      // Only the window's first refusal is logged: one audit entry per window.
      if (!a.admitted) return this.refusal(connectionId, prior, a);
      if (await this.swap(connectionId, stored ? prior ?? { start: stored.start, count: stored.count } : null, a.next)) return { admitted: true };
      // Contenders that read together write together, and concurrent transactions on one key can
      // all be refused: a random pause breaks the lockstep.
      await pause(Math.random() * 15 * (i + 1));
    }
    return { admitted: false, retryAfterMs: CONTENDED_RETRY_MS, count: perMinute, firstRefusal: false };
  }
}
