// Read-your-writes over Forge's eventually consistent index queries. A query may miss a record
// written moments ago, or return its previous value, for as long as the index lags ("may return
// data that is slightly out of date"; Forge gives no bound), while a get by key is strongly
// consistent. So each configuration write also notes its key in a small list kept under one known
// key, and a listing re-reads the noted keys by key: an admin who saves and reloads at once sees
// what was saved, and a route rebuilt right after a save is built from it. Notes older than
// RECENT_MS are dropped, by which time the index has long caught up. Two writes racing on the list
// can lose a note: the listing is then only as fresh as the index, as before.
import { kvs } from '@forge/kvs';

/** How long a write is re-read by key after it was made. */
export const RECENT_MS = 10 * 60_000;

/** `tags`: what a listing filters by (e.g. the connection and project of a rule), so it re-reads only its own. */
type Note = { key: string; at: number; tags?: string[] };

const isNote = (n: unknown): n is Note => typeof (n as Note | null)?.key === 'string' && typeof (n as Note | null)?.at === 'number';

export class RecentWrites {
  constructor(
    private readonly listKey: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes that `key` was just written (one read and one write of the list). */
  async note(key: string, tags?: string[]): Promise<void> {
    const now = this.now();
    const kept = (await this.read()).filter((n) => n.key !== key && now - n.at < RECENT_MS);
    await kvs.set(this.listKey, [...kept, { key, at: now, ...(tags ? { tags } : {}) }]);
  }

  /** Keys written within the last RECENT_MS (one read), only those tagged `tag` when given. */
  async keys(tag?: string): Promise<string[]> {
    const now = this.now();
    return (await this.read()).filter((n) => now - n.at < RECENT_MS && (tag === undefined || (n.tags ?? []).includes(tag))).map((n) => n.key);
  }

  private async read(): Promise<Note[]> {
    const v = await kvs.get<unknown>(this.listKey);
    return Array.isArray(v) ? v.filter(isNote) : [];
  }
}
