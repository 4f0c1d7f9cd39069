// The creates-per-minute counter on Forge storage: one entity per connection holding the current
// one-minute window, read and written only when a partner's message would create an issue (so
// ordinary updates cost no storage for the limits): one conditional write, the read riding in the
// inbox's read-ahead batch. The write
// holds only if the stored window is still the one read, so concurrent creates cannot both take
// the last place; a create that keeps losing that race is answered "try again in a second".
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { admitCreate, createWindowSchema, type CreateWindow } from '../../core/limits/create-window';
import type { CreateAdmission, LimitCounters } from '../../core/ports/limit-counters';
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

export class KvsLimitCounters implements LimitCounters {
  private readonly entity = kvs.entity<WindowEntity>(ENTITY.limitWindow);
  /** Windows read ahead with the inbox's batch (kvs-prefetch.ts); each is handed out once. */
  private readonly primed = new Map<string, WindowEntity | null>();

  key(connectionId: string): string {
    return `creates:${keyOf(requireId('connectionId', connectionId))}`;
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
    const same = prior === null
      ? new Filter<WindowEntity>().and('start', FilterConditions.notExists())
      : new Filter<WindowEntity>().and('start', FilterConditions.equalTo(prior.start)).and('count', FilterConditions.equalTo(prior.count));
    try {
      await kvs.transact().set(this.key(connectionId), { connectionId, start: next.start, count: next.count, window: next }, { entityName: ENTITY.limitWindow, conditions: same }).execute();
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  }

  async admitCreate(connectionId: string, now: number, perMinute: number): Promise<CreateAdmission> {
    for (let i = 0; i < TRIES; i++) {
      // The first read is usually the read-ahead's; a retry after losing the race reads afresh.
      const stored = await this.read(connectionId);
      // A damaged record reads as an empty window (the count starts over), never as a refusal.
      const parsed = createWindowSchema.safeParse(stored?.window);
      const prior = stored && parsed.success ? { ...parsed.data, start: stored.start, count: stored.count } : null;
      const a = admitCreate(prior, now, perMinute);
      if (!a.admitted) {
        // The first refusal of the window is marked (its count moves one past, so concurrent
        // refusals cannot all win the mark), and only it is logged: one audit entry per window.
        const firstRefusal = !prior?.refused && prior !== null && (await this.swap(connectionId, prior, { ...prior, count: prior.count + 1, refused: true }));
        return { admitted: false, retryAfterMs: a.retryAfterMs, count: a.count, firstRefusal };
      }
      if (await this.swap(connectionId, stored ? prior ?? { start: stored.start, count: stored.count } : null, a.next)) return { admitted: true };
      // Contenders that read together write together, and concurrent transactions on one key can
      // all be refused: a random pause breaks the lockstep.
      await pause(Math.random() * 15 * (i + 1));
    }
    return { admitted: false, retryAfterMs: CONTENDED_RETRY_MS, count: perMinute, firstRefusal: false };
  }
}
