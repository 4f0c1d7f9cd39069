// The polling watermark, as pure functions. ServiceNow stamps sys_updated_on to the second, so many
// records share a stamp; the watermark is that second plus the updates already taken at it (sys_id
// and sys_mod_count, so a second update within the same second still counts as new). A poll run
// pages through the Table API with keyset queries rather than sysparm_offset, because offsets shift
// when a record is updated mid-run and would skip its neighbour:
//   from:  sys_updated_on>=AT …ORDERBYsys_updated_on^ORDERBYsys_id   (skip what `seen` holds)
//   tie:   sys_updated_on=AT^sys_id>LAST …ORDERBYsys_id               (after a full page ending at AT)
//   past:  sys_updated_on>AT …                                        (AT fully read)
// Records stamped at or after `settledBefore` (the instance's clock, from the answer's Date header,
// less a margin) are left for the next poll: until a second is over, more records can get its stamp.
import { queryValue } from './encoded-query';
import { isSnTime } from './sn-time';

/** What is stored between polls. */
export type Watermark = { at: string; seen: string[] };
/** Where a poll run stands; a run chunked through the queue carries it between invocations. */
export type PollCursor = { wm: Watermark; mode: 'from' | 'past' } | { wm: Watermark; mode: 'tie'; after: string };
export type PolledRecord = { sys_id: string; sys_updated_on: string; sys_mod_count?: string };
export type FoldResult = {
  cursor: PollCursor;
  /** New updates, in page order: apply these (and persist `cursor.wm` with them). */
  fresh: PolledRecord[];
  /** The run is over; store `cursor.wm` and start from it next time. */
  done: boolean;
};

export const POLL_FIELDS = ['sys_id', 'sys_updated_on', 'sys_mod_count'] as const;

function checkTime(what: string, t: string): void {
  if (!isSnTime(t)) throw new RangeError(`${what} must be a ServiceNow UTC time "YYYY-MM-DD HH:mm:ss", got ${JSON.stringify(t)}`);
}

export function initialWatermark(at: string): Watermark {
  checkTime('the first watermark', at);
  return { at, seen: [] };
}

export const startRun = (wm: Watermark): PollCursor => ({ wm, mode: 'from' });

export const updateKey = (r: PolledRecord): string => (r.sys_mod_count ? `${r.sys_id}@${r.sys_mod_count}` : r.sys_id);

/**
 * The `sysparm_query` of the cursor's next page; `excludeUser` leaves out the integration user's own
 * writes, `where` narrows the rows (an encoded-query term such as `table_name=incident`).
 */
export function pageQuery(cursor: PollCursor, options: { excludeUser?: string; where?: string } = {}): string {
  const at = cursor.wm.at;
  checkTime('the watermark', at);
  const by = options.excludeUser ? `^sys_updated_by!=${queryValue(options.excludeUser)}` : '';
  const where = options.where ? `${options.where}^` : '';
  switch (cursor.mode) {
    case 'from': return `${where}sys_updated_on>=${at}${by}^ORDERBYsys_updated_on^ORDERBYsys_id`;
    case 'past': return `${where}sys_updated_on>${at}${by}^ORDERBYsys_updated_on^ORDERBYsys_id`;
    case 'tie': return `${where}sys_updated_on=${at}^sys_id>${queryValue(cursor.after)}${by}^ORDERBYsys_id`;
  }
}

/**
 * Folds one page, asked for with `pageQuery(cursor)` and `sysparm_limit=limit`, into the next
 * cursor. `hasMore` is the answer's own word (Link rel="next"); a short page ends the query too.
 */
export function foldPage(cursor: PollCursor, page: readonly PolledRecord[], options: { limit: number; settledBefore: string; hasMore?: boolean }): FoldResult {
  checkTime('settledBefore', options.settledBefore);
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`limit must be a positive integer, got ${options.limit}`);
  let at = cursor.wm.at;
  let seen = new Set(cursor.wm.seen);
  const fresh: PolledRecord[] = [];
  let unsettled = false;
  for (const r of page) {
    checkTime(`sys_updated_on of ${r.sys_id}`, r.sys_updated_on);
    if (r.sys_updated_on >= options.settledBefore) {
      unsettled = true;
      break;
    }
    const key = updateKey(r);
    if (r.sys_updated_on < at || (r.sys_updated_on === at && seen.has(key))) continue;
    fresh.push(r);
    if (r.sys_updated_on > at) {
      at = r.sys_updated_on;
      seen = new Set();
    }
    seen.add(key);
  }
  const wm: Watermark = { at, seen: [...seen] };
  if (unsettled) return { cursor: { wm, mode: 'from' }, fresh, done: true };
  // ACLs can thin a page below the limit while more rows follow, so the answer's word wins.
  const full = page.length > 0 && (options.hasMore ?? page.length >= options.limit);
  const last = page[page.length - 1];
  if (full && last && last.sys_updated_on === at) return { cursor: { wm, mode: 'tie', after: last.sys_id }, fresh, done: false };
  if (cursor.mode === 'tie' && !full) return { cursor: { wm, mode: 'past' }, fresh, done: false };
  if (full) return { cursor: { wm, mode: 'from' }, fresh, done: false };
  return { cursor: { wm, mode: 'from' }, fresh, done: true };
}
