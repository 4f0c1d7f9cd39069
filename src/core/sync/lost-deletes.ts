// Lost deletes: an issue deleted while its delete event was lost (or its invocation killed) leaves
// a live pair pointing at nothing, and no later event or `updated` search can find it. Delete
// events reach us as a rule; this check only covers the ones Forge lost, so it need not be quick,
// only sure. A cursor walks each connection's pair index one slice at a time, and the slices of a
// walk are paced: a connection's pairs are walked once per DELETE_CHECK_PERIOD_MS, one slice every
// DELETE_CHECK_MIN_GAP_MS. So the cost per hour is bounded whatever the number of pairs (at most
// 60 / 30 = 2 slices an hour, one Jira search of 50 ids each, ≤ 51 points; on average
// ceil(pairs / 50) slices a day), and every pair is looked at again within max(24 h, ceil(pairs / 50)
// × 30 min): within a day up to 2,400 pairs a connection. A slice costs one KVS query and one Jira search; the walk's place is kept
// in the maintenance schedule (maintenance-schedule.ts), written only when a slice ran.
import type { PairRecord } from '../ledger/pair-record';

/** Pairs looked at per connection and slice: one Jira search (`id in (…)`) covers them. */
export const DELETE_CHECK_SLICE = 50;
/** How often a connection's pairs are walked through (a walk that needs longer takes longer). */
export const DELETE_CHECK_PERIOD_MS = 24 * 3_600_000;
/** Slices of one connection are at least this far apart: what bounds the hourly cost. */
export const DELETE_CHECK_MIN_GAP_MS = 30 * 60_000;

/** Where a connection's walk stands. */
export type DeleteCheckState = {
  /** The pair index's cursor for the next slice; null: the next slice starts a walk from the top. */
  cursor: string | null;
  /** When the current (or, between walks, the last) walk began. */
  walkStartedAt: number;
  /** Slices done in the current walk. */
  slicesDone: number;
  /** Slices the last whole walk took (0: none finished yet): how long a walk is, for the admin and the bench. */
  lastWalkSlices: number;
  /** When the next slice is due. */
  nextAt: number;
};

/** The pairs of a slice worth asking about: linked, and with a local issue (a partner create may not have landed yet). */
export function pairsToCheck(pairs: readonly PairRecord[]): PairRecord[] {
  return pairs.filter((p) => p.unlinkedAt === undefined && p.localIssueId !== null);
}

/** The cursor the next run starts from: the page's own, or the top again once the index is walked. */
export const nextCheckCursor = (page: { cursor?: string }): string | null => page.cursor ?? null;

/** A connection never checked is due at once (its first walk learns how many slices it takes). */
export const deleteCheckDue = (state: DeleteCheckState | undefined, now: number): boolean => state === undefined || state.nextAt <= now;

/**
 * The state after a slice ran at `now` and the index answered `next` (null: the walk reached the end).
 * Within a walk, slices go every DELETE_CHECK_MIN_GAP_MS; the next walk begins a period after this
 * one began (never sooner than the gap). So the k-th slice of each walk runs at the same time of
 * day, and a pair that keeps its place in the index is checked every 24 h exactly; a walk longer
 * than the period (more than 48 slices) is followed at once by the next.
 */
export function afterSlice(state: DeleteCheckState | undefined, now: number, next: string | null): DeleteCheckState {
  const began = state === undefined || state.cursor === null;
  const walkStartedAt = began ? now : state.walkStartedAt;
  const slicesDone = (began ? 0 : state.slicesDone) + 1;
  if (next === null) return { cursor: null, walkStartedAt, slicesDone: 0, lastWalkSlices: slicesDone, nextAt: Math.max(walkStartedAt + DELETE_CHECK_PERIOD_MS, now + DELETE_CHECK_MIN_GAP_MS) };
  return { cursor: next, walkStartedAt, slicesDone, lastWalkSlices: state?.lastWalkSlices ?? 0, nextAt: now + DELETE_CHECK_MIN_GAP_MS };
}
