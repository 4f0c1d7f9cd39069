// One installation's hosted storage in SQLite: plain keys, secrets and custom entities live in one
// table, told apart by `space` ('kvs', 'secret', 'entity:<name>'). Expired keys read as absent.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EntityDef } from './entity-schema';
import { EntityIndexes, type IndexScan, type IndexedRow } from './entity-index';

export interface Row { key: string; value: string; createdAt: number; updatedAt: number; expireAt: number | null }

interface DbRow { key: string; value: string; created_at: number; updated_at: number; expire_at: number | null }
const toRow = (r: DbRow): Row => ({ key: r.key, value: r.value, createdAt: r.created_at, updatedAt: r.updated_at, expireAt: r.expire_at });

/** The range value as index order sees it: numbers as numbers, everything else as String(v). */
const rangeOf = (r: IndexedRow): unknown => (r.kind === 0 ? r.num : r.str);

export class KvsStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly indexes: EntityIndexes;

  constructor(file: string, private readonly now: () => number, entities: Map<string, EntityDef> = new Map()) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS items (
      space TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
      PRIMARY KEY (space, key)) WITHOUT ROWID`);
    this.stmts = {
      get: this.db.prepare<[string, string], DbRow>('SELECT * FROM items WHERE space = ? AND key = ?'),
      upsert: this.db.prepare(`INSERT INTO items (space, key, value, created_at, updated_at, expire_at) VALUES (@space, @key, @value, @now, @now, @expireAt)
        ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expire_at = excluded.expire_at`),
      del: this.db.prepare('DELETE FROM items WHERE space = ? AND key = ?'),
      scan: this.db.prepare<[{ space: string; after: string; prefix: string; now: number }], DbRow>(
        'SELECT * FROM items WHERE space = @space AND key > @after AND substr(key, 1, length(@prefix)) = @prefix AND (expire_at IS NULL OR expire_at > @now) ORDER BY key LIMIT 1000',
      ),
      all: this.db.prepare<[string, number], DbRow>('SELECT * FROM items WHERE space = ? AND (expire_at IS NULL OR expire_at > ?)'),
    };
    this.indexes = new EntityIndexes(this.db, entities);
  }

  get(space: string, key: string): Row | undefined {
    const r = this.stmts.get.get(space, key);
    if (!r) return undefined;
    if (r.expire_at !== null && r.expire_at <= this.now()) {
      this.atomically(() => {
        this.stmts.del.run(space, key);
        this.indexes.write(space, key, null);
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
    this.atomically(() => {
      this.stmts.upsert.run({ space, key, value, now, expireAt });
      this.indexes.write(space, key, value);
    });
    return { previous, latest: { key, value, createdAt: previous?.createdAt ?? now, updatedAt: now, expireAt } };
  }

  delete(space: string, key: string): boolean {
    return this.atomically(() => {
      this.indexes.write(space, key, null);
      return this.stmts.del.run(space, key).changes > 0;
    });
  }

  /**
   * Rows of an entity index in query order that pass `accept`, at most `want` of them. Reads the
   * index lazily, so a page costs the rows up to it, not the whole entity.
   */
  queryIndex(q: Omit<IndexScan, 'now'>, accept: (value: Record<string, unknown>) => boolean, want: number): Array<Row & { range: unknown }> {
    const out: Array<Row & { range: unknown }> = [];
    for (const r of this.indexes.scan({ ...q, now: this.now() })) {
      const value = JSON.parse(r.value) as Record<string, unknown>;
      if (!accept(value)) continue;
      out.push({ ...toRow(r), range: rangeOf(r) });
      if (out.length >= want) break;
    }
    return out;
  }

  /** Keys in order after `afterKey` that start with `prefix` (at most 1000 per call). */
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

  close(): void {
    this.db.close();
  }
}
