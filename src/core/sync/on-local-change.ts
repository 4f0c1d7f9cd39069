// A local issue changed (trigger, "sync now", bulk sync): for every connection whose rule covers
// the issue's project, plan the delta and queue it. Reads the issue once, whatever the number of
// connections; writes nothing when the change was the sync's own.
import { connectionId as toConnectionId, type LocalIssueId } from '../ids';
import { newPairRecord } from '../ledger/pair-record';
import { isEmptyDelta, planOutgoing } from '../planning/outgoing-planner';
import { evaluateScope } from '../rules/scope';
import type { SyncDeps } from './deps';
import { derivePairId } from './pair-id';
import { applyOutgoingToPair, commitOutgoing, outboxEntryFor } from './queue-outgoing';

export type LocalChangeOutcome =
  | { connectionId: string; status: 'queued'; pairId: string; seq: number; fields: string[] }
  | { connectionId: string; status: 'no-change' | 'connection-inactive' }
  | { connectionId: string; status: 'out-of-scope'; reason: string }
  | { connectionId: string; status: 'deferred'; retryAfterMs: number };

export const DEFER_MS = 2_000;

/** `manualStart`: an agent asked to start syncing this issue (overrides the rule's manual-start gate). */
export async function handleLocalChange(deps: SyncDeps, input: { issueId: LocalIssueId; manualStart?: boolean }): Promise<LocalChangeOutcome[] | 'issue-not-found'> {
  const snapshot = await deps.tracker.getIssue(input.issueId);
  if (!snapshot) return 'issue-not-found';
  const outcomes: LocalChangeOutcome[] = [];
  for (const rule of await deps.config.rulesForProject(snapshot.projectKey)) {
    const connId = toConnectionId(rule.connectionId);
    const connection = await deps.config.getConnection(connId);
    // A paused connection still queues (the outbox holds); only a pending one has nowhere to go.
    if (!connection || connection.state === 'pending') {
      outcomes.push({ connectionId: connId, status: 'connection-inactive' });
      continue;
    }
    const existing = await deps.store.findPairByLocalIssue(connId, snapshot.id);
    if (existing?.unlinkedAt !== undefined && !input.manualStart) {
      outcomes.push({ connectionId: connId, status: 'out-of-scope', reason: 'unlinked' });
      continue;
    }
    const pair = existing?.unlinkedAt !== undefined ? null : existing;
    const scope = evaluateScope(snapshot, rule, pair !== null || input.manualStart === true);
    if (!scope.inScope) {
      outcomes.push({ connectionId: connId, status: 'out-of-scope', reason: scope.reason });
      continue;
    }
    const now = deps.clock.now();
    const plan = planOutgoing(snapshot, rule, pair, now);
    if (!plan) {
      outcomes.push({ connectionId: connId, status: 'no-change' });
      continue;
    }
    if (!isEmptyDelta(plan.replica)) {
      const base = pair ?? newPairRecord({ pairId: derivePairId(connId, snapshot.id, existing ? now : 0), connectionId: connId, localIssueId: snapshot.id, partnerIssueId: null, origin: 'local', createdAt: now });
      const next = applyOutgoingToPair(base, plan);
      await commitOutgoing(deps, next, outboxEntryFor(deps, next, snapshot, plan));
      outcomes.push({ connectionId: connId, status: 'queued', pairId: next.pairId, seq: next.lastSentSeq, fields: Object.keys(plan.replica.fields) });
    }
    if (plan.deferred.length > 0) outcomes.push({ connectionId: connId, status: 'deferred', retryAfterMs: DEFER_MS });
  }
  return outcomes;
}
