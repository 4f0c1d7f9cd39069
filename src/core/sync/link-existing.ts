// An agent links a local issue to a partner issue that already exists: a new pair whose first
// message carries `linkTo` instead of `create`, so the partner binds it to its issue. From then on
// the pair syncs like any other; fields both sides already hold meet as concurrent edits and the
// rule's conflict policy settles them.
import { connectionId as toConnectionId, type LocalIssueId } from '../ids';
import { bumpRev, newPairRecord } from '../ledger/pair-record';
import { planOutgoing } from '../planning/outgoing-planner';
import { err, ok, type Result } from '../result';
import type { SyncDeps } from './deps';
import { derivePairId } from './pair-id';
import { applyOutgoingToPair, commitOutgoing, outboxEntryFor } from './queue-outgoing';

export async function linkExisting(
  deps: SyncDeps,
  input: { connectionId: string; issueId: LocalIssueId; partnerIssueKey: string; actor: string },
): Promise<Result<{ pairId: string }, 'not-found' | 'already-linked' | 'inactive'>> {
  const connId = toConnectionId(input.connectionId);
  const connection = await deps.config.getConnection(connId);
  if (!connection || connection.state === 'pending' || connection.state === 'ended') return err('inactive', 'the connection is not active');
  const snapshot = await deps.tracker.getIssue(input.issueId);
  if (!snapshot) return err('not-found', `issue ${input.issueId} is not readable`);
  const rule = (await deps.config.rulesForProject(snapshot.projectKey)).find((r) => r.connectionId === connId);
  if (!rule) return err('not-found', `project ${snapshot.projectKey} has no sharing rule on this connection`);
  const existing = await deps.store.findPairByLocalIssue(connId, snapshot.id);
  if (existing && existing.unlinkedAt === undefined) return err('already-linked', `${snapshot.key} is already linked on this connection; unlink it first`);
  const now = deps.clock.now();
  // A relink after an unlink gets a fresh pair id, so the partner's tombstone does not refuse it.
  const base = newPairRecord({ pairId: derivePairId(connId, connection.role, snapshot.id, existing ? now : 0), connectionId: connId, localIssueId: snapshot.id, partnerIssueId: null, origin: 'local', createdAt: now });
  const plan = planOutgoing(snapshot, rule, null, now) ?? { replica: { fields: {}, comments: [], attachments: [] }, clocks: {}, next: { fields: {}, comments: base.comments, attachments: base.attachments }, deferred: [], skipped: [] };
  const pair = { ...applyOutgoingToPair(base, plan), partnerIssueKey: input.partnerIssueKey };
  const entry = outboxEntryFor(deps, pair, snapshot, plan);
  const body = entry.body as { create: boolean; linkTo?: { issueKey: string } };
  body.create = false;
  body.linkTo = { issueKey: input.partnerIssueKey };
  // A new pair record, written only if absent: two agents linking at once write the same id, one wins.
  if (!(await commitOutgoing(deps, bumpRev(pair, null), entry, null))) return err('already-linked', `${snapshot.key} was linked or changed meanwhile; reload and try again`);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: connId, actor: input.actor, action: 'pair-created', subject: snapshot.key, detail: `linked to partner issue ${input.partnerIssueKey}` });
  return ok({ pairId: pair.pairId });
}
