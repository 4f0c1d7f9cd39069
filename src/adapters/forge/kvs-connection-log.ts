// Append-only per-connection records (sync errors, audit entries): one entity per record, indexed by
// (connection, time) so an admin page reads them newest first, one page per KVS operation.
import { kvs, Sort } from '@forge/kvs';
import { INDEX } from './entities';
import { keyOf } from './kvs-keys';
import { checkPageLimit, readAll, requireId, requireTime, type Page } from './kvs-support';

type Logged = { id: string; at: number; connectionId: string };
type LogEntity<T> = { connectionId: string; at: number; record: T };

/** The entity value of one log record (also written inside other adapters' transactions). */
export function logEntityOf<T extends Logged>(entityName: string, record: T): { key: string; value: LogEntity<T> } {
  const id = requireId(`${entityName} id`, record?.id);
  return { key: keyOf(id), value: { connectionId: requireId('connectionId', record.connectionId), at: requireTime('at', record.at), record } };
}

export class KvsConnectionLog<T extends Logged> {
  private readonly entity;

  constructor(private readonly entityName: string) {
    this.entity = kvs.entity<LogEntity<T>>(entityName);
  }

  async add(record: T): Promise<void> {
    const { key, value } = logEntityOf(this.entityName, record);
    // A record is written once under its own id; writing the same id again replaces it, so a retried
    // invocation cannot leave two copies of one error.
    await this.entity.set(key, value);
  }

  async page(connectionId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<T>> {
    let q = this.entity
      .query()
      .index(INDEX.logByConnection, { partition: [requireId('connectionId', connectionId)] })
      .sort(Sort.DESC)
      .limit(checkPageLimit(options.limit ?? 50));
    if (options.cursor) q = q.cursor(options.cursor);
    const res = await q.getMany();
    return { items: res.results.map((r) => r.value.record), ...(res.nextCursor ? { cursor: res.nextCursor } : {}) };
  }

  /** Every record of a connection, newest first (one KVS operation per 100). */
  async all(connectionId: string): Promise<T[]> {
    const items = await readAll<LogEntity<T>>((cursor, limit) => {
      let q = this.entity.query().index(INDEX.logByConnection, { partition: [requireId('connectionId', connectionId)] }).sort(Sort.DESC).limit(limit);
      if (cursor) q = q.cursor(cursor);
      return q.getMany();
    });
    return items.map((v) => v.record);
  }

  async remove(id: string): Promise<void> {
    await this.entity.delete(keyOf(requireId(`${this.entityName} id`, id)));
  }
}
