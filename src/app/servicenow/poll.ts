// Inbound polling: one run of the watermark over the table, and for each record updated since,
// the peer's handleLocalChange — which plans and queues the change to the Jira side like any
// partner edit. The integration user's own writes (the peer applying Jira's changes) are left out
// by the query; the ledger's hashes would stop them anyway.
import { foldPage, initialWatermark, pageQuery, POLL_FIELDS, startRun, type PollCursor, type Watermark } from '../../adapters/servicenow/watermark';
import type { ServiceNowClient } from '../../adapters/servicenow/servicenow-client';
import { formatSnTime } from '../../adapters/servicenow/sn-time';
import { localIssueId } from '../../core/ids';
import { handleLocalChange } from '../../core/sync/on-local-change';
import type { ServiceNowPeer } from './peer';

export interface WatermarkStore {
  get(): Promise<Watermark | null>;
  put(wm: Watermark): Promise<void>;
}

export type PollOptions = {
  peer: ServiceNowPeer;
  client: ServiceNowClient;
  table: string;
  watermarks: WatermarkStore;
  /** The integration user's user_name (basic auth), whose writes are the peer's own. */
  excludeUser?: string;
  /** Records stamped in the last seconds may still gain neighbours in their second: leave them. */
  settleMs?: number;
  pageSize?: number;
  /** Where the very first poll starts (the connection's creation): older records pair only when they change. */
  since?: number;
  /** Pages per run, so one invocation stays within its time limit; the rest waits for the next run. */
  maxPages?: number;
};

export type PollReport = { pages: number; changed: string[]; done: boolean };

export async function pollServiceNow(o: PollOptions): Promise<PollReport> {
  const now = o.peer.deps.clock.now();
  const settledBefore = formatSnTime(now - (o.settleMs ?? 1_000));
  const stored = (await o.watermarks.get()) ?? initialWatermark(formatSnTime(o.since ?? now - 60_000));
  let cursor: PollCursor = startRun(stored);
  const limit = o.pageSize ?? 100;
  const changed: string[] = [];
  for (let pages = 0; pages < (o.maxPages ?? 10); ) {
    const page = await o.client.list(o.table, { query: pageQuery(cursor, o.excludeUser ? { excludeUser: o.excludeUser } : {}), fields: POLL_FIELDS, limit });
    pages++;
    const records = page.records.map((r) => ({ sys_id: String(r.sys_id), sys_updated_on: String(r.sys_updated_on), sys_mod_count: String(r.sys_mod_count ?? '') }));
    const fold = foldPage(cursor, records, { limit, settledBefore, hasMore: page.hasMore });
    for (const r of fold.fresh) {
      await handleLocalChange(o.peer.deps, { issueId: localIssueId(r.sys_id) });
      changed.push(r.sys_id);
    }
    // Stored after each page's changes are queued: a crash repeats at most one page, and the
    // ledger's hashes make a repeated record a no-change.
    await o.watermarks.put(fold.cursor.wm);
    cursor = fold.cursor;
    if (fold.done) {
      await o.peer.flush();
      return { pages, changed, done: true };
    }
  }
  await o.peer.flush();
  return { pages: o.maxPages ?? 10, changed, done: false };
}
