// A partner's agent asked to bind its issue to an existing issue here (`linkTo`). Unless the rule
// trusts the partner with direct links, the request is held: nothing is applied to the issue and
// nothing is sent back until a local agent (issue panel) or admin accepts it. Accepting applies the
// partner's held first message exactly as if it had just arrived; declining tells the partner.
import { connectionId as toConnectionId, pairId as toPairId, partnerIssueId, type ConnectionId } from '../ids';
import { bumpRev, newPairRecord } from '../ledger/pair-record';
import type { LinkRequest } from '../ports/link-requests';
import type { EnvelopeOf } from '../protocol/envelope';
import type { IssueSnapshot } from '../replica/snapshot';
import { err, ok, type Result } from '../result';
import type { SyncDeps } from './deps';
import { commitOutgoing } from './queue-outgoing';
import { reject, type ReceiveResult } from './responses';

/** Pending requests one connection may have at once: a partner cannot flood the panel or walk a project. */
export const MAX_PENDING_LINK_REQUESTS = 50;
/**
 * The held message must fit one stored value (Forge KVS: 240 KiB per value; this leaves room for
 * the rest of the request). A larger first message is refused with a way out instead of failing.
 */
export const MAX_HELD_MESSAGE_CHARS = 200_000;
/** How long the partner waits before sending its held message again (it is applied on accept anyway). */
export const LINK_PENDING_RETRY_MS = 60 * 60_000;

export async function holdLinkRequest(deps: SyncDeps & { linkRequests: NonNullable<SyncDeps['linkRequests']> }, connId: ConnectionId, env: EnvelopeOf<'replica'>, target: IssueSnapshot): Promise<ReceiveResult> {
  const pending = reject('link-pending', `linking to ${target.key} waits for an agent or admin here to accept it`, LINK_PENDING_RETRY_MS);
  const held = await deps.linkRequests.get(connId, env.pairId);
  if (held) return pending;
  const all = await deps.linkRequests.list();
  if (all.filter((r) => r.connectionId === connId).length >= MAX_PENDING_LINK_REQUESTS) {
    return reject('create-refused', `this connection already has ${MAX_PENDING_LINK_REQUESTS} link requests waiting here; try again once they are answered`);
  }
  const size = JSON.stringify(env).length;
  if (size > MAX_HELD_MESSAGE_CHARS) {
    return reject('create-refused', `linking to ${target.key} needs acceptance here, and this first message (${size} characters) is too large to hold until then; link without comments and attachments first`);
  }
  const now = deps.clock.now();
  const { origin } = env.body;
  await deps.linkRequests.put({
    connectionId: connId, pairId: env.pairId, localIssueId: target.id, localIssueKey: target.key,
    partnerIssueId: origin.issueId, partnerIssueKey: origin.issueKey, ...(origin.url ? { partnerIssueUrl: origin.url } : {}),
    requestedAt: now, envelope: env,
  });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: connId, actor: 'partner', action: 'link-requested', subject: target.key, detail: `partner issue ${origin.issueKey} asks to link to ${target.key}; waiting for acceptance` });
  return pending;
}

export type LinkDecision = { connectionId: string; pairId: string; actor: string; /** The issue the panel acts on: only its own requests. */ issueId?: string };
type DecisionError = 'not-found' | 'unavailable' | 'conflict';

async function pendingRequest(deps: SyncDeps, input: LinkDecision): Promise<Result<LinkRequest, DecisionError>> {
  const req = deps.linkRequests ? await deps.linkRequests.get(input.connectionId, input.pairId) : null;
  if (!req || (input.issueId !== undefined && req.localIssueId !== input.issueId)) return err('not-found', 'no such link request (it may have been answered already)');
  return ok(req);
}

/**
 * Accept: the held message is applied now (the pair is made, the partner's fields meet ours under
 * the rule, ours go back), and the partner's next try of it is answered as a duplicate.
 * `receive` is apply-replica's entry, passed in to keep this module free of a cycle.
 */
export async function acceptLinkRequest(
  deps: SyncDeps,
  input: LinkDecision,
  receive: (deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, secret: string, accepted: true) => Promise<ReceiveResult>,
): Promise<Result<{ localIssueKey: string; partnerIssueKey: string }, DecisionError>> {
  const found = await pendingRequest(deps, input);
  if (!found.ok) return found;
  const req = found.value;
  const connId = toConnectionId(req.connectionId);
  const [connection, secret] = await Promise.all([deps.config.getConnection(connId), deps.secrets.getConnectionSecret(connId)]);
  if (!connection || connection.state !== 'active' || !secret) return err('unavailable', 'the connection is not active; accept the link once it is');
  const result = await receive(deps, connId, req.envelope, secret, true);
  if (result.status !== 200) {
    const reason = (JSON.parse(result.body) as { message?: string }).message ?? result.body;
    // A refusal that will not change (the issue left the scope, got linked meanwhile) ends the request.
    if (result.status === 422 || result.status === 410) await deps.linkRequests!.remove(req.connectionId, req.pairId);
    return err(result.status === 422 || result.status === 410 ? 'conflict' : 'unavailable', `the link could not be made: ${reason}`);
  }
  await deps.linkRequests!.remove(req.connectionId, req.pairId);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId: connId, actor: input.actor, action: 'link-accepted', subject: req.localIssueKey, detail: `linked to partner issue ${req.partnerIssueKey}` });
  return ok({ localIssueKey: req.localIssueKey, partnerIssueKey: req.partnerIssueKey });
}

/**
 * Decline: a tombstone pair refuses the partner's later tries (410), and a signed unlink tells the
 * partner its link was declined. The local issue is never touched.
 */
export async function declineLinkRequest(deps: SyncDeps, input: LinkDecision): Promise<Result<{ declined: true }, DecisionError>> {
  const found = await pendingRequest(deps, input);
  if (!found.ok) return found;
  const req = found.value;
  const connId = toConnectionId(req.connectionId);
  const now = deps.clock.now();
  const base = newPairRecord({ pairId: toPairId(req.pairId), connectionId: connId, localIssueId: null, partnerIssueId: partnerIssueId(req.partnerIssueId), origin: 'partner', createdAt: now });
  const tombstone = bumpRev({ ...base, partnerIssueKey: req.partnerIssueKey, lastSentSeq: 1, unlinkedAt: now }, null);
  const entry = {
    id: deps.ids.newId(), connectionId: connId, pairId: tombstone.pairId, seq: 1, kind: 'unlink' as const, body: { reason: 'declined' as const },
    createdAt: now, attempts: 0, nextTryAt: now, lastError: null,
  };
  if (!(await commitOutgoing(deps, tombstone, entry, null))) return err('conflict', 'this pair changed meanwhile; reload and try again');
  await deps.linkRequests!.remove(req.connectionId, req.pairId);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: connId, actor: input.actor, action: 'link-declined', subject: req.localIssueKey, detail: `declined the link from partner issue ${req.partnerIssueKey}` });
  return ok({ declined: true });
}
