// The ServiceNow peer's outbox (messages to the Jira side of one connection) in Forge KVS, so a
// polled or pushed change whose delivery fails waits for the next flush instead of dying with the
// invocation. Plain keys under the peer's own prefix, not the Jira side's outbox entity: that
// entity's due index is drained by the Jira side's re-drive, which would send the peer's entries
// the wrong way. The peer flushes due entries on every poll and notice; a rescheduled entry also
// asks for a wake-up at its nextTryAt, so the retry policy's short delays are kept too.
// Given how the peer's pairs are stored (`pairs`), an entry is queued together with its pair and
// settled together with the pair its ack taught, each in one KVS transaction, as on the Jira side.
// Finding due entries reads a key query, which Forge answers only eventually ("may return data
// that is slightly out of date"; only get is strongly consistent): an entry queued a moment ago
// may be missing from it, one just delivered or rescheduled may still show as it was. So what this
// invocation wrote is taken from memory, and what the query alone vouches for is read by key.
import { kvs, WhereConditions } from '@forge/kvs';
import type { PairRecord } from '../../core/ledger/pair-record';
import type { Outbox, OutboxEntry, Settlement } from '../../core/ports/outbox';
import { ENTITY } from '../forge/entities';
import { commitPair, pairKey, revCondition, toPairEntity } from '../forge/kvs-pairs';
import { isConflict } from '../forge/kvs-support';

/** Every key of the peer outboxes starts with this; the connection and the entry id follow. */
export const PEER_OUTBOX_PREFIX = 'sn-peer-outbox';
/** Forge's page ceiling for key queries. */
const PAGE = 100;
/** Forge's ceiling of keys per batch get. */
const BATCH = 25;

const SAFE_ID = /^[A-Za-z0-9._-]{1,200}$/;

function checkedId(kind: string, id: unknown): string {
  // Ids land in keys verbatim; Forge keys allow these characters (and ids here are UUIDs).
  if (typeof id !== 'string' || !SAFE_ID.test(id)) throw new TypeError(`${kind} ${JSON.stringify(id)} cannot be part of a storage key`);
  return id;
}

export const byAge = (a: OutboxEntry, b: OutboxEntry): number => a.createdAt - b.createdAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export type KvsPeerOutboxOptions = {
  /** How many entries due() reads at most to find the oldest (default 1000). */
  maxScan?: number;
  /** Asks for a flush when a rescheduled entry falls due; a failure here only loses the hint. */
  wake?: (entry: OutboxEntry) => Promise<void>;
  /** The peer's pair record as its ledger stores it (namespacedPair): enables the one-transaction writes. */
  pairs?: { stored(record: PairRecord): PairRecord };
  /** Entries another invocation queued or rescheduled a moment ago (a wake-up names them): due() reads them by key. */
  expect?: string[];
};

/** One connection's peer outbox; entries of another connection are refused. */
export class KvsPeerOutbox implements Outbox {
  private readonly prefix: string;
  /** Entries this instance queued (this invocation): a flush right after a delivery looks only then. */
  queuedHere = 0;
  /** What this instance wrote (the entry) or removed (null), by id: current, where the key query may lag. */
  private readonly known = new Map<string, OutboxEntry | null>();

  constructor(
    readonly connectionId: string,
    private readonly options: KvsPeerOutboxOptions = {},
  ) {
    this.prefix = `${PEER_OUTBOX_PREFIX}:${checkedId('connection id', connectionId)}:`;
    if (options.pairs) {
      this.enqueueWithPair = (pair, entry, expectedRev) => this.enqueueTogether(pair, entry, expectedRev);
      this.settle = (s) => this.settleTogether(s);
    }
  }

  private keyOf(id: string): string {
    return this.prefix + checkedId('outbox entry id', id);
  }

  private own(entry: OutboxEntry): OutboxEntry {
    if (entry.connectionId !== this.connectionId) throw new TypeError(`outbox entry ${entry.id} belongs to connection ${entry.connectionId}, not ${this.connectionId}`);
    return entry;
  }

  async enqueue(entry: OutboxEntry): Promise<void> {
    await kvs.set(this.keyOf(this.own(entry).id), entry, { keyPolicy: 'FAIL_IF_EXISTS' });
    this.known.set(entry.id, entry);
    this.queuedHere++;
  }

  /** Pair and entry in one transaction (Outbox.enqueueWithPair); only with `pairs` known. */
  readonly enqueueWithPair?: (pair: PairRecord, entry: OutboxEntry, expectedRev?: number | null) => Promise<boolean>;
  /** Entry removed, pair and audit written, in one transaction (Outbox.settle); only with `pairs` known. */
  readonly settle?: (s: Settlement) => Promise<boolean>;

  private async enqueueTogether(pair: PairRecord, entry: OutboxEntry, expectedRev?: number | null): Promise<boolean> {
    const stored = this.options.pairs!.stored(pair);
    if (entry.pairId !== pair.pairId) throw new TypeError(`outbox entry ${entry.id} belongs to pair ${entry.pairId}, not ${pair.pairId}`);
    try {
      await kvs
        .transact()
        .set(pairKey(stored.connectionId, stored.pairId), toPairEntity(stored), { entityName: ENTITY.pair, ...(expectedRev === undefined ? {} : { conditions: revCondition(expectedRev) }) })
        .set(this.keyOf(this.own(entry).id), entry)
        .execute();
    } catch (e) {
      // Entry ids are fresh: a conflict is another writer's change of the pair.
      if (isConflict(e) && expectedRev !== undefined) return false;
      throw e;
    }
    this.known.set(entry.id, entry);
    this.queuedHere++;
    return true;
  }

  private async settleTogether(s: Settlement): Promise<boolean> {
    const done = await commitPair(this.options.pairs!.stored(s.pair.record), s.pair.expectedRev, s.audit, (tx) => tx.delete(this.keyOf(s.entryId)));
    if (done) this.known.set(s.entryId, null);
    return done;
  }

  async get(id: string): Promise<OutboxEntry | null> {
    return (await kvs.get<OutboxEntry>(this.keyOf(id))) ?? null;
  }

  /**
   * Plain keys have no write condition, so two flushes racing on one entry can put back an entry
   * the other just delivered. That costs one more send, which the Jira side answers as a duplicate
   * (it knows every seq it applied) and which then removes the entry for good.
   */
  async update(entry: OutboxEntry): Promise<void> {
    await kvs.set(this.keyOf(this.own(entry).id), entry);
    this.known.set(entry.id, entry);
    try {
      await this.options.wake?.(entry);
    } catch (e) {
      console.warn(`liaison: ServiceNow peer outbox entry ${entry.id} is stored but its wake-up failed; the next poll sends it`, e);
    }
  }

  async remove(id: string): Promise<void> {
    await kvs.delete(this.keyOf(id));
    this.known.set(id, null);
  }

  /**
   * Oldest first; reads every entry of the connection (up to maxScan) to order them by age. Neither
   * misses what this invocation queued nor sends again what it settled, and an entry the query
   * alone shows due is read by key (one batch get per 25) before it goes, so one another invocation
   * delivered or rescheduled a moment ago is not sent twice.
   */
  async due(now: number, limit: number): Promise<OutboxEntry[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`due() limit must be a positive integer, got ${limit}`);
    const byId = new Map((await this.scan(this.options.maxScan ?? 1000)).map((e) => [e.id, e]));
    for (const [id, entry] of this.known) {
      if (entry) byId.set(id, entry);
      else byId.delete(id);
    }
    const isDue = (e: OutboxEntry) => e.nextTryAt <= now;
    const vouched = [...byId.values()].filter((e) => isDue(e) && !this.known.has(e.id)).map((e) => e.id);
    const expected = (this.options.expect ?? []).filter((id) => !this.known.has(id) && !vouched.includes(id));
    for (const id of vouched) byId.delete(id);
    for (const e of await this.readByKey([...vouched, ...expected])) byId.set(e.id, e);
    return [...byId.values()].filter(isDue).sort(byAge).slice(0, limit);
  }

  /** The entries stored under these ids now (strongly consistent), in batches; gone ones left out. */
  private async readByKey(ids: string[]): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const res = await kvs.batchGet<OutboxEntry>(ids.slice(i, i + BATCH).map((id) => ({ key: this.keyOf(id) })));
      for (const r of res.successfulKeys) if (r.value) out.push(r.value);
    }
    return out;
  }

  async size(connectionId?: string): Promise<number> {
    if (connectionId !== undefined && connectionId !== this.connectionId) return 0;
    return (await this.scan(Number.POSITIVE_INFINITY)).length;
  }

  /** Every waiting entry, oldest first (admin views and tests). */
  async all(max = 1000): Promise<OutboxEntry[]> {
    return (await this.scan(max)).sort(byAge);
  }

  private async scan(max: number): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    let cursor: string | undefined;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith(this.prefix)).limit(Math.min(PAGE, Math.max(1, max - out.length)));
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<OutboxEntry>();
      for (const r of page.results) out.push(r.value);
      cursor = page.nextCursor;
    } while (cursor && out.length < max);
    return out.slice(0, max);
  }
}
