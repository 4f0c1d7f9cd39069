// Forge's limits on single keys and index values ("KVS and Custom Entity Store limits", Key and object
// size limits; Custom Entity Store limits; batch operations): throughput per key (reads 12 MB/s,
// writes 1 MB/s) and per index value (queries 24 MB/s), at most 25 keys per batch operation, the
// combined size of an index's range (900 bytes) and partition (1700 bytes) values, and at most 100
// conditions per complex query. Sources and what the docs leave open: sandbox/platform/README.md.
// Throughput is counted in trailing one-second windows, as the installation's rate limits are.
import type { EntityDef } from './entity-schema';
import { KvsHttpError } from './kvs-limits';
import { TrailingWindow } from './kvs-rate-limits';

/** MB read as 10^6 bytes, the stricter reading. */
export const KEY_LIMITS = {
  readBytesPerSecondPerKey: 12_000_000,
  writeBytesPerSecondPerKey: 1_000_000,
  queryBytesPerSecondPerIndexValue: 24_000_000,
  batchMaxKeys: 25,
  indexRangeMaxBytes: 900,
  indexPartitionMaxBytes: 1700,
  queryMaxConditions: 100,
} as const;

/** "Each batch operation can contain a maximum of 25 keys." */
export function checkBatchSize(items: unknown[], op: string): void {
  if (items.length > KEY_LIMITS.batchMaxKeys) {
    throw new KvsHttpError(400, 'TOO_MANY_KEYS', `Each batch operation can contain a maximum of ${KEY_LIMITS.batchMaxKeys} keys; this batch ${op} has ${items.length}.`); // sandbox code
  }
}

const valueBytes = (v: unknown) => (v === undefined || v === null ? 0 : Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v)));

/** The combined size of an index's range and partition values in an entity value (900 / 1700 bytes). */
export function checkIndexValueSizes(entity: EntityDef, value: unknown): void {
  const v = (value ?? {}) as Record<string, unknown>;
  for (const index of entity.indexes.values()) {
    const range = valueBytes(v[index.range]);
    const partition = index.partition.reduce((n, a) => n + valueBytes(v[a]), 0);
    if (range > KEY_LIMITS.indexRangeMaxBytes || partition > KEY_LIMITS.indexPartitionMaxBytes) {
      const which = range > KEY_LIMITS.indexRangeMaxBytes ? `range values of index ${index.name} take ${range} bytes (at most ${KEY_LIMITS.indexRangeMaxBytes})` : `partition values of index ${index.name} take ${partition} bytes (at most ${KEY_LIMITS.indexPartitionMaxBytes})`;
      throw new KvsHttpError(400, 'INDEX_VALUE_TOO_LARGE', `Entity ${entity.name}: the ${which}.`); // sandbox code
    }
  }
}

/** "Each complex query can only have a maximum of 100 conditions" (where, andFilter, orFilter). */
export function checkConditionCount(body: Record<string, unknown>): void {
  const filters = (body.filters ?? {}) as { and?: unknown[]; or?: unknown[] };
  const n = (body.range ? 1 : 0) + (filters.and ?? filters.or ?? []).length;
  if (n > KEY_LIMITS.queryMaxConditions) {
    throw new KvsHttpError(400, 'TOO_MANY_CONDITIONS', `A complex query can have at most ${KEY_LIMITS.queryMaxConditions} conditions; this one has ${n}.`); // sandbox code
  }
}

/** What one storage request reads and writes, per key and per index value, for the throughput limits. */
export interface KeyTouches { writes: Array<{ id: string; bytes: number }>; reads: string[]; indexValue?: string }

/**
 * Per-key and per-index-value throughput in trailing one-second windows on the sandbox clock, as the
 * installation's rate limits (kvs-rate-limits.ts): bytes count from their request's instant until
 * one second later, so a burst at a calendar-second boundary cannot pass twice the limit (1 MB at
 * 0.999 s and 1 MB more at 1.001 s), which fixed windows allowed. A request is refused
 * (429 RATE_LIMIT_EXCEEDED; a transaction TOO_MANY_REQUESTS) when a key it writes would go over
 * 1 MB in the trailing second, or a key it reads (an index value it queries) has already had 12 MB
 * (24 MB) in it; reads are charged with the bytes answered once served. The docs leave the window
 * shape open (sandbox/platform/README.md); trailing is the stricter reading.
 */
export class KeyThroughputLimiter {
  private readonly written = new KeyWindows();
  private readonly read = new KeyWindows();
  private readonly queried = new KeyWindows();
  refused = 0;

  constructor(private readonly now: () => number, private readonly enabled: () => boolean) {}

  admit(route: string, t: KeyTouches): void {
    if (!this.enabled()) return;
    const now = this.now();
    const code = route === 'transaction' ? 'TOO_MANY_REQUESTS' : 'RATE_LIMIT_EXCEEDED';
    const refuse = (what: string) => {
      this.refused++;
      throw new KvsHttpError(429, code, `This installation exceeded the storage limit of ${what}. Retry later.`);
    };
    const adding = new Map<string, number>();
    for (const w of t.writes) adding.set(w.id, (adding.get(w.id) ?? 0) + w.bytes);
    for (const [id, bytes] of adding) {
      const used = this.written.total(id, now);
      if (used > 0 && used + bytes > KEY_LIMITS.writeBytesPerSecondPerKey) refuse(`1 MB of writes per second to one key ("${id.split('\u0000').pop()}")`);
    }
    for (const id of t.reads) if (this.read.total(id, now) >= KEY_LIMITS.readBytesPerSecondPerKey) refuse(`12 MB of reads per second from one key ("${id.split('\u0000').pop()}")`);
    if (t.indexValue && this.queried.total(t.indexValue, now) >= KEY_LIMITS.queryBytesPerSecondPerIndexValue) refuse('24 MB of queries per second on one index value');
    for (const [id, bytes] of adding) this.written.add(id, now, bytes);
  }

  /** After a read or query was served: the bytes it answered, shared by the keys it read. */
  charge(t: KeyTouches, answerBytes: number): void {
    if (!this.enabled() || (t.reads.length === 0 && !t.indexValue)) return;
    const now = this.now();
    if (t.indexValue) this.queried.add(t.indexValue, now, answerBytes);
    const share = t.reads.length > 0 ? Math.ceil(answerBytes / t.reads.length) : 0;
    for (const id of t.reads) this.read.add(id, now, share);
  }
}

/** Per key, what was spent in the trailing second; a key idle for a second is forgotten (memory stays flat). */
class KeyWindows {
  private readonly windows = new Map<string, TrailingWindow>();
  private lastSwept = Number.NEGATIVE_INFINITY;

  total(id: string, now: number): number {
    return this.windows.get(id)?.total(now) ?? 0;
  }

  add(id: string, now: number, bytes: number): void {
    let w = this.windows.get(id);
    if (!w) this.windows.set(id, (w = new TrailingWindow(1_000)));
    w.add(now, bytes);
    if (now - this.lastSwept >= 1_000) {
      this.lastSwept = now;
      for (const [key, window] of this.windows) if (window.total(now) === 0) this.windows.delete(key);
    }
  }
}

type Body = Record<string, unknown>;
const id = (entityName: unknown, space: string, key: unknown) => `${entityName ? `entity:${String(entityName)}` : space}\u0000${String(key)}`;
const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '');

/** The keys (and index value) a parsed storage request touches. */
export function touchesOf(route: string, parsed: unknown): KeyTouches {
  const body = (parsed ?? {}) as Body;
  const list = Array.isArray(parsed) ? (parsed as Body[]) : [];
  const space = route.startsWith('secret/') ? 'secret' : 'kvs';
  switch (route) {
    case 'set': case 'secret/set': case 'entity/set':
      return { writes: [{ id: id(body.entityName, space, body.key), bytes: bytesOf(body.value) }], reads: [] };
    case 'get': case 'secret/get': case 'entity/get':
      return { writes: [], reads: [id(body.entityName, space, body.key)] };
    case 'batch/set':
      return { writes: list.map((it) => ({ id: id(it?.entityName, 'kvs', it?.key), bytes: bytesOf(it?.value) })), reads: [] };
    case 'batch/get':
      return { writes: [], reads: list.map((it) => id(it?.entityName, 'kvs', it?.key)) };
    case 'transaction':
      return { writes: ((body.set ?? []) as Body[]).map((op) => ({ id: id(op?.entityName, 'kvs', op?.key), bytes: bytesOf(op?.value) })), reads: [] };
    case 'entity/query':
      return { writes: [], reads: [], indexValue: `${String(body.entityName)}\u0000${String(body.indexName)}\u0000${JSON.stringify(body.partition ?? [])}` };
    default:
      return { writes: [], reads: [] };
  }
}
