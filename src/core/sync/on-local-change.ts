// A local issue changed (trigger, "sync now", bulk sync): for every connection whose rule covers
// the issue's project, plan the delta and queue it. Reads the issue once, whatever the number of
// connections; writes nothing when the change was the sync's own.
import { connectionId as toConnectionId, pairId, type ConnectionId, type LocalIssueId } from '../ids';
import { bumpRev, newPairRecord, revOf, type PairRecord } from '../ledger/pair-record';
import { PAIR_WRITE_TRIES } from '../ledger/update-pair';
import { isEmptyDelta, planOutgoing } from '../planning/outgoing-planner';
import type { OutboxEntry } from '../ports/outbox';
import type { IssueSnapshot } from '../replica/snapshot';
import { decideScope, knownFirst, type JqlMatcher } from '../rules/scope';
import type { SharingRule } from '../rules/schema';
import type { SyncDeps } from './deps';
import { derivePairId, type PairSide } from './pair-id';
import { applyOutgoingToPair, commitOutgoing, outboxEntryFor } from './queue-outgoing';
import { planOutgoingRelations, withRelations } from './outgoing-relations';
import { readPairsAhead } from './pair-lookahead';
import type { OutgoingPlan } from '../planning/outgoing-planner';

/** A plan that changes nothing but what is added to it (relations alone). */
const emptyPlan = (pair: PairRecord | null): OutgoingPlan => ({
  replica: { fields: {}, comments: [], attachments: [] },
  clocks: {},
  next: { fields: pair?.fields ?? {}, comments: pair?.comments ?? { sent: {}, mirrored: {} }, attachments: pair?.attachments ?? { sent: [], mirrored: {} }, ...(pair?.worklogs ? { worklogs: pair.worklogs } : {}) },
  deferred: [],
  skipped: [],
});

export type LocalChangeOutcome =
  | { connectionId: string; status: 'queued'; pairId: string; seq: number; fields: string[]; send?: SendNow }
  | { connectionId: string; status: 'no-change' | 'connection-inactive' }
  | { connectionId: string; status: 'out-of-scope'; reason: string }
  | { connectionId: string; status: 'deferred'; retryAfterMs: number };

export const DEFER_MS = 2_000;

/** An entry the caller should send right away (see `inline`), with the pair as written. */
export type SendNow = { entry: OutboxEntry; pair: PairRecord };

/**
 * How long an entry queued for an immediate send waits before the scheduled re-drive may send it
 * too: longer than any send takes, so only a send that never finished (a crash) is repeated.
 */
export const INLINE_GRACE_MS = 60_000;

/**
 * `manualStart`: an agent asked to start syncing this issue (overrides the rule's manual-start gate).
 * `inline`: the caller will send the new entries itself at once (outcome `send`) instead of waking
 * the queue — granted per pair only when none of its earlier messages is still unsettled, so a
 * backlog keeps draining in order through the queue. `snapshot`: the issue as just read, if the
 * caller read it already. `jqlKnown`: scope JQL clauses already known to match or not (a bulk
 * sync whose search carried the clause), so deciding them costs no search. `except`: a connection
 * not to plan for (a relay: the partner whose message made the change, which has it already).
 * `only`: the one connection to plan for (a parent or child brought along on that connection).
 * `created`: Jira reported the issue as just created, so its pair (if a twin delivery or an agent
 * made one already) is under the id derived from it, which the plan's conditional write checks:
 * the first look asks the pair index alone (see LedgerStore.findPairByLocalIssue's `indexOnly`).
 */
export async function handleLocalChange(deps: SyncDeps, input: { issueId: LocalIssueId; manualStart?: boolean; inline?: boolean; snapshot?: IssueSnapshot; jqlKnown?: ReadonlyMap<string, boolean>; except?: string; created?: boolean; only?: string }): Promise<LocalChangeOutcome[] | 'issue-not-found'> {
  // A caller that read many issues at once (bulk sync) hands the snapshot in.
  const snapshot = input.snapshot ?? (await deps.tracker.getIssue(input.issueId));
  if (!snapshot) return 'issue-not-found';
  const outcomes: LocalChangeOutcome[] = [];
  const jql = knownFirst(deps.tracker.matchesJql?.bind(deps.tracker), input.jqlKnown);
  for (const rule of await deps.config.rulesForProject(snapshot.projectKey)) {
    if (rule.connectionId === input.except || (input.only !== undefined && rule.connectionId !== input.only)) continue;
    const connId = toConnectionId(rule.connectionId);
    const connection = await deps.config.getConnection(connId);
    // A paused connection still queues (the outbox holds); a pending or ended one has nowhere to go.
    if (!connection || connection.state === 'pending' || connection.state === 'ended') {
      outcomes.push({ connectionId: connId, status: 'connection-inactive' });
      continue;
    }
    outcomes.push(...(await queueForRule(deps, snapshot, rule, connId, connection.role, { manualStart: input.manualStart === true, inlineWanted: input.inline === true, created: input.created === true }, jql)));
  }
  return outcomes;
}

/**
 * Plans and queues one connection's delta. Another invocation may queue for the same pair at the
 * same moment (two events of one edit, a comment and an update); the pair write is conditional, so
 * the loser re-reads the pair and plans again against what the winner sent.
 *
 * A just-created issue's first look asks the index alone: a pair the index does not show yet was
 * made under the id derived here (generation 0: a twin delivery of the event, "start syncing" or a
 * link by an agent), so the conditional write below fails on it and the retry looks again in full.
 * An early "out of scope" answer writes nothing, so it cannot harm a pair it did not see.
 */
async function queueForRule(deps: SyncDeps, snapshot: IssueSnapshot, rule: SharingRule, connId: ConnectionId, side: PairSide, how: { manualStart: boolean; inlineWanted: boolean; created: boolean }, jql: JqlMatcher | undefined): Promise<LocalChangeOutcome[]> {
  const { manualStart, inlineWanted } = how;
  // The issue's pair (and, for a rule sharing parents or links, those its relations name) is read by
  // key, in one operation (pair-lookahead.ts): current, where the index may still show the pair as
  // it was before its last write. The index is asked only for what that did not find, alone.
  const ahead = await readPairsAhead(deps, connId, side, snapshot, rule, how.created);
  let existing = ahead?.own ?? (await deps.store.findPairByLocalIssue(connId, snapshot.id, how.created || ahead ? { indexOnly: true } : undefined));
  // A fresh generation when the derived id is held by a pair of another issue (one the partner
  // created under that id): waiting would never free it.
  let generation = 0;
  // Whether `existing` was read by key (not from the lagging index).
  let confirmed = ahead?.own !== undefined;
  for (let tries = 0; tries < PAIR_WRITE_TRIES; tries++) {
    if (existing?.unlinkedAt !== undefined && !manualStart) return [{ connectionId: connId, status: 'out-of-scope', reason: 'unlinked' }];
    const pair = existing?.unlinkedAt !== undefined ? null : existing;
    const scope = await decideScope(snapshot, rule, pair !== null || manualStart, jql);
    if (!scope.inScope) return [{ connectionId: connId, status: 'out-of-scope', reason: scope.reason }];
    // Liaison created this issue for the partner's pair, and a crash kept the pair from learning it
    // yet: it is the partner's issue, and the partner's re-send binds it. Planning it as a new local
    // issue would mirror it back as a duplicate.
    if (!existing && snapshot.pairTag && (await deps.store.getPair(connId, pairId(snapshot.pairTag)))) return [{ connectionId: connId, status: 'out-of-scope', reason: 'awaiting-partner-create' }];
    const now = deps.clock.now();
    // The pairs read ahead serve the first plan only: a retry meets a pair that moved, and looks again.
    const relations = await planOutgoingRelations(deps, connId, snapshot, rule, pair, tries === 0 ? ahead?.named : undefined);
    if (relations?.holdCreate) {
      // Jira refuses a sub-task without its parent: it goes once the parent is on the partner's side.
      if (rule.outgoing.relations.bringParent) await handleLocalChange(deps, { issueId: relations.holdCreate, manualStart: true, only: connId });
      return [{ connectionId: connId, status: 'out-of-scope', reason: 'awaiting-parent' }];
    }
    if (!pair && rule.outgoing.relations.bringParent && snapshot.relations?.parent && relations?.waits.includes(snapshot.relations.parent)) {
      await handleLocalChange(deps, { issueId: snapshot.relations.parent, manualStart: true, only: connId });
    }
    const plan = withRelations(planOutgoing(snapshot, rule, pair, now), relations, () => emptyPlan(pair));
    if (!plan) {
      // The pair index may hand back a pair as it was before its latest write (Forge's index queries
      // are eventually consistent; a get by key is not). A change is safe (its write is conditional
      // on the pair's rev); "nothing to send" is not, so it is confirmed against the pair read by key.
      const current = pair && !confirmed ? await deps.store.getPair(connId, pair.pairId) : pair;
      confirmed = true;
      if (current && JSON.stringify(current) !== JSON.stringify(pair)) {
        existing = current;
        continue;
      }
      return [{ connectionId: connId, status: 'no-change' }];
    }
    const outcomes: LocalChangeOutcome[] = [];
    if (!isEmptyDelta(plan.replica)) {
      const base: PairRecord = pair ?? newPairRecord({ pairId: derivePairId(connId, side, snapshot.id, existing ? now : generation), connectionId: connId, localIssueId: snapshot.id, partnerIssueId: null, origin: 'local', createdAt: now });
      const next = bumpRev({ ...applyOutgoingToPair(base, plan), ...(relations ? { relations: relations.next } : {}) }, pair);
      const inline = inlineWanted && (pair === null || (pair.settledSeq ?? 0) >= pair.lastSentSeq);
      const planned = outboxEntryFor(deps, next, snapshot, plan);
      const entry = inline ? { ...planned, nextTryAt: planned.createdAt + INLINE_GRACE_MS } : planned;
      if (!(await commitOutgoing(deps, next, entry, revOf(pair), { wake: !inline }))) {
        existing = pair ? await deps.store.getPair(connId, pair.pairId) : await deps.store.findPairByLocalIssue(connId, snapshot.id);
        confirmed = pair !== null;
        if (!pair && !existing) {
          const holder = await deps.store.getPair(connId, base.pairId);
          if (holder && holder.localIssueId !== snapshot.id) generation = now;
        }
        continue;
      }
      outcomes.push({ connectionId: connId, status: 'queued', pairId: next.pairId, seq: next.lastSentSeq, fields: Object.keys(plan.replica.fields), ...(inline ? { send: { entry, pair: next } } : {}) });
    }
    if (plan.deferred.length > 0) outcomes.push({ connectionId: connId, status: 'deferred', retryAfterMs: DEFER_MS });
    return outcomes;
  }
  // Still contended: look again shortly instead of failing the trigger.
  return [{ connectionId: connId, status: 'deferred', retryAfterMs: DEFER_MS }];
}
