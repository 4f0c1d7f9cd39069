// Outbox on Forge: an entry is one custom-entity record (the truth) plus a queue event that names it
// (the wake-up). The record is written first; if the push then fails, the entry is not lost: the
// scheduled re-drive finds it through `due()`, which reads the index on nextTryAt.
import { kvs, Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import { Queue, type PushEvent } from '@forge/events';
import type { PairRecord } from '../../core/ledger/pair-record';
import type { Clock } from '../../core/ports/clock';
import type { EnqueueOptions, Outbox, OutboxEntry, Settlement } from '../../core/ports/outbox';
import { ENTITY, INDEX } from './entities';
import { keyOf } from './kvs-keys';
import { commitPair, pairKey, revCondition, toPairEntity } from './kvs-pairs';
import { ForgeAdapterError, checkPageLimit, isConflict, readAll, requireId, requireTime, type Page } from './kvs-support';
import { OUTBOX_BATCH_EVENT_KIND, OUTBOX_EVENT_KIND, WAKE_TOGETHER_MAX, delaySecondsUntil, parseOutboxEvent, type OutboxBatchEvent, type OutboxEvent } from './outbox-event';

type OutboxEntity = { connectionId: string; createdAt: number; nextTryAt: number; entry: OutboxEntry };

export type ForgeOutboxOptions = {
  /** The `queue` of the manifest's consumer that sends outbox entries. */
  queueKey: string;
  clock: Clock;
  /** How many due entries `due()` reads at most to find the oldest ones (default 1000). */
  maxDueScan?: number;
  /** Forge queue concurrency per connection (e.g. 1 to send one connection's entries one at a time). */
  concurrencyPerConnection?: number;
  /** Called when a wake-up push fails; the entry itself is stored and will be re-driven. */
  onWakeupFailure?: (entryId: string, error: unknown) => void;
};

/**
 * `due.nextTryAt`: when the entry was due as this wake-up was pushed (a later reschedule makes it
 * stale). `due-together`: several entries of one connection to send again as a batch, each with its own.
 */
export type OutboxWakeup =
  | { kind: 'due'; entryId: string; connectionId: string; nextTryAt: number }
  | { kind: 'due-together'; connectionId: string; entries: Array<{ entryId: string; nextTryAt: number }> }
  | { kind: 'not-yet'; entryId: string; nextTryAt: number };

/**
 * Entries rescheduled to within this long of each other share one wake-up (due at the latest of
 * them); one due much later (the partner's quota, not its per-second limit) gets a wake-up of its own.
 */
export const WAKE_TOGETHER_SPREAD_MS = 5_000;

/** Forge takes at most 50 events per push request. */
const EVENTS_PER_PUSH = 50;

function toEntity(entry: OutboxEntry): OutboxEntity {
  requireId('outbox entry id', entry?.id);
  return {
    connectionId: requireId('connectionId', entry.connectionId),
    createdAt: requireTime('createdAt', entry.createdAt),
    nextTryAt: requireTime('nextTryAt', entry.nextTryAt),
    entry,
  };
}

const byAge = (a: OutboxEntry, b: OutboxEntry) => a.createdAt - b.createdAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class ForgeOutbox implements Outbox {
  private readonly entity = kvs.entity<OutboxEntity>(ENTITY.outbox);
  private readonly queue: Queue;

  constructor(private readonly options: ForgeOutboxOptions) {
    this.queue = new Queue({ key: options.queueKey });
  }

  async enqueue(entry: OutboxEntry): Promise<void> {
    const value = toEntity(entry);
    try {
      await this.entity.set(keyOf(entry.id), value, { keyPolicy: 'FAIL_IF_EXISTS' });
    } catch (e) {
      if (isConflict(e)) throw new ForgeAdapterError(`outbox entry ${entry.id} already exists`, { cause: e });
      throw e;
    }
    await this.wake(entry);
  }

  /**
   * The ledger write and the outbox entry of one outgoing change in one transaction, so a crash can
   * leave neither half alone (and the change costs one KVS operation instead of two).
   */
  async enqueueWithPair(pair: PairRecord, entry: OutboxEntry, expectedRev?: number | null, options?: EnqueueOptions): Promise<boolean> {
    const pairValue = toPairEntity(pair);
    const value = toEntity(entry);
    if (entry.connectionId !== pair.connectionId || entry.pairId !== pair.pairId) {
      throw new ForgeAdapterError(`outbox entry ${entry.id} belongs to ${entry.connectionId}/${entry.pairId}, not to pair ${pair.connectionId}/${pair.pairId}`);
    }
    const absent = new Filter<OutboxEntity>().and('connectionId', FilterConditions.notExists());
    try {
      await kvs
        .transact()
        .set(pairKey(pair.connectionId, pair.pairId), pairValue, { entityName: ENTITY.pair, ...(expectedRev === undefined ? {} : { conditions: revCondition(expectedRev) }) })
        .set(keyOf(entry.id), value, { entityName: ENTITY.outbox, conditions: absent })
        .execute();
    } catch (e) {
      // Entry ids are fresh, so with a rev condition a conflict means another writer changed the pair.
      if (isConflict(e) && expectedRev !== undefined) return false;
      if (isConflict(e)) throw new ForgeAdapterError(`outbox entry ${entry.id} already exists`, { cause: e });
      throw e;
    }
    if (options?.wake !== false) await this.wake(entry);
    return true;
  }

  /**
   * A delivered entry closed in one transaction: the entry removed, the pair written (only if its
   * rev is still the expected one) and the audit entry logged. False when the pair had moved.
   */
  async settle(s: Settlement): Promise<boolean> {
    requireId('outbox entry id', s?.entryId);
    return commitPair(s.pair.record, s.pair.expectedRev, s.audit, (tx) => tx.delete(keyOf(s.entryId), { entityName: ENTITY.outbox }));
  }

  async get(id: string): Promise<OutboxEntry | null> {
    const v = await this.entity.get(keyOf(requireId('outbox entry id', id)));
    return v?.entry ?? null;
  }

  async update(entry: OutboxEntry, options?: EnqueueOptions): Promise<void> {
    // Conditional, so a retry decision cannot resurrect an entry that was sent and removed meanwhile.
    const value = toEntity(entry);
    const present = new Filter<OutboxEntity>().and('connectionId', FilterConditions.exists());
    try {
      await kvs.transact().set(keyOf(entry.id), value, { entityName: ENTITY.outbox, conditions: present }).execute();
    } catch (e) {
      if (isConflict(e)) throw new ForgeAdapterError(`outbox entry ${entry.id} does not exist`, { cause: e });
      throw e;
    }
    if (options?.wake !== false) await this.wake(entry);
  }

  async remove(id: string): Promise<void> {
    await this.entity.delete(keyOf(requireId('outbox entry id', id)));
  }

  async due(now: number, limit: number): Promise<OutboxEntry[]> {
    requireTime('now', now);
    if (!Number.isInteger(limit) || limit < 1) throw new ForgeAdapterError(`due() limit must be a positive integer, got ${limit}`);
    // The index orders by nextTryAt; the port promises oldest-created first, so every due entry (up
    // to maxDueScan) is read and then ordered by age.
    const values = await readAll<OutboxEntity>((cursor, pageLimit) => {
      let q = this.entity.query().index(INDEX.outboxDue).where(WhereConditions.lessThanEqualTo(now)).limit(pageLimit);
      if (cursor) q = q.cursor(cursor);
      return q.getMany();
    }, this.options.maxDueScan ?? 1000);
    return values.map((v) => v.entry).sort(byAge).slice(0, limit);
  }

  async size(connectionId?: string): Promise<number> {
    const values = await readAll<OutboxEntity>((cursor, limit) => {
      let q = connectionId === undefined ? this.entity.query().index(INDEX.outboxDue) : this.entity.query().index(INDEX.outboxByConnection, { partition: [requireId('connectionId', connectionId)] });
      q = q.limit(limit);
      if (cursor) q = q.cursor(cursor);
      return q.getMany();
    });
    return values.length;
  }

  /** One connection's queue, oldest first (the admin's queue view). */
  async page(connectionId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<OutboxEntry>> {
    let q = this.entity
      .query()
      .index(INDEX.outboxByConnection, { partition: [requireId('connectionId', connectionId)] })
      .limit(checkPageLimit(options.limit ?? 50));
    if (options.cursor) q = q.cursor(options.cursor);
    const res = await q.getMany();
    return { items: res.results.map((r) => r.value.entry), ...(res.nextCursor ? { cursor: res.nextCursor } : {}) };
  }

  /**
   * For the queue consumer: which entry an event asks to send. An event that came early (the entry
   * is due later than one push can delay) is re-armed for the remaining time.
   */
  async readEvent(body: unknown): Promise<OutboxWakeup> {
    const event = parseOutboxEvent(body);
    const now = this.options.clock.now();
    if (event.kind === OUTBOX_BATCH_EVENT_KIND) {
      const dueAt = Math.max(...event.entries.map((e) => e.nextTryAt));
      if (dueAt - now > 1000) {
        await this.pushAll([event], now);
        return { kind: 'not-yet', entryId: event.entries[0]!.entryId, nextTryAt: dueAt };
      }
      return { kind: 'due-together', connectionId: event.connectionId, entries: event.entries };
    }
    // A second of slack: the queue's clock and ours need not agree to the millisecond.
    if (event.nextTryAt - now > 1000) {
      await this.push(event, now);
      return { kind: 'not-yet', entryId: event.entryId, nextTryAt: event.nextTryAt };
    }
    return { kind: 'due', entryId: event.entryId, connectionId: event.connectionId, nextTryAt: event.nextTryAt };
  }

  /**
   * One wake-up per connection for entries rescheduled without their own (a batch send's items
   * the partner asked to send again later), due at the latest of them, so they go again as a
   * batch. Entries due far apart are split by WAKE_TOGETHER_SPREAD_MS; all wake-ups of one call go
   * in one push request. Should the push fail, the entries are stored and the re-drive finds them.
   */
  async wakeTogether(entries: OutboxEntry[]): Promise<void> {
    const events: OutboxBatchEvent[] = [];
    const byConnection = new Map<string, OutboxEntry[]>();
    for (const e of entries) byConnection.set(e.connectionId, [...(byConnection.get(e.connectionId) ?? []), e]);
    for (const [connectionId, list] of byConnection) {
      let group: OutboxEntry[] = [];
      const close = () => {
        if (group.length > 0) events.push({ kind: OUTBOX_BATCH_EVENT_KIND, connectionId, entries: group.map((e) => ({ entryId: e.id, nextTryAt: e.nextTryAt })) });
        group = [];
      };
      for (const e of [...list].sort((a, b) => a.nextTryAt - b.nextTryAt)) {
        if (group.length >= WAKE_TOGETHER_MAX || (group.length > 0 && e.nextTryAt - group[0]!.nextTryAt > WAKE_TOGETHER_SPREAD_MS)) close();
        group.push(e);
      }
      close();
    }
    await this.pushAll(events, this.options.clock.now());
  }

  private async wake(entry: OutboxEntry): Promise<void> {
    const event: OutboxEvent = { kind: OUTBOX_EVENT_KIND, entryId: entry.id, connectionId: entry.connectionId, nextTryAt: entry.nextTryAt };
    await this.push(event, this.options.clock.now());
  }

  private async push(event: OutboxEvent, now: number): Promise<void> {
    try {
      await this.queue.push(this.pushEvent(event, event.nextTryAt, now));
    } catch (e) {
      (this.options.onWakeupFailure ?? warnWakeupFailure)(event.entryId, e);
    }
  }

  private async pushAll(events: OutboxBatchEvent[], now: number): Promise<void> {
    for (let i = 0; i < events.length; i += EVENTS_PER_PUSH) {
      const chunk = events.slice(i, i + EVENTS_PER_PUSH);
      try {
        await this.queue.push(chunk.map((event) => this.pushEvent(event, Math.max(...event.entries.map((e) => e.nextTryAt)), now)));
      } catch (e) {
        for (const event of chunk) for (const entry of event.entries) (this.options.onWakeupFailure ?? warnWakeupFailure)(entry.entryId, e);
      }
    }
  }

  private pushEvent(body: OutboxEvent | OutboxBatchEvent, dueAt: number, now: number): PushEvent {
    const push: PushEvent = { body, delayInSeconds: delaySecondsUntil(dueAt, now) };
    if (this.options.concurrencyPerConnection) push.concurrency = { key: keyOf(body.connectionId), limit: this.options.concurrencyPerConnection };
    return push;
  }
}

function warnWakeupFailure(entryId: string, error: unknown): void {
  console.warn(`liaison: outbox entry ${entryId} is stored but its queue wake-up failed; the scheduled re-drive will send it`, error);
}
