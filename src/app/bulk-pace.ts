// How fast a bulk sync's pages follow each other: a token bucket in pages, carried from page to page
// in the queue event, so a run keeps inside Forge's storage limits by itself instead of meeting them
// and waiting out a minute each time. Forge's limits per installation ("KVS and Custom Entity Store
// limits", https://developer.atlassian.com/platform/forge/limits-kvs-ce/, as the sandbox models them:
// sandbox/platform/README.md "Storage strictness"): 1,000 requests a second, and 4,000 read and 4,000
// write units (10 KB each) a minute. A run takes a share of them and leaves the rest to what runs
// beside it (the partner's acks, outbox wake-ups, people's edits, the admin page).
//
// A few pages run back to back (the bucket's capacity: a small project's bulk is not slowed at all),
// after which pages are queued with a delay at the rate the minute's budget allows. On Forge each
// storage request takes a round trip, so a page takes seconds and the bucket refills as it runs; on
// the sandbox's manual clock a page takes no time, and the bucket is what spaces them. The partner's
// creates a minute (a connection limit, core/limits) bound the pace too: a bulk is mostly creates.
import { DEFAULT_LIMITS } from '../core/limits/limits';
/** Issues per queue event: the page is read in one search and sent in batches of BATCH_MAX_ITEMS. */
export const BULK_PAGE_SIZE = 40;

/** Forge's storage limits per installation (limits-kvs-ce). */
const STORAGE_REQUESTS_PER_SECOND = 1000;
const STORAGE_UNITS_PER_MINUTE = 4000;

/** The share of those limits a bulk run may take; the rest stays for everything else on the site. */
const BULK_STORAGE_SHARE = 0.6;

/**
 * What one issue of a page costs in storage, rounded up from bench/bulk-economics.ts at 1,008 issues
 * (source: 4.4 requests, 2.05 write and 2.39 read units an issue; the partner's inbox, which the
 * page's sends reach at the same pace: 3.7 requests, 2.27 write and 1.44 read units).
 */
const REQUESTS_PER_ISSUE = 5;
const UNITS_PER_ISSUE = 2.5;

/** Pages that may run in one second: 3 (600 of the 1,000 requests). */
export const BULK_BURST_PAGES = Math.max(1, Math.floor((STORAGE_REQUESTS_PER_SECOND * BULK_STORAGE_SHARE) / (BULK_PAGE_SIZE * REQUESTS_PER_ISSUE)));

/**
 * The share of the partner's creates a minute (its connection limit, default 600 in a fixed minute;
 * a partner that lowered it refuses the rest, and they wait as any refusal does) a run aims at:
 * the bucket's first pages and the steady pages of one minute stay under it.
 */
const CREATES_SHARE = 0.75;

/**
 * Pages a second in the long run: the lower of 0.4 (2,400 of the 4,000 storage units a minute, 100
 * units a page) and 0.1875 (450 of the partner's 600 creates a minute): a page every 5.3 s.
 */
export const BULK_PAGES_PER_SECOND = Math.min(
  (STORAGE_UNITS_PER_MINUTE * BULK_STORAGE_SHARE) / 60 / (BULK_PAGE_SIZE * UNITS_PER_ISSUE),
  (DEFAULT_LIMITS.createsPerMinute * CREATES_SHARE) / 60 / BULK_PAGE_SIZE,
);

/** The bucket as the queue event carries it: pages that may still run at once, as of `at` (ms). */
export type BulkPace = { at: number; credit: number };

/**
 * A page starting at `now` takes one page's credit from `pace` (a first page, or an event queued
 * before pacing, starts full). Returns the bucket to hand to the next page and how long that page
 * must wait (whole seconds, as the queue's delayInSeconds takes them).
 */
export function nextPagePace(pace: BulkPace | undefined, now: number): { pace: BulkPace; delaySeconds: number } {
  const refilled = pace ? Math.min(BULK_BURST_PAGES, pace.credit + (Math.max(0, now - pace.at) / 1000) * BULK_PAGES_PER_SECOND) : BULK_BURST_PAGES;
  const credit = Math.max(0, refilled - 1);
  if (credit >= 1) return { pace: { at: now, credit }, delaySeconds: 0 };
  const delaySeconds = Math.ceil((1 - credit) / BULK_PAGES_PER_SECOND);
  return { pace: { at: now, credit }, delaySeconds };
}
