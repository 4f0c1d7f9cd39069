// Inbound polling: a slice of the watermark's run over the table, and for each record updated since,
// the peer's handleLocalChange — which plans and queues the change to the Jira side like any
// partner edit — then a flush of the peer's outbox. The integration user's own writes (the peer
// applying Jira's changes) are left out by the query; the ledger's hashes would stop them anyway.
// A file attached to a record does not touch the record, so a second pass, with its own watermark,
// reads the attachments added since and takes each one's record through the same path.
import { foldPage, initialWatermark, pageQuery, POLL_FIELDS, startRun, type PollCursor, type Watermark } from '../../adapters/servicenow/watermark';
import { queryValue } from '../../adapters/servicenow/encoded-query';
import type { ServiceNowClient } from '../../adapters/servicenow/servicenow-client';
import { PairNotVisibleYet } from '../../adapters/servicenow/peer-ledger-store';
import { formatSnTime } from '../../adapters/servicenow/sn-time';
import { localIssueId } from '../../core/ids';
import { handleLocalChange } from '../../core/sync/on-local-change';
import { TrackerError } from '../../core/sync/tracker-error';
import type { FlushReport } from './peer-flush';
import type { ServiceNowPeer } from './peer';

export interface WatermarkStore {
  get(): Promise<Watermark | null>;
  put(wm: Watermark): Promise<void>;
}

/**
 * Where a run chunked through the queue stands, without the watermark itself (that is stored after
 * every page): its second and mode, and for a tie the last sys_id read at that second.
 */
export type PollResume = { at: string; mode: 'from' | 'past' } | { at: string; mode: 'tie'; after: string };

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
  /** Continue a run the previous slice left unfinished. */
  resume?: PollResume;
  /** Most messages the flush at the end sends (see flushPeerOutbox). */
  flushMax?: number;
  /** Where the attachment pass keeps its watermark; without it, files added alone wait for their record to change. */
  attachmentWatermarks?: WatermarkStore;
};

export type PollReport = {
  pages: number;
  changed: string[];
  done: boolean;
  /** Where the next slice continues when not done. */
  resume: PollResume;
  flushed: FlushReport;
};

export function resumeOf(cursor: PollCursor): PollResume {
  return cursor.mode === 'tie' ? { at: cursor.wm.at, mode: 'tie', after: cursor.after } : { at: cursor.wm.at, mode: cursor.mode };
}

/** The stored watermark, in the mode the last slice left it, unless the watermark moved since. */
export function resumeCursor(wm: Watermark, resume: PollResume | undefined): PollCursor {
  if (!resume || resume.at !== wm.at) return startRun(wm);
  return resume.mode === 'tie' ? { wm, mode: 'tie', after: resume.after } : { wm, mode: resume.mode };
}

export async function pollServiceNow(o: PollOptions): Promise<PollReport> {
  const now = o.peer.deps.clock.now();
  const settledBefore = formatSnTime(now - (o.settleMs ?? 1_000));
  const stored = (await o.watermarks.get()) ?? initialWatermark(formatSnTime(o.since ?? now - 60_000));
  let cursor = resumeCursor(stored, o.resume);
  const limit = o.pageSize ?? 100;
  const maxPages = o.maxPages ?? 10;
  const changed: string[] = [];
  let pages = 0;
  let done = false;
  let failure: { error: unknown } | null = null;
  try {
    while (!done && pages < maxPages) {
      const page = await o.client.list(o.table, { query: pageQuery(cursor, o.excludeUser ? { excludeUser: o.excludeUser } : {}), fields: POLL_FIELDS, limit });
      pages++;
      const records = page.records.map((r) => ({ sys_id: String(r.sys_id), sys_updated_on: String(r.sys_updated_on), sys_mod_count: String(r.sys_mod_count ?? '') }));
      const fold = foldPage(cursor, records, { limit, settledBefore, hasMore: page.hasMore });
      for (const r of fold.fresh) {
        await changeOf(o, r.sys_id);
        changed.push(r.sys_id);
      }
      // Stored after each page's changes are queued (in the peer's persistent outbox): a crash
      // repeats at most one page, and the ledger's hashes make a repeated record a no-change.
      await o.watermarks.put(fold.cursor.wm);
      cursor = fold.cursor;
      done = fold.done;
    }
    // Files come after the records' run is over, in the pages it left.
    if (done && o.attachmentWatermarks) {
      const files = await pollAttachments(o, o.attachmentWatermarks, { now, settledBefore, limit, pages: Math.max(1, maxPages - pages), done: new Set(changed) });
      pages += files.pages;
      changed.push(...files.changed);
      done = files.done;
    }
  } catch (error) {
    failure = { error };
  }
  // What was queued goes to Jira even when ServiceNow failed a page: Jira need not wait for it.
  const flushed = await o.peer.flush(o.flushMax === undefined ? {} : { max: o.flushMax });
  if (failure) throw failure.error;
  return { pages, changed, done, resume: resumeOf(cursor), flushed };
}

/**
 * The attachment pass: attachments of the table's records stamped since its watermark (paged with
 * the same keyset rules as records), each one's record once through the peer — the snapshot it
 * reads carries the record's files. `done` holds records this run took already.
 */
async function pollAttachments(
  o: PollOptions,
  watermarks: WatermarkStore,
  run: { now: number; settledBefore: string; limit: number; pages: number; done: Set<string> },
): Promise<{ pages: number; changed: string[]; done: boolean }> {
  const stored = (await watermarks.get()) ?? initialWatermark(formatSnTime(o.since ?? run.now - 60_000));
  let cursor = startRun(stored);
  const changed: string[] = [];
  let pages = 0;
  let done = false;
  while (!done && pages < run.pages) {
    const query = pageQuery(cursor, { where: `table_name=${queryValue(o.table)}`, ...(o.excludeUser ? { excludeUser: o.excludeUser } : {}) });
    const page = await o.client.listAttachments(query, run.limit);
    pages++;
    const records = page.records.map((a) => ({ sys_id: a.sys_id, sys_updated_on: String(a['sys_updated_on'] ?? ''), sys_mod_count: String(a['sys_mod_count'] ?? ''), parent: a.table_sys_id ?? '' }));
    const fold = foldPage(cursor, records, { limit: run.limit, settledBefore: run.settledBefore, hasMore: page.hasMore });
    for (const r of fold.fresh) {
      const parent = (r as (typeof records)[number]).parent;
      if (!/^[0-9a-f]{32}$/.test(parent) || run.done.has(parent)) continue;
      run.done.add(parent);
      await changeOf(o, parent);
      changed.push(parent);
    }
    await watermarks.put(fold.cursor.wm);
    cursor = fold.cursor;
    done = fold.done;
  }
  return { pages, changed, done };
}

/**
 * One polled record through the peer. ServiceNow refusing that record for good (an ACL, an answer
 * that cannot be read) is the admin's to see, not a reason to stop every later record behind it;
 * anything that may pass (the instance down, rate limits) stops the run, to be resumed.
 */
async function changeOf(o: PollOptions, sysId: string): Promise<void> {
  try {
    await handleLocalChange(o.peer.deps, { issueId: localIssueId(sysId) });
  } catch (e) {
    // Liaison's own link, its pair not yet in storage queries: nothing of an agent's to bring, and
    // a record whose link outlived its pair (an older connection's) must not stop every poll.
    if (e instanceof PairNotVisibleYet) return console.warn(`liaison: ${o.table} ${sysId} skipped: ${e.message}`);
    if (!(e instanceof TrackerError) || e.transient) throw e;
    const { store, ids, clock } = o.peer.deps;
    await store.addError({ id: ids.newId(), at: clock.now(), connectionId: o.peer.connectionId, pairId: null, field: 'issue', value: `${o.table} ${sysId}`, reason: `the record could not be read from ServiceNow: ${e.message}` });
  }
}
