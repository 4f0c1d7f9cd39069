// The reconciliation sweep's arithmetic: which window of a project's `updated` dates to search,
// which of the issues found still need a look, and the watermark to store afterwards. Pure, so the
// edges (JQL search, KVS, queue) stay thin.
//
// Why a sweep at all: a change saved in Jira reaches Liaison only through a product event, and
// Forge does not deliver every one (events over 200 kB never arrive, delivery can lag, and an
// invocation can die before it planned the change). The sweep finds every issue updated since the
// last sweep and plans it again; the outgoing planner compares with the pair's last-sent hashes,
// so an issue already sent costs a read and no write.

/**
 * How far each search reaches back before the stored watermark. JQL compares dates to the minute
 * and Jira's search index trails a save by seconds (occasionally minutes), so an issue saved just
 * before the last sweep began may not have been searchable then; the overlap finds it now.
 */
export const SWEEP_OVERLAP_MS = 5 * 60_000;

/** A project's first sweep (no watermark yet) looks back this far: a day of possibly lost events. */
export const FIRST_SWEEP_LOOKBACK_MS = 24 * 60 * 60_000;

/** Issues a search page returns; each needs one issue read when its `updated` is new. */
export const SWEEP_PAGE_SIZE = 50;

/** Most issues remembered as seen; beyond, the oldest are forgotten (and merely looked at again). */
export const SWEEP_SEEN_MAX = 2_000;

export type SweepWatermark = {
  /**
   * When the last complete sweep began: everything updated before it (less the overlap) was looked
   * at. Null until a first sweep completes (its pages search the first-sweep lookback).
   */
  since: number | null;
  /**
   * When the project was first shared (its oldest rule version). An issue not updated since was
   * never the sync's business (bulk sync brings existing issues over), so no sweep plans it.
   */
  sharedSince: number;
  /** Issue id → the `updated` time already planned, for issues inside the overlap window. */
  seen: Record<string, number>;
  /**
   * The run in progress and the page it waits for. Forge delivers a queue event at least once: a
   * second copy of a page done already would search it again and queue its next page a second
   * time, forking the run into two chains (and every further copy forks again), so only the page
   * named here runs (`next` null: the run is done). A newer run that starts takes over; the older
   * one's later pages stop. Recorded only by runs of more than one page.
   */
  run?: { id: string; next: string | null };
  /** This app's own Jira account (read once): issues it created and nobody touched since are its own write. */
  appAccountId?: string;
};

/** `created` and `creator`: when the search returned them (an issue created by this app and untouched since needs no look). */
export type SweepHit = { id: string; updated: number; created?: number; creatorId?: string | null };

/**
 * Whether a hit's only change is this app's own create: created by its account and not updated
 * since (any later edit, by anyone, moves `updated` past `created`). Such an issue carries nothing a
 * product event could have lost: the sweep need not read or plan it.
 */
export function ownUntouchedCreate(hit: SweepHit, appAccountId: string | undefined): boolean {
  return appAccountId !== undefined && hit.creatorId === appAccountId && hit.created !== undefined && hit.created === hit.updated;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/** The watermark of a project no sweep has finished yet. */
export function firstWatermark(sharedSince: number): SweepWatermark {
  return { since: null, sharedSince, seen: {} };
}

/**
 * The search for issues of `projectKey` updated since the watermark (less the overlap), or since
 * sharing began within the first-sweep lookback. Relative dates ("-17m") are used because absolute
 * ones are read in the searching user's time zone, which the app's own user does not choose; a
 * relative date means the same instant everywhere.
 */
export function sweepJql(projectKey: string, watermark: SweepWatermark, now: number): string {
  if (!PROJECT_KEY.test(projectKey)) throw new TypeError(`not a Jira project key: ${JSON.stringify(projectKey)}`);
  const from = Math.max(watermark.since !== null ? watermark.since - SWEEP_OVERLAP_MS : now - FIRST_SWEEP_LOOKBACK_MS, watermark.sharedSince);
  const minutes = Math.max(1, Math.ceil((now - from) / 60_000));
  return `project = ${projectKey} AND updated >= "-${minutes}m" ORDER BY updated ASC`;
}

/** The hits updated since sharing began whose current version was not planned by an earlier sweep. */
export function unseenHits(hits: readonly SweepHit[], watermark: SweepWatermark): SweepHit[] {
  return hits.filter((h) => h.updated > watermark.sharedSince && watermark.seen[h.id] !== h.updated);
}

/**
 * The watermark to store after a page: `planned` joins the seen set; once the last page is done
 * (`finishedRunStartedAt`) the watermark moves to the run's start. Entries older than the next
 * search reaches are dropped (that search cannot return them), then the oldest beyond SWEEP_SEEN_MAX.
 * Null when nothing would change: a sweep that found nothing (`earlierPagesPlanned` counts the
 * run's earlier pages) writes nothing, and its window simply stays where it was — except that a
 * project's first watermark (`stored` false) is always written, once. A run whose last page found
 * hits it had all planned before (`found`) moves the window too: left behind, every later search
 * would return them again, and Jira charges a rate-limit point for each issue a search returns
 * (an idle site paid that on all twelve sweeps an hour for whatever changed before it went idle).
 */
export function nextWatermark(previous: SweepWatermark, stored: boolean, planned: readonly SweepHit[], finishedRunStartedAt: number | null, earlierPagesPlanned = 0, found = 0): SweepWatermark | null {
  const finished = finishedRunStartedAt;
  const moves = finished !== null && (planned.length > 0 || earlierPagesPlanned > 0 || found > 0 || !stored);
  if (stored && planned.length === 0 && !moves) return null;
  const since = finished !== null && moves ? Math.max(previous.since ?? finished, finished) : previous.since;
  const seen: Record<string, number> = { ...previous.seen };
  for (const h of planned) seen[h.id] = h.updated;
  return { since, sharedSince: previous.sharedSince, seen: trimSeen(seen, since === null ? 0 : since - SWEEP_OVERLAP_MS), ...(previous.appAccountId ? { appAccountId: previous.appAccountId } : {}) };
}

function trimSeen(seen: Record<string, number>, reach: number): Record<string, number> {
  const kept = Object.entries(seen).filter(([, updated]) => updated >= reach);
  kept.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(kept.slice(0, SWEEP_SEEN_MAX));
}
