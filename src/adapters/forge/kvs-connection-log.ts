// Append-only per-connection records (sync errors, audit entries): one entity per record, indexed by
// (connection, time) so an admin page reads them newest first, one page per KVS operation.
//
// Index queries lag behind writes on Forge (only a get by key is strongly consistent), so a person
// who dismisses an error and reloads could still see it listed, and the audit entry of what they just
// did could be missing. Noting every record would break the budget of a change (sync records are
// written inside the pair's own transaction, ≤ 4 KVS operations a change), so only what a person does
// is noted: a removal or record made with `readBack` goes into a small list kept per connection under
// one known key (kvs-recent-writes.ts), and a listing re-reads those keys by key. What the engine
// writes shows once the index catches up, as on any eventually consistent store.
import { kvs, Sort } from '@forge/kvs';
import { INDEX } from './entities';
import { keyOf } from './kvs-keys';
import { RecentWrites } from './kvs-recent-writes';
import { checkPageLimit, readAll, requireId, requireTime, type Page } from './kvs-support';

type Logged = { id: string; at: number; connectionId: string };
type LogEntity<T> = { connectionId: string; at: number; record: T };

/** A person's write: read back by key at once in this connection's listings. */
export type ReadBack = { readBack?: boolean };

/** The entity value of one log record (also written inside other adapters' transactions). */
export function logEntityOf<T extends Logged>(entityName: string, record: T): { key: string; value: LogEntity<T> } {
  const id = requireId(`${entityName} id`, record?.id);
  return { key: keyOf(id), value: { connectionId: requireId('connectionId', record.connectionId), at: requireTime('at', record.at), record } };
}

/** Newest first, then by id (the index's order for one connection). */
const newestFirst = <T extends Logged>(a: T, b: T) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class KvsConnectionLog<T extends Logged> {
  private readonly entity;

  constructor(private readonly entityName: string) {
    this.entity = kvs.entity<LogEntity<T>>(entityName);
  }

  private recent(connectionId: string): RecentWrites {
    return new RecentWrites(`log:recent:${this.entityName}:${keyOf(requireId('connectionId', connectionId))}`);
  }

  async add(record: T, options: ReadBack = {}): Promise<void> {
    const { key, value } = logEntityOf(this.entityName, record);
    // A record is written once under its own id; writing the same id again replaces it, so a retried
    // invocation cannot leave two copies of one error.
    await this.entity.set(key, value);
    if (options.readBack) await this.recent(value.connectionId).note(key);
  }

  /** One page (the first with what a person wrote lately laid over it; later pages without their removals). */
  async page(connectionId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<T>> {
    let q = this.entity
      .query()
      .index(INDEX.logByConnection, { partition: [requireId('connectionId', connectionId)] })
      .sort(Sort.DESC)
      .limit(checkPageLimit(options.limit ?? 50));
    if (options.cursor) q = q.cursor(options.cursor);
    const [res, recent] = await Promise.all([q.getMany(), this.readBack(connectionId)]);
    const items = this.overlay(res.results.map((r) => r.value.record), recent, !options.cursor && !res.nextCursor ? 'all' : options.cursor ? 'none' : 'newer', res.results.at(-1)?.value.record);
    return { items, ...(res.nextCursor ? { cursor: res.nextCursor } : {}) };
  }

  /** Every record of a connection, newest first (one KVS operation per 100, and the read-back). */
  async all(connectionId: string): Promise<T[]> {
    const [items, recent] = await Promise.all([
      readAll<LogEntity<T>>((cursor, limit) => {
        let q = this.entity.query().index(INDEX.logByConnection, { partition: [requireId('connectionId', connectionId)] }).sort(Sort.DESC).limit(limit);
        if (cursor) q = q.cursor(cursor);
        return q.getMany();
      }),
      this.readBack(connectionId),
    ]);
    return this.overlay(items.map((v) => v.record), recent, 'all');
  }

  async remove(id: string, options: ReadBack & { connectionId?: string } = {}): Promise<void> {
    const key = keyOf(requireId(`${this.entityName} id`, id));
    await this.entity.delete(key);
    if (options.readBack && options.connectionId) await this.recent(options.connectionId).note(key);
  }

  /** The records noted lately, by key: key → record (null: removed). One read, and one per noted key. */
  private async readBack(connectionId: string): Promise<Map<string, T | null>> {
    const out = new Map<string, T | null>();
    for (const key of await this.recent(connectionId).keys()) {
      const v = await this.entity.get(key);
      out.set(key, v && v.connectionId === connectionId ? v.record : null);
    }
    return out;
  }

  /**
   * `listed` with the noted records laid over it: removed ones go; written ones are added where they
   * belong — `all`: anywhere (the whole list), `newer`: only above the page's last record (the next
   * page holds the older ones), `none`: nowhere (a later page; added records were on the first).
   */
  private overlay(listed: T[], recent: Map<string, T | null>, add: 'all' | 'newer' | 'none', last?: T): T[] {
    if (recent.size === 0) return listed;
    const onPage = new Set(listed.map((r) => keyOf(r.id)));
    const kept = listed.flatMap((r) => {
      const key = keyOf(r.id);
      if (!recent.has(key)) return [r];
      const fresh = recent.get(key);
      return fresh ? [fresh] : [];
    });
    const added = [...recent.entries()].filter(
      ([key, fresh]) => fresh && !onPage.has(key) && (add === 'all' || (add === 'newer' && (!last || newestFirst(fresh, last) <= 0))),
    );
    // Only a record added from the read-back moves the index's order (ties keep the index's own).
    return added.length === 0 ? kept : [...kept, ...added.map(([, fresh]) => fresh!)].sort(newestFirst);
  }
}
