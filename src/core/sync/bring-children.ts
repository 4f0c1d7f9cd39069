// `bringChildren`: mirroring a parent (an epic, an issue with sub-tasks) brings its children, each
// as "start syncing" would: the rule's scope (labels, types, statuses, JQL, pilot) still decides
// for every child; only the manual-start gate is passed. It runs when the parent's pair is first
// acknowledged (so the children's parent is there when they arrive), as background work of its
// own: one search for the children, then each planned and queued like any change, so the sends
// go through the outbox at its pace. A retried run finds the children already brought (their
// pairs exist: nothing to send) and carries on with the rest. No loop: an issue is brought once
// (its pair then exists), a child's own children are brought at its first acknowledgement, and a
// child's bringParent finds the parent already mirrored.
import type { ConnectionId, LocalIssueId } from '../ids';
import type { SyncDeps } from './deps';
import { handleLocalChange } from './on-local-change';

/** Children brought per parent at most; more are mirrored by their own changes (README says so). */
export const MAX_CHILDREN_BROUGHT = 50;

/** Where the app runs the bringing later (app/bring-children.ts: one work event per parent). */
export type BringPort = { children(request: { connectionId: ConnectionId; projectKey: string; issueId: LocalIssueId }): Promise<void> };

export type BringOutcome = { found: number; queued: number; skipped: number; capped: boolean };

/** At a parent's first acknowledgement: its children are brought later, if its rule says so (the rule comes with the route already read). */
export async function askToBringChildren(deps: SyncDeps, connId: ConnectionId, projectKey: string, parentId: LocalIssueId): Promise<void> {
  if (!deps.bring) return;
  const rule = (await deps.config.currentRules(connId)).find((r) => r.projectKey === projectKey);
  if (rule?.outgoing.relations.bringChildren) await deps.bring.children({ connectionId: connId, projectKey, issueId: parentId });
}

export async function bringChildren(deps: SyncDeps, connId: ConnectionId, projectKey: string, parentId: LocalIssueId): Promise<BringOutcome> {
  const none: BringOutcome = { found: 0, queued: 0, skipped: 0, capped: false };
  const rule = (await deps.config.currentRules(connId)).find((r) => r.projectKey === projectKey);
  // The rule may have changed since the parent went: it decides now.
  if (!rule?.outgoing.relations.bringChildren || !deps.tracker.childrenOf) return none;
  const children = await deps.tracker.childrenOf(parentId, MAX_CHILDREN_BROUGHT + 1);
  const outcome: BringOutcome = { found: children.length, queued: 0, skipped: 0, capped: children.length > MAX_CHILDREN_BROUGHT };
  for (const child of children.slice(0, MAX_CHILDREN_BROUGHT)) {
    const result = await handleLocalChange(deps, { issueId: child, manualStart: true, only: connId });
    if (result !== 'issue-not-found' && result.some((o) => o.status === 'queued')) outcome.queued++;
    else outcome.skipped++;
  }
  return outcome;
}
