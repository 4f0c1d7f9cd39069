// Lost deletes: an issue deleted while its delete event was lost (or its invocation killed) leaves
// a live pair pointing at nothing, and no later event or `updated` search can find it. The
// maintenance looks at a bounded slice of each connection's pairs per run — a cursor walks the
// pair index, so every pair is looked at within ceil(pairs / slice) runs and no run scans them all —
// and the pairs whose local issue is gone are unlinked as the delete event would have done.
import type { PairRecord } from '../ledger/pair-record';

/** Pairs looked at per connection and run: one Jira search (`id in (…)`) covers them. */
export const DELETE_CHECK_SLICE = 50;

/** The pairs of a slice worth asking about: linked, and with a local issue (a partner create may not have landed yet). */
export function pairsToCheck(pairs: readonly PairRecord[]): PairRecord[] {
  return pairs.filter((p) => p.unlinkedAt === undefined && p.localIssueId !== null);
}

/** The cursor the next run starts from: the page's own, or the top again once the index is walked. */
export const nextCheckCursor = (page: { cursor?: string }): string | null => page.cursor ?? null;
