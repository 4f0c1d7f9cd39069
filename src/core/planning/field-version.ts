// Per-field versions and the merge that makes both sides converge.
//
// Each shared field carries a two-entry version vector (edits made here, edits made there). An
// incoming version that the local state already covers is old news; one that covers the local
// state is simply newer; otherwise the edits were concurrent and the field's conflict policy picks
// a winner by a rank both sides compute identically. Because a site's own versions always rank
// above its earlier ones, the outcome does not depend on delivery order, duplicates or delays.
// Why not timestamps alone: clocks of two companies disagree, and "later" must respect what each
// editor had seen. See docs/adr/0002-ledger-and-ordering.md.
import type { ConflictPolicy } from '../rules/schema';

export type Origin = 'local' | 'partner';
export type Version = { origin: Origin; counter: number; ts: number; hash: string };
/** On the wire the clock is relative to the sender: `mine` = sender's edits, `yours` = receiver's. */
export type WireClock = { mine: number; yours: number };

export type FieldSyncState = {
  clock: { local: number; partner: number };
  /** The agreed version; `hash` is the originating side's hash (same on both sides). */
  winner: Version;
  /** Hash of the value as the local tracker shows it, for echo detection. */
  localHash: string;
  /** Last local version's source time, so our own versions never go back in time. */
  ownTs: number;
  /** Set while an incoming value is being written locally (between ledger intent and commit). */
  pending?: { fromHash: string; since: number };
};

export type MergeOutcome = 'apply' | 'ignore' | 'keep-local';

function rankKey(v: Version, policy: ConflictPolicy): (number | string)[] {
  if (policy === 'latest') return [v.ts, v.counter, v.hash];
  const preferred = policy === v.origin ? 1 : 0;
  return [preferred, v.counter, v.ts, v.hash];
}

/** >0 when `a` wins over `b` in a conflict. */
export function compareVersions(a: Version, b: Version, policy: ConflictPolicy): number {
  const ka = rankKey(a, policy);
  const kb = rankKey(b, policy);
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! < kb[i]!) return -1;
    if (ka[i]! > kb[i]!) return 1;
  }
  return 0;
}

export function mergeIncoming(
  state: FieldSyncState | undefined,
  incoming: { clock: WireClock; ts: number; hash: string },
  policy: ConflictPolicy,
): { outcome: MergeOutcome; clock: FieldSyncState['clock']; winner: Version } {
  const theirs = { local: incoming.clock.yours, partner: incoming.clock.mine };
  const version: Version = { origin: 'partner', counter: incoming.clock.mine, ts: incoming.ts, hash: incoming.hash };
  if (!state) return { outcome: 'apply', clock: theirs, winner: version };
  const mine = state.clock;
  if (theirs.local <= mine.local && theirs.partner <= mine.partner) return { outcome: 'ignore', clock: mine, winner: state.winner };
  const joined = { local: Math.max(mine.local, theirs.local), partner: Math.max(mine.partner, theirs.partner) };
  if (mine.local <= theirs.local && mine.partner <= theirs.partner) return { outcome: 'apply', clock: joined, winner: version };
  return compareVersions(version, state.winner, policy) > 0
    ? { outcome: 'apply', clock: joined, winner: version }
    : { outcome: 'keep-local', clock: joined, winner: state.winner };
}

/** A new local edit: it has seen everything merged so far, so it dominates. */
export function localEdit(state: FieldSyncState | undefined, hash: string, sourceTs: number): { state: FieldSyncState; clock: WireClock } {
  const counter = (state?.clock.local ?? 0) + 1;
  const partner = state?.clock.partner ?? 0;
  const ts = Math.max(sourceTs, state?.ownTs ?? 0);
  return {
    state: { clock: { local: counter, partner }, winner: { origin: 'local', counter, ts, hash }, localHash: hash, ownTs: ts },
    clock: { mine: counter, yours: partner },
  };
}
