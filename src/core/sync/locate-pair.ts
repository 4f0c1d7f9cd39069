// Which local issue an incoming replica is about, before anything is planned: the pair's issue,
// one a crashed create left tagged with the pair id, or an existing issue the partner's agent
// linked to; and the rule that governs it. Refusals say why, for the partner's error list.
import { localIssueId, type ConnectionId, type LocalIssueId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import type { EnvelopeOf } from '../protocol/envelope';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';
import type { SyncDeps } from './deps';
import { reject, type ReceiveResult } from './responses';

export type Located = { pair: PairRecord | null; snapshot: IssueSnapshot | null; rule: SharingRule };

export async function locate(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, pair: PairRecord | null): Promise<Located | ReceiveResult> {
  if (pair?.unlinkedAt !== undefined) return reject('unlinked', `pair ${env.pairId} was unlinked`);
  let localId: LocalIssueId | null = pair?.localIssueId ?? null;
  // A create that crashed after the tracker write but before the ledger commit left the issue
  // tagged with the pair id; find it instead of creating a duplicate.
  if (pair && !localId) localId = await deps.tracker.findIssueByPair(pair.pairId);
  // The partner's agent linked its issue to one of ours that already exists.
  if (!pair && env.body.linkTo) {
    const target = await deps.tracker.getIssue(localIssueId(env.body.linkTo.issueKey));
    if (!target) return reject('create-refused', `issue ${env.body.linkTo.issueKey} does not exist here`);
    const taken = await deps.store.findPairByLocalIssue(connId, target.id);
    if (taken && taken.unlinkedAt === undefined) return reject('create-refused', `issue ${env.body.linkTo.issueKey} is already linked to another partner issue`);
    localId = target.id;
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

