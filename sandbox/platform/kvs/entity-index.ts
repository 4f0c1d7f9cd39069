// Secondary indexes of custom entities in SQLite, so an index query reads only its partition's rows in
// range order (as Forge's indexes do) instead of scanning the whole entity. One row per (item, index)
// holds the partition values and the range value in comparable columns; filters are applied by the
// caller while it walks the ordered rows, like the service applies them after its index read.
import type Database from 'better-sqlite3';
import type { EntityDef, IndexDef } from './entity-schema';
import type { Clause } from './conditions';

/** `kind` 0 = number (compare `num`), 1 = anything else (compare `str`, i.e. String(v)). */
interface IndexEntry { idx: string; part: string; kind: 0 | 1; num: number | null; str: string; type: string }

export interface IndexScan {
  space: string;
  index: string;
  partition: unknown[];
  range?: Clause;
  /** Exclusive start, in the query's direction: [rangeValue, key] of the last row returned before. */
  after?: [unknown, string];
  desc: boolean;
  /** 'num' or 'str' when every value of the range attribute has one kind; null when it may mix. */
  orderBy: 'num' | 'str' | null;
  now: number;
}

export interface IndexedRow { key: string; value: string; created_at: number; updated_at: number; expire_at: number | null; purge_at: number | null; kind: number; num: number | null; str: string }

const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The index entries of one stored value: none for indexes it is sparse in. */
function entriesOf(indexes: Iterable<IndexDef>, json: string): IndexEntry[] {
  const value = JSON.parse(json) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return [];
  const out: IndexEntry[] = [];
  for (const ix of indexes) {
    const r = value[ix.range];
    if (r === undefined || r === null) continue;
    const parts = ix.partition.map((a) => value[a]);
    // Partition equality is `===` against JSON values, so objects and missing attributes never match.
    if (!parts.every((p) => p !== undefined && isPrimitive(p))) continue;
    out.push({ idx: ix.name, part: JSON.stringify(parts), kind: typeof r === 'number' ? 0 : 1, num: typeof r === 'number' ? r : null, str: String(r), type: typeof r });
  }
  return out;
}

/** The order kind of an index's range attribute, from its declared type. */
export function orderOf(entity: EntityDef, ix: IndexDef): 'num' | 'str' | null {
  const t = entity.attributes.get(ix.range);
  return t === 'integer' || t === 'float' ? 'num' : t === 'string' || t === 'boolean' ? 'str' : null;
}

/** SQL for `compareValues(v, arg) <op> 0`, row by row (numbers numerically, the rest as strings). */
function compare(op: string, arg: unknown, name: string, params: Record<string, unknown>): string {
  params[`${name}s`] = String(arg);
  if (typeof arg !== 'number') return `e.str ${op} @${name}s`;
  params[`${name}n`] = arg;
  return `((e.kind = 0 AND e.num ${op} @${name}n) OR (e.kind = 1 AND e.str ${op} @${name}s))`;
}

function rangeSql(c: Clause, params: Record<string, unknown>): string {
  const [a, b] = c.values;
  switch (c.condition) {
    case 'EQUAL_TO':
      params.eqType = typeof a;
      return `(e.type = @eqType AND ${compare('=', a, 'eq', params)})`;
    case 'BEGINS_WITH':
      params.prefix = String(a);
      return `(e.type = 'string' AND substr(e.str, 1, length(@prefix)) = @prefix)`;
    case 'GREATER_THAN': return compare('>', a, 'lo', params);
    case 'GREATER_THAN_EQUAL_TO': return compare('>=', a, 'lo', params);
    case 'LESS_THAN': return compare('<', a, 'hi', params);
    case 'LESS_THAN_EQUAL_TO': return compare('<=', a, 'hi', params);
    case 'BETWEEN': return `(${compare('>=', a, 'lo', params)} AND ${compare('<=', b, 'hi', params)})`;
    default: return '0';
  }
}

export class EntityIndexes {
  private readonly insert;
  private readonly remove;
  private readonly statements = new Map<string, Database.Statement<[Record<string, unknown>], IndexedRow>>();

  constructor(private readonly db: Database.Database, private readonly entities: Map<string, EntityDef>) {
    db.exec(`CREATE TABLE IF NOT EXISTS entity_index (
      space TEXT NOT NULL, idx TEXT NOT NULL, part TEXT NOT NULL, kind INTEGER NOT NULL, num REAL, str TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL,
      PRIMARY KEY (space, key, idx)) WITHOUT ROWID`);
    db.exec('CREATE INDEX IF NOT EXISTS entity_index_num ON entity_index (space, idx, part, num, key)');
    db.exec('CREATE INDEX IF NOT EXISTS entity_index_str ON entity_index (space, idx, part, str, key)');
    this.insert = db.prepare('INSERT OR REPLACE INTO entity_index (space, idx, part, kind, num, str, type, key) VALUES (@space, @idx, @part, @kind, @num, @str, @type, @key)');
    this.remove = db.prepare('DELETE FROM entity_index WHERE space = ? AND key = ?');
    this.rebuild();
  }

  /**
   * Re-derives every entry from the query view (see kvs-store.ts): a database written under another
   * manifest (or before indexes) stays correct.
   */
  private rebuild(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM entity_index');
      const rows = this.db.prepare<[], { space: string; key: string; value: string }>("SELECT space, key, value FROM item_view WHERE space LIKE 'entity:%'").all();
      for (const r of rows) this.write(r.space, r.key, r.value);
    })();
  }

  /** Replaces the entries of one item (call inside the write's transaction). */
  write(space: string, key: string, json: string | null): void {
    if (!space.startsWith('entity:')) return;
    this.remove.run(space, key);
    const entity = this.entities.get(space.slice('entity:'.length));
    if (!entity || json === null) return;
    for (const e of entriesOf(entity.indexes.values(), json)) this.insert.run({ space, key, ...e });
  }

  /** The index's rows (joined with the query view's items, unpurged) in query order, lazily. */
  *scan(q: IndexScan): Generator<IndexedRow> {
    const params: Record<string, unknown> = { space: q.space, idx: q.index, part: JSON.stringify(q.partition), now: q.now };
    const where = ['e.space = @space', 'e.idx = @idx', 'e.part = @part', '(i.purge_at IS NULL OR i.purge_at > @now)'];
    if (q.range) where.push(rangeSql(q.range, params));
    const dir = q.desc ? 'DESC' : 'ASC';
    if (q.orderBy && q.after) {
      // Keyset paging: strictly after the cursor's (range value, key) in the query's direction.
      const [value, key] = q.after;
      const col = q.orderBy === 'num' ? 'e.num' : 'e.str';
      const gt = q.desc ? '<' : '>';
      params.afterV = q.orderBy === 'num' && typeof value === 'number' ? value : String(value);
      params.afterK = key;
      where.push(`(${col} ${gt} @afterV OR (${col} = @afterV AND e.key ${gt} @afterK))`);
    }
    const order = q.orderBy ? `ORDER BY e.${q.orderBy} ${dir}, e.key ${dir}` : '';
    const sql = `SELECT i.key, i.value, i.created_at, i.updated_at, i.expire_at, i.purge_at, e.kind, e.num, e.str FROM entity_index e
      JOIN item_view i ON i.space = e.space AND i.key = e.key WHERE ${where.join(' AND ')} ${order}`;
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare<[Record<string, unknown>], IndexedRow>(sql)));
    yield* stmt.iterate(params);
  }
}
