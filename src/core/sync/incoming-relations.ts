// The receiving half of hierarchy and links. A partner names other issues only by pair id; each
// is resolved in this connection's own pair table (getPair is scoped by connection), so a message
// can parent or link a copy only to another copy on the same connection, never to any other local
// issue, whatever id it sends. Link types pass only through the local rule's map.
import type { ConnectionId, LocalIssueId } from '../ids';
import { pairId as toPairId } from '../ids';
import type { RelationsState } from '../ledger/pair-record';
import type { PlanError } from '../planning/change-plan';
import type { Tracker } from '../ports/tracker';
import type { RelationsReplica, SnapshotLink } from '../replica/relations';
import type { SharingRule } from '../rules/schema';
import type { SyncDeps } from './deps';
import { linkHash } from './outgoing-relations';
import { isTransientTrackerError } from './tracker-error';

export type RelationOps = {
  /** Set the parent: a copy on this connection (`to`), or none. */
  parent?: { to: LocalIssueId | null };
  /** Our issue is the link's source; `other` its destination. */
  add: { partnerId: string; type: string; other: LocalIssueId }[];
  remove: { partnerId: string; localId?: string }[];
  /** The pair's relations once applied; added links are recorded as made once they are. */
  state: RelationsState;
  errors: PlanError[];
  dropped: { field: string; reason: string }[];
};

export const hasRelationWork = (ops: RelationOps | null): boolean => Boolean(ops && (ops.parent || ops.add.length > 0 || ops.remove.length > 0));

/** The issue a pair id names on this connection, if it is a live pair with a local issue. */
async function copyOf(deps: SyncDeps, connId: ConnectionId, ref: string): Promise<LocalIssueId | null> {
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(ref)) return null;
  const pair = await deps.store.getPair(connId, toPairId(ref));
  return pair && pair.unlinkedAt === undefined && pair.localIssueId ? pair.localIssueId : null;
}

const NOT_PAIRED = 'names no issue paired on this connection (only copies on this connection can be linked)';

type MirroredLink = NonNullable<RelationsState['mirroredLinks']>[string];

/** Jira compares link type names whatever their case. */
const sameType = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Our link of this type to `other`, as the issue read shows it (our issue is the link's source). */
const shownLink = (links: readonly SnapshotLink[] | undefined, type: string, other: string): SnapshotLink | undefined =>
  links?.find((l) => l.outward && l.otherId === other && sameType(l.type, type));

/**
 * The id of our copy of a partner's link: recorded (older records), or found in the issue as read
 * by its type and other issue, since making a link answers no id (relations-writer.ts).
 * Undefined when the issue shows no such link (removed here already).
 */
const copyId = (had: MirroredLink, links: readonly SnapshotLink[] | undefined): string | undefined =>
  had.localId ?? (had.type && had.other ? shownLink(links, had.type, had.other)?.id : undefined);

/**
 * `links`: the issue's links as the apply just read them (undefined: no issue yet, or its links
 * were not read); copies of the partner's links are found there when they change or go.
 */
export async function planIncomingRelations(deps: SyncDeps, connId: ConnectionId, incoming: RelationsReplica, rule: SharingRule, prior: RelationsState | undefined, links?: readonly SnapshotLink[]): Promise<RelationOps> {
  const cfg = rule.incoming.relations;
  const ops: RelationOps = { add: [], remove: [], state: { ...prior }, errors: [], dropped: [] };
  if (incoming.parent) {
    if (!cfg.hierarchy) ops.dropped.push({ field: 'parent', reason: 'not accepted by the local rule' });
    else if (incoming.parent.pair === null) {
      ops.parent = { to: null };
      ops.state.parent = null;
    } else {
      const to = await copyOf(deps, connId, incoming.parent.pair);
      if (to) {
        ops.parent = { to };
        // Recorded as told, so the parent set here is not sent back as our own change.
        ops.state.parent = incoming.parent.pair;
      } else ops.errors.push({ field: 'parent', value: incoming.parent.pair, reason: `the parent ${NOT_PAIRED}` });
    }
  }
  if (incoming.outside) {
    // Shown on our panel only (no tracker write), and only where the rule takes links at all.
    if (!cfg.links) ops.dropped.push({ field: 'links', reason: 'related-outside note not accepted by the local rule' });
    else if (incoming.outside.length > 0) ops.state.outsideNote = incoming.outside;
    else delete ops.state.outsideNote;
  }
  if (incoming.links && incoming.links.length > 0) {
    if (!cfg.links) {
      ops.dropped.push({ field: 'links', reason: `${incoming.links.length} link change(s) not accepted by the local rule` });
      return ops;
    }
    const mirrored = { ...(prior?.mirroredLinks ?? {}) };
    const ours = new Set(Object.values(prior?.sentLinks ?? {}));
    // Without the issue's links, a copy made without a recorded id cannot be found to remove.
    const unfound = (had: MirroredLink) => !had.localId && links === undefined && had.made === true;
    for (const link of incoming.links) {
      const had = mirrored[link.id];
      if (link.deleted) {
        const id = had ? copyId(had, links) : undefined;
        if (id) ops.remove.push({ partnerId: link.id, localId: id });
        else if (had && unfound(had)) ops.errors.push({ field: 'links', value: `link ${link.id}`, reason: 'its copy could not be found to remove (the issue\'s links were not read)' });
        delete mirrored[link.id];
        continue;
      }
      const type = Object.hasOwn(cfg.linkTypes, link.type) ? cfg.linkTypes[link.type] : undefined;
      if (!type) {
        ops.errors.push({ field: 'links', value: link.type, reason: `link type "${link.type}" is not mapped by the local rule` });
        continue;
      }
      const other = await copyOf(deps, connId, link.pair);
      if (!other) {
        ops.errors.push({ field: 'links', value: link.pair, reason: `the linked issue ${NOT_PAIRED}` });
        continue;
      }
      const hash = linkHash(type, link.pair);
      // Our own link coming back (both sides linked the same two issues): nothing to make.
      if (ours.has(hash)) continue;
      if (had?.hash === hash && (had.localId || had.made)) continue;
      // The same partner link now names another type or issue: its old copy goes.
      const old = had && had.hash !== hash ? copyId(had, links) : undefined;
      if (old) ops.remove.push({ partnerId: link.id, localId: old });
      // Made already (an apply that did not commit, or by a person here): recorded, not made twice.
      if (shownLink(links, type, other)) {
        mirrored[link.id] = { hash, type, other, made: true };
        continue;
      }
      mirrored[link.id] = { hash, type, other };
      ops.add.push({ partnerId: link.id, type, other });
    }
    ops.state.mirroredLinks = mirrored;
  }
  return ops;
}

/**
 * Makes the changes on the tracker. A refusal (a link type the tracker does not know, a parent it
 * will not take) becomes an error and the rest still applies; a transient failure throws, and the
 * partner's re-send finds the links already made (Jira keeps one link per type and issue pair).
 */
export async function applyRelationOps(tracker: Tracker, issueId: LocalIssueId, ops: RelationOps, parentSetAtCreate: boolean): Promise<{ state: RelationsState; errors: PlanError[] }> {
  const errors: PlanError[] = [];
  const state: RelationsState = { ...ops.state, mirroredLinks: { ...(ops.state.mirroredLinks ?? {}) } };
  const step = async (field: string, value: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (e) {
      if (isTransientTrackerError(e)) throw e;
      errors.push({ field, value, reason: e instanceof Error ? e.message : String(e) });
    }
  };
  if (ops.parent && !parentSetAtCreate) {
    const to = ops.parent.to;
    if (!tracker.setParent) errors.push({ field: 'parent', value: to ?? '(none)', reason: 'this tracker has no hierarchy' });
    else await step('parent', to ?? '(none)', () => tracker.setParent!(issueId, to));
  }
  for (const r of ops.remove) {
    if (r.localId && tracker.removeIssueLink) await step('links', `link ${r.partnerId}`, () => tracker.removeIssueLink!(r.localId!));
  }
  for (const a of ops.add) {
    if (!tracker.addIssueLink) {
      errors.push({ field: 'links', value: a.type, reason: 'this tracker has no issue links' });
      continue;
    }
    await step('links', a.type, async () => {
      await tracker.addIssueLink!({ type: a.type, source: issueId, destination: a.other });
      state.mirroredLinks![a.partnerId] = { ...state.mirroredLinks![a.partnerId]!, made: true };
    });
  }
  return { state, errors };
}
