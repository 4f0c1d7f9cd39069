// Which local issue an incoming replica is about, before anything is planned: the pair's issue,
// one a crashed create left tagged with the pair id, or an existing issue the partner's agent
// linked to; and the rule that governs it. Refusals say why, for the partner's error list.
// An existing issue is bound only if the rule's scope covers it, and — unless the rule trusts the
// partner with direct links — only once a local agent or admin has accepted (link-request.ts).
import { localIssueId, pairId, type ConnectionId, type LocalIssueId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import type { EnvelopeOf } from '../protocol/envelope';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';
import { decideScope } from '../rules/scope';
import type { SyncDeps } from './deps';
import { checkNotForeign } from './foreign-pair';
import { holdLinkRequest } from './link-request';
import { reject, type ReceiveResult } from './responses';

export type Located = { pair: PairRecord | null; snapshot: IssueSnapshot | null; rule: SharingRule };

/** `linkAccepted`: a local agent or admin accepted this message's link request. */
export async function locate(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, pair: PairRecord | null, linkAccepted = false): Promise<Located | ReceiveResult> {
  // Not this connection's pair, and not a first message: if the id is another connection's, say so.
  if (!pair && !env.body.create) {
    const foreign = await checkNotForeign(deps, connId, 'replica', pairId(env.pairId));
    if (foreign) return foreign;
  }
  if (pair?.unlinkedAt !== undefined) return reject('unlinked', `pair ${env.pairId} was unlinked`);
  let localId: LocalIssueId | null = pair?.localIssueId ?? null;
  // A create that crashed after the tracker write but before the ledger commit left the issue
  // tagged with the pair id; find it instead of creating a duplicate.
  if (pair && !localId) localId = await deps.tracker.findIssueByPair(pair.pairId);
  // The partner's agent linked its issue to one of ours that already exists.
  if (!pair && env.body.linkTo) {
    const bound = await linkTarget(deps, connId, env, env.body.linkTo.issueKey, linkAccepted);
    if ('status' in bound) return bound;
    localId = bound.id;
  }
  // Only the pair's first message may create; anything else waits until the create has landed.
  if (!localId && !env.body.create) return reject('pair-unknown', `pair ${env.pairId} has no local issue yet; its create has not been applied`);
  const snapshot = localId ? await deps.tracker.getIssue(localId) : null;
  if (localId && !snapshot) return reject('unlinked', `local issue ${localId} no longer exists`);
  // The connection's rules (one read, which the entry has usually made already to pick its read plan)
  // hold the rule for the snapshot's project too.
  const rules = await deps.config.currentRules(connId);
  const rule = snapshot ? rules.find((r) => r.projectKey === snapshot.projectKey) : rules.find((r) => r.incoming.create !== null);
  if (!rule) return reject('create-refused', snapshot ? `project ${snapshot.projectKey} is not shared on this connection` : 'no sharing rule here accepts issues created by the partner');
  return { pair: pair && localId ? { ...pair, localIssueId: localId } : pair, snapshot, rule };
}

/**
 * The existing issue a partner asks to link to. A missing issue and one outside the rule's scope get
 * the same answer, so a partner cannot walk the project's keys to learn what exists here.
 */
async function linkTarget(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, key: string, accepted: boolean): Promise<IssueSnapshot | ReceiveResult> {
  const refused = reject('create-refused', `issue ${key} cannot be linked here: it does not exist or is not shared with this connection`);
  const target = await deps.tracker.getIssue(localIssueId(key));
  if (!target) return refused;
  const rule = (await deps.config.currentRules(connId)).find((r) => r.projectKey === target.projectKey);
  if (!rule || !(await decideScope(target, rule, true, deps.tracker.matchesJql?.bind(deps.tracker))).inScope) return refused;
  const taken = await deps.store.findPairByLocalIssue(connId, target.id);
  if (taken && taken.unlinkedAt === undefined) return reject('create-refused', `issue ${key} is already linked to another partner issue`);
  if (accepted || rule.incoming.directLinks || !deps.linkRequests) return target;
  return holdLinkRequest({ ...deps, linkRequests: deps.linkRequests }, connId, env, target);
}
