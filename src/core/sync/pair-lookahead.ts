// One read by key, ahead of a change's plan, for the pairs it is about to look up: the issue's own
// pair, for every rule, and the pairs of the issues its parent and links name, for a rule sharing
// them. Looked up through the pair index each would cost an operation (a parent change was 5 KVS
// operations on the sending side, a link 6), and the index may lag behind a write: an edit a moment
// after the create found no pair there and read the derived ids after (5 operations), and a change
// a moment after another planned on the pair as it was before, so its conditional write failed and
// it read and wrote again (6). Read by key, a pair is current. The keys are the ones a pair of the
// issue most likely has:
// - the issue's own pair: the ids derived from it (either side: as LedgerStore.findPairByLocalIssue
//   reads them when its index finds none) and the pair its Jira property names (Liaison made the
//   issue for the partner's pair), so a miss leaves only the index to ask, alone (a pair the
//   partner's agent linked by hand, or a relink's later generation: one operation more than the
//   index alone, where the index is current);
// - an issue it names: likewise the ids derived from it (this side derived one when it first sent
//   that issue). An issue the partner sent (its pair id derives from the partner's issue) or one
//   linked or relinked by hand has another id: the index alone is asked for it (what a lookup
//   reads by key when the index finds none was read here already).
// Only a live pair of the issue counts as found.
import type { ConnectionId, LocalIssueId, PairId } from '../ids';
import { pairId as toPairId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import { PAIRS_PER_READ } from '../ports/store';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';
import type { SyncDeps } from './deps';
import { derivePairId, type PairSide } from './pair-id';

export type PairLookahead = {
  /** The issue's own live pair, read by key; undefined: not found by key (ask the index alone). */
  own: PairRecord | undefined;
  /**
   * The issues the snapshot names whose derived ids were read, by local issue id: the live pair
   * found, or null (ask the index alone). An issue not here is looked up as before.
   */
  named: ReadonlyMap<LocalIssueId, PairRecord | null>;
};

const OWN_KEYS = 3;
const KEYS_PER_NAMED = 2;

/** The issues a plan of this rule may look up: parent and links, as outgoing-relations.ts reads them. */
function namedIssues(snapshot: IssueSnapshot, rule: SharingRule): LocalIssueId[] {
  const cfg = rule.outgoing.relations;
  const rel = snapshot.relations;
  if (!rel) return [];
  const ids = [...(cfg.hierarchy && rel.parent ? [rel.parent] : []), ...(cfg.links ? rel.links.filter((l) => l.outward || cfg.outsideLinks === 'note').map((l) => l.otherId) : [])];
  return [...new Set(ids)].filter((id) => id !== snapshot.id);
}

/**
 * Null when the store cannot read several pairs at once: the plan then looks each pair up on its
 * own, as before. Null too for a just-created issue that names no other: its first look asks the
 * index alone (one operation, on-local-change.ts), and a read ahead would only add one.
 */
export async function readPairsAhead(deps: SyncDeps, connId: ConnectionId, side: PairSide, snapshot: IssueSnapshot, rule: SharingRule, created = false): Promise<PairLookahead | null> {
  if (!deps.store.getPairs) return null;
  const named = namedIssues(snapshot, rule).slice(0, Math.floor((PAIRS_PER_READ - OWN_KEYS) / KEYS_PER_NAMED));
  if (created && named.length === 0) return null;
  const own: PairId[] = [derivePairId(connId, 'inviter', snapshot.id), derivePairId(connId, 'acceptor', snapshot.id), ...(snapshot.pairTag ? [toPairId(snapshot.pairTag)] : [])];
  const byKey = new Map(named.flatMap((id) => (['inviter', 'acceptor'] as const).map((s) => [derivePairId(connId, s, id), id] as const)));
  const records = await deps.store.getPairs(connId, [...own, ...byKey.keys()]);
  const live = (r: PairRecord, issue: LocalIssueId) => r.connectionId === connId && r.unlinkedAt === undefined && r.localIssueId === issue;
  const found = new Map<LocalIssueId, PairRecord | null>(named.map((id) => [id, null]));
  for (const r of records) {
    const issue = byKey.get(r.pairId);
    if (issue && live(r, issue)) found.set(issue, r);
  }
  return { own: records.find((r) => live(r, snapshot.id)), named: found };
}
