// The sending half of hierarchy and links: the issue's parent and outward links, as read (local
// ids), become pair ids of this connection. Only an issue the partner already has (its pair
// acknowledged) can be named; the others wait on a record keyed by that issue, and the issue is
// planned again when it reaches the partner (handle-ack.ts → resumeWaiting). Nothing is looked up
// while the issue's relations are unchanged since the last read.
import { hashOf } from '../hash';
import type { ConnectionId, LocalIssueId } from '../ids';
import type { PairRecord, RelationsState } from '../ledger/pair-record';
import { MAX_OUTSIDE_LINKS, type LinkReplica, type OutsideLink, type RelationsReplica, type SnapshotLink } from '../replica/relations';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';
import type { SyncDeps } from './deps';

export type OutgoingRelations = {
  /** What to send; undefined when nothing changed. */
  send?: RelationsReplica;
  next: RelationsState;
  /** Issues named here that the partner does not have yet. */
  waits: LocalIssueId[];
  /** A sub-task whose parent the partner does not have: its create must wait for the parent. */
  holdCreate: LocalIssueId | null;
};

/** How a link is compared across sides: its type and the pair at the other end. */
export const linkHash = (type: string, pair: string): string => hashOf({ type, pair });

/**
 * The partner's issue for a local one: only a live pair the partner has acknowledged. `known`: the
 * pairs read ahead by key (pair-lookahead.ts): the live pair found, or null when the keys a lookup
 * would read were read already and held none, so the index alone is asked.
 */
async function pairOf(deps: SyncDeps, connId: ConnectionId, id: LocalIssueId, known?: ReadonlyMap<LocalIssueId, PairRecord | null>): Promise<string | null> {
  const read = known?.get(id);
  if (read) return read.partnerIssueId ? read.pairId : null;
  let pair = await deps.store.findPairByLocalIssue(connId, id, known?.has(id) ? { indexOnly: true } : undefined);
  // The index may hand back the pair as it was before its first acknowledgement (storage index
  // lag): only a read by key can say it has not been acknowledged yet.
  if (pair && !pair.partnerIssueId && pair.unlinkedAt === undefined) pair = await deps.store.getPair(connId, pair.pairId);
  return pair && pair.unlinkedAt === undefined && pair.partnerIssueId ? pair.pairId : null;
}

/** `known`: pairs of the issues the snapshot names, already read by key (pair-lookahead.ts). */
export async function planOutgoingRelations(deps: SyncDeps, connId: ConnectionId, snapshot: IssueSnapshot, rule: SharingRule, pair: PairRecord | null, known?: ReadonlyMap<LocalIssueId, PairRecord | null>): Promise<OutgoingRelations | null> {
  const cfg = rule.outgoing.relations;
  const rel = snapshot.relations;
  if (!rel || (!cfg.hierarchy && !cfg.links)) return null;
  const prior = pair?.relations ?? {};
  const parentId = cfg.hierarchy ? rel.parent : null;
  const outward = cfg.links ? rel.links.filter((l) => l.outward) : [];
  // Noting links to unmirrored issues needs the inward ones too (their other end is the source).
  const noting = cfg.links && cfg.outsideLinks === 'note';
  const inward = noting ? rel.links.filter((l) => !l.outward) : [];
  const seen = noting ? hashOf({ parentId, outward, inward }) : hashOf({ parentId, outward });
  if (prior.seen === seen && !prior.unresolved) return null;

  const waits: LocalIssueId[] = [];
  const send: RelationsReplica = {};
  const next: RelationsState = { ...prior, seen };
  let holdCreate: LocalIssueId | null = null;

  if (cfg.hierarchy) {
    const parentPair = parentId ? await pairOf(deps, connId, parentId, known) : null;
    if (parentId && !parentPair) {
      waits.push(parentId);
      if (rel.subtask && !pair) holdCreate = parentId;
    }
    // An unmirrored parent is told as "none" only when a parent was told before (it moved away).
    const told = parentPair ?? (parentId && prior.parent === undefined ? undefined : null);
    if (told !== undefined && told !== (prior.parent ?? null)) {
      send.parent = { pair: told };
      next.parent = told;
    }
  }

  if (cfg.links) {
    const mirroredHashes = new Set(Object.values(prior.mirroredLinks ?? {}).map((m) => m.hash));
    const sentLinks: Record<string, string> = {};
    const changed: LinkReplica[] = [];
    const outside: OutsideLink[] = [];
    for (const link of inward) {
      if (await pairOf(deps, connId, link.otherId, known)) continue;
      // Its note turns into the real link (sent by the other issue) once that issue is mirrored.
      waits.push(link.otherId);
      outside.push(outsideOf(link));
    }
    for (const link of outward) {
      const other = await pairOf(deps, connId, link.otherId, known);
      if (!other) {
        waits.push(link.otherId);
        if (noting) outside.push(outsideOf(link));
        continue;
      }
      const hash = linkHash(link.type, other);
      // The copy of a partner's link (made here by the sync) is the partner's: never sent back.
      if (mirroredHashes.has(hash)) continue;
      sentLinks[link.id] = hash;
      if (prior.sentLinks?.[link.id] !== hash) changed.push({ id: link.id, type: link.type, pair: other });
    }
    for (const [id] of Object.entries(prior.sentLinks ?? {})) {
      if (!(id in sentLinks)) changed.push({ id, type: '-', pair: '-', deleted: true });
    }
    next.sentLinks = sentLinks;
    if (changed.length > 0) send.links = changed;
    const note = outside.filter((o) => o.key).sort((x, y) => x.key.localeCompare(y.key) || x.phrase.localeCompare(y.phrase)).slice(0, MAX_OUTSIDE_LINKS);
    // Told when it changed, and once as empty when notes stop (the rule changed, the links went).
    const noteHash = hashOf(note);
    if ((noting || prior.outsideSent !== undefined) && noteHash !== (prior.outsideSent ?? hashOf([]))) send.outside = noting ? note : [];
    if (noting && note.length > 0) next.outsideSent = noteHash;
    else delete next.outsideSent;
  }
  next.unresolved = waits.length > 0;
  // Noted once per list: each note is a storage read (and a write the first time).
  const waitsHash = waits.length > 0 ? hashOf([...new Set(waits)].sort()) : undefined;
  if (waitsHash !== prior.waitsNoted) for (const w of waits) await deps.relationWaits?.add(connId, w, snapshot.id);
  if (waitsHash) next.waitsNoted = waitsHash;
  else delete next.waitsNoted;
  return { ...(send.parent || send.links || send.outside ? { send } : {}), next, waits, holdCreate };
}

/** A link as the partner's related-outside note shows it: the other issue's key and the link's words. */
const outsideOf = (link: SnapshotLink): OutsideLink => ({ key: link.otherKey ?? '', phrase: link.phrase ?? link.type });

/** The plan with the relations added (a plan of relations only when nothing else changed). */
export function withRelations<P extends { replica: { fields: object; comments: unknown[]; attachments: unknown[]; relations?: RelationsReplica } }>(plan: P | null, relations: OutgoingRelations | null, empty: () => P): P | null {
  if (!relations?.send) return plan;
  const base = plan ?? empty();
  return { ...base, replica: { ...base.replica, relations: relations.send } };
}

/**
 * `issueId` just reached the partner (its pair's first acknowledgement): plan again the issues
 * that named it, so their parent or link goes out now. `replan` is handleLocalChange (passed in to
 * keep this module free of the planner's imports).
 */
export async function resumeWaiting(deps: SyncDeps, connId: ConnectionId, issueId: LocalIssueId, replan: (id: LocalIssueId) => Promise<unknown>): Promise<void> {
  if (!deps.relationWaits) return;
  for (const waiting of await deps.relationWaits.take(connId, issueId)) await replan(waiting);
}
