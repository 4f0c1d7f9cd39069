// One installation's hosted storage in SQLite: plain keys, secrets and custom entities live in one
// table, told apart by `space` ('kvs', 'secret', 'entity:<name>').
//
// Forge's `get` is strongly consistent, its queries (`kvs.query`, entity index queries) only
// eventually ("may return data that is slightly out of date"). So there are two copies: `items`, the
// truth every get and write uses, and `item_view` with the entity indexes, which queries read. A
// write reaches the view after a lag drawn per write (StorageStrictness); at that moment the view
// takes the key's then-current truth, so intermediate values may never show in a query, as with any
// replica. A restart rebuilds the view from the truth.
//
// TTL: a value past its expiry is still returned (and still found by queries) until it is purged, a
// drawn delay of up to 48 hours later ("Expired data deletion is asynchronous").
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EntityDef } from './entity-schema';
import { EntityIndexes, type IndexScan, type IndexedRow } from './entity-index';
import { StorageStrictness, type StorageStrictnessOptions } from './kvs-strictness';
import { KeyThroughputLimiter } from './kvs-key-limits';
import { StorageRateLimiter } from './kvs-rate-limits';

export interface Row { key: string; value: string; createdAt: number; updatedAt: number; expireAt: number | null }

interface DbRow { key: string; value: string; created_at: number; updated_at: number; expire_at: number | null; purge_at: number | null }
const toRow = (r: DbRow): Row => ({ key: r.key, value: r.value, createdAt: r.created_at, updatedAt: r.updated_at, expireAt: r.expire_at });

/** The range value as index order sees it: numbers as numbers, everything else as String(v). */
const rangeOf = (r: IndexedRow): unknown => (r.kind === 0 ? r.num : r.str);

const COLUMNS = `space TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER, purge_at INTEGER,
      PRIMARY KEY (space, key)`;

export class KvsStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly indexes: EntityIndexes;
  /** Writes not yet in the view: `space\0key` → when they show. */
  private readonly pending = new Map<string, { space: string; key: string; due: number }>();
  readonly strictness: StorageStrictness;
  readonly rateLimiter: StorageRateLimiter;
  /** Per-key and per-index-value throughput: on whenever the installation's rate limits are. */
  readonly keyLimiter: KeyThroughputLimiter;

  constructor(file: string, private readonly now: () => number, entities: Map<string, EntityDef> = new Map(), strictness: Partial<StorageStrictnessOptions> = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.strictness = new StorageStrictness(file === ':memory:' ? `memory:${[...entities.keys()].join(',')}` : file, strictness);
    this.rateLimiter = new StorageRateLimiter(now, () => this.strictness.current.rateLimits);
    this.keyLimiter = new KeyThroughputLimiter(now, () => this.strictness.current.rateLimits !== null);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS items (${COLUMNS}) WITHOUT ROWID`);
    const cols = this.db.prepare<[], { name: string }>('PRAGMA table_info(items)').all();
    if (!cols.some((c) => c.name === 'purge_at')) {
      // A data folder from before lazy expiry: expired values are purged at their expiry.
      this.db.exec('ALTER TABLE items ADD COLUMN purge_at INTEGER; UPDATE items SET purge_at = expire_at');
    }
    this.db.exec(`DROP TABLE IF EXISTS item_view; CREATE TABLE item_view (${COLUMNS}) WITHOUT ROWID; INSERT INTO item_view SELECT space, key, value, created_at, updated_at, expire_at, purge_at FROM items`);
    this.stmts = {
      get: this.db.prepare<[string, string], DbRow>('SELECT * FROM items WHERE space = ? AND key = ?'),
      upsert: this.db.prepare(`INSERT INTO items (space, key, value, created_at, updated_at, expire_at, purge_at) VALUES (@space, @key, @value, @now, @now, @expireAt, @purgeAt)
        ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expire_at = excluded.expire_at, purge_at = excluded.purge_at`),
      del: this.db.prepare('DELETE FROM items WHERE space = ? AND key = ?'),
      viewCopy: this.db.prepare('INSERT OR REPLACE INTO item_view SELECT * FROM items WHERE space = ? AND key = ?'),
      viewDel: this.db.prepare('DELETE FROM item_view WHERE space = ? AND key = ?'),
      scan: this.db.prepare<[{ space: string; after: string; prefix: string; now: number }], DbRow>(
        'SELECT * FROM items WHERE space = @space AND key > @after AND substr(key, 1, length(@prefix)) = @prefix AND (purge_at IS NULL OR purge_at > @now) ORDER BY key LIMIT 1000',
      ),
      viewScan: this.db.prepare<[{ space: string; after: string; prefix: string; now: number }], DbRow>(
        'SELECT * FROM item_view WHERE space = @space AND key > @after AND substr(key, 1, length(@prefix)) = @prefix AND (purge_at IS NULL OR purge_at > @now) ORDER BY key LIMIT 1000',
      ),
      all: this.db.prepare<[string, number], DbRow>('SELECT * FROM items WHERE space = ? AND (purge_at IS NULL OR purge_at > ?)'),
    };
    this.indexes = new EntityIndexes(this.db, entities);
  }

  /** The key's value (strongly consistent); an expired value until it is purged. */
  get(space: string, key: string): Row | undefined {
    const r = this.stmts.get.get(space, key);
    if (!r) return undefined;
    if (r.purge_at !== null && r.purge_at <= this.now()) {
      this.atomically(() => {
        this.stmts.del.run(space, key);
        this.toView(space, key);
      });
      return undefined;
    }
    return toRow(r);
  }

  /** Writes a value; returns the row before and after the write. */
  put(space: string, key: string, value: string, ttlMs?: number): { previous?: Row; latest: Row } {
    const previous = this.get(space, key);
    const now = this.now();
    const expireAt = ttlMs === undefined ? null : now + ttlMs;
    const purgeAt = expireAt === null ? null : expireAt + this.strictness.purgeDelay();
    this.atomically(() => {
      this.stmts.upsert.run({ space, key, value, now, expireAt, purgeAt });
      this.toView(space, key);
    });
    return { previous, latest: { key, value, createdAt: previous?.createdAt ?? now, updatedAt: now, expireAt } };
  }

  delete(space: string, key: string): boolean {
    return this.atomically(() => {
      const gone = this.stmts.del.run(space, key).changes > 0;
      this.toView(space, key);
      return gone;
    });
  }

  /**
   * Rows of an entity index in query order that pass `accept`, at most `want` of them, as the
   * (lagging) view holds them. Reads the index lazily, so a page costs the rows up to it.
   */
  queryIndex(q: Omit<IndexScan, 'now'>, accept: (value: Record<string, unknown>) => boolean, want: number): Array<Row & { range: unknown }> {
    this.catchUp();
    const out: Array<Row & { range: unknown }> = [];
    for (const r of this.indexes.scan({ ...q, now: this.now() })) {
      const value = JSON.parse(r.value) as Record<string, unknown>;
      if (!accept(value)) continue;
      out.push({ ...toRow(r), range: rangeOf(r) });
      if (out.length >= want) break;
    }
    return out;
  }

  /** `kvs.query`: keys in order after `afterKey` that start with `prefix`, as the (lagging) view holds them. */
  queryKeys(space: string, prefix: string, afterKey: string): Row[] {
    this.catchUp();
    return this.stmts.viewScan.all({ space, after: afterKey, prefix, now: this.now() }).map(toRow);
  }

  /** Inspection (tests): keys in order after `afterKey` that start with `prefix`, from the truth (at most 1000). */
  scan(space: string, prefix: string, afterKey: string): Row[] {
    return this.stmts.scan.all({ space, after: afterKey, prefix, now: this.now() }).map(toRow);
  }

  all(space: string): Row[] {
    return this.stmts.all.all(space, this.now()).map(toRow);
  }

  /** Runs `fn` atomically: any throw rolls every write back. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Brings every pending write into the view now (a test that must see a settled view says why). */
  settleQueries(): void {
    for (const p of this.pending.values()) p.due = Number.NEGATIVE_INFINITY;
    this.catchUp();
  }

  /** When the last write not yet in the view shows in queries (undefined: queries are current). */
  viewCurrentAt(): number | undefined {
    let last: number | undefined;
    for (const p of this.pending.values()) if (last === undefined || p.due > last) last = p.due;
    return last;
  }

  close(): void {
    this.db.close();
  }

  /** A write reaches the view after its drawn lag (now, without one). */
  private toView(space: string, key: string): void {
    const lag = this.strictness.indexLag();
    const id = `${space}\u0000${key}`;
    if (lag === 0 && !this.pending.has(id)) {
      this.copyToView(space, key);
      return;
    }
    const due = this.now() + lag;
    const p = this.pending.get(id);
    // An earlier pending write of the key brings this one along when it shows.
    if (!p) this.pending.set(id, { space, key, due });
  }

  private copyToView(space: string, key: string): void {
    this.stmts.viewDel.run(space, key);
    this.stmts.viewCopy.run(space, key);
    const row = this.stmts.get.get(space, key);
    this.indexes.write(space, key, row ? row.value : null);
  }

  private catchUp(): void {
    if (this.pending.size === 0) return;
    const now = this.now();
    const due = [...this.pending.entries()].filter(([, p]) => p.due <= now);
    if (due.length === 0) return;
    this.atomically(() => {
      for (const [id, p] of due) {
        this.pending.delete(id);
        this.copyToView(p.space, p.key);
      }
    });
  }
}
