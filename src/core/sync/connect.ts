// Connecting two sites (docs/adr/0001-handshake-and-signing.md): the inviter creates a pending
// connection and a one-time code; the acceptor sends a hello to the inviter's endpoint and
// activates the welcome proves both derived the same secret. Pause and resume are local decisions
// each side makes alone; deleting is too, and the partner is told (farewell.ts) so its side ends.
import type { Connection, Contact } from '../connection';
import { profileFor, sentProfileHash, siteOrigin, type Accepts, type PartnerProfile } from '../profile/partner-profile';
import { peekEnvelope } from '../protocol/verify';
import { acceptInvitation, handleHello, handleWelcome, type HandshakeReason } from '../protocol/handshake';
import { createInvitation, parseInvitation } from '../protocol/invitation';
import { sayFarewell } from './farewell';
import { err, ok, type Result } from '../result';
import type { SyncDeps } from './deps';
import { accepted, reject, type ReceiveResult, type RejectReason } from './responses';
import { describeTransportError } from './retry-policy';

type Deps = Pick<SyncDeps, 'config' | 'secrets' | 'store' | 'transport' | 'clock' | 'ids' | 'profiles'>;

/**
 * The partner's profile as kept on the connection, with what it announced it reads, and the hash of
 * ours as it was sent (without the lists the partner did not announce).
 */
function profileFields(partner: PartnerProfile | null, partnerAccepts: Accepts | null | undefined, ours: PartnerProfile | null, sentFor: Accepts | null | undefined, now: number): Pick<Connection, 'partnerProfile' | 'profileSentHash'> {
  return {
    ...(partner ? { partnerProfile: { ...partner, site: siteOrigin(partner.site) ?? partner.site, updatedAt: now, ...(partnerAccepts ? { accepts: partnerAccepts } : {}) } } : {}),
    ...(ours ? { profileSentHash: sentProfileHash(profileFor(ours, sentFor)) } : {}),
  };
}

async function audit(deps: Deps, connectionId: string, actor: string, detail: string): Promise<void> {
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: connectionId, detail });
}

export async function inviteToConnect(
  deps: Deps,
  input: { createdBy: string; ownEndpoint: string; contacts?: Contact[]; ttlMs?: number },
): Promise<{ connection: Connection; code: string; expiresAt: number }> {
  const now = deps.clock.now();
  const id = deps.ids.newId();
  const { code, pending } = createInvitation({ connectionId: id, endpoint: input.ownEndpoint, now, ...(input.ttlMs ? { ttlMs: input.ttlMs } : {}) });
  await deps.secrets.putPendingInvitation(pending);
  const connection: Connection = {
    id, partnerKind: 'jira', partnerEndpoint: null, state: 'pending', role: 'inviter', createdBy: input.createdBy, createdAt: now,
    contacts: { local: input.contacts ?? [], partner: [] },
  };
  await deps.config.putConnection(connection);
  await audit(deps, id, input.createdBy, 'invitation created');
  return { connection, code, expiresAt: pending.expiresAt };
}

export type AcceptReason = HandshakeReason | 'already-connected' | 'partner-unreachable' | 'partner-refused';

export async function acceptToConnect(
  deps: Deps,
  input: { code: string; ownEndpoint: string; createdBy: string; contacts?: Contact[] },
): Promise<Result<Connection, AcceptReason>> {
  const now = deps.clock.now();
  const parsed = parseInvitation(input.code, now);
  if (!parsed.ok) return parsed;
  if (parsed.value.endpoint === input.ownEndpoint) return err('unexpected-message', 'this invitation was created on this site; accept it on the partner site');
  if (await deps.config.getConnection(parsed.value.connectionId)) return err('already-connected', 'this site already has that connection');
  // Our profile as the new connection will have it (its contacts are the ones entered with the code).
  const draft: Connection = {
    id: parsed.value.connectionId, partnerKind: 'jira', partnerEndpoint: parsed.value.endpoint, state: 'active', role: 'acceptor', createdBy: input.createdBy, createdAt: now,
    contacts: { local: input.contacts ?? [], partner: [] },
  };
  const ours = deps.profiles ? await deps.profiles.local(draft) : null;
  const acceptedInvite = acceptInvitation(input.code, { endpoint: input.ownEndpoint, now, messageId: deps.ids.newId(), profile: ours });
  if (!acceptedInvite.ok) return acceptedInvite;
  const a = acceptedInvite.value;
  const sent = await deps.transport.send(a.partnerEndpoint, a.hello);
  if (!sent.ok) {
    const refused = sent.error.kind === 'http' && sent.error.status < 500 && sent.error.status !== 429;
    const detail = sent.error.kind === 'http' && sent.error.body ? errorMessageOf(sent.error.body) : describeTransportError(sent.error);
    return err(refused ? 'partner-refused' : 'partner-unreachable', refused ? `the partner refused the invitation: ${detail}` : `the partner could not be reached: ${detail}`);
  }
  const welcome = handleWelcome(sent.body, a, deps.clock.now());
  if (!welcome.ok) return welcome;
  await deps.secrets.putConnectionSecret(a.connectionId, a.connectionSecret);
  const connection: Connection = {
    id: a.connectionId, partnerKind: 'jira', partnerEndpoint: a.partnerEndpoint, state: 'active', role: 'acceptor', createdBy: input.createdBy, createdAt: now,
    contacts: { local: input.contacts ?? [], partner: welcome.value.profile?.contacts ?? [] },
    // The hello was built for what the code announced; should the welcome say more, the next profile check sends it.
    ...profileFields(welcome.value.profile, welcome.value.accepts, ours, parsed.value.accepts, deps.clock.now()),
  };
  await deps.config.putConnection(connection);
  await audit(deps, connection.id, input.createdBy, 'invitation accepted; connection active');
  return ok(connection);
}

function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200);
}

/** The inviter's web trigger receiving a hello. The consumed invitation is stored before the welcome leaves. */
export async function receiveHandshake(deps: Deps, raw: string): Promise<ReceiveResult> {
  const peek = peekEnvelope(raw);
  if (!peek.ok) return reject(peek.reason, peek.message);
  const pending = await deps.secrets.getPendingInvitation(peek.value.connectionId);
  const connection = await deps.config.getConnection(peek.value.connectionId);
  if (!pending || !connection) return reject('unknown-connection', 'no invitation with that code is waiting here');
  const ours = deps.profiles ? await deps.profiles.local(connection) : null;
  const outcome = handleHello(raw, pending, { now: deps.clock.now(), messageId: deps.ids.newId(), seen: () => false, profile: ours });
  if (!outcome.ok) {
    const reasons: Record<typeof outcome.reason, RejectReason> = {
      'invitation-used': 'invitation-refused', 'invitation-expired': 'invitation-refused', 'malformed-invitation': 'malformed', 'unexpected-message': 'unexpected-kind',
      oversize: 'oversize', malformed: 'malformed', 'unsupported-version': 'unsupported-version', 'unknown-connection': 'unknown-connection',
      'bad-signature': 'bad-signature', stale: 'stale', replay: 'replay',
    };
    const reason = reasons[outcome.reason];
    return reject(reason, outcome.message);
  }
  const o = outcome.value;
  await deps.secrets.putPendingInvitation(o.consumed);
  await deps.secrets.putConnectionSecret(connection.id, o.connectionSecret);
  const partnerContacts = o.partnerProfile?.contacts ?? connection.contacts.partner;
  await deps.config.putConnection({
    ...connection, partnerEndpoint: o.partnerEndpoint, state: 'active', contacts: { ...connection.contacts, partner: partnerContacts },
    ...profileFields(o.partnerProfile, o.partnerAccepts, ours, o.partnerAccepts, deps.clock.now()),
  });
  await audit(deps, connection.id, 'sync', 'partner accepted the invitation; connection active');
  return accepted(o.welcome);
}

export type ConnectionChange = 'pause' | 'resume' | 'delete';

export async function changeConnection(deps: Deps, input: { connectionId: string; change: ConnectionChange; actor: string }): Promise<Result<Connection | null, 'unknown-connection' | 'not-active'>> {
  const connection = await deps.config.getConnection(input.connectionId);
  if (!connection) return err('unknown-connection', `connection ${input.connectionId} does not exist`);
  if (input.change === 'delete') {
    // Told first, while the secret to sign with still exists.
    const told = await sayFarewell(deps, connection);
    await deps.config.deleteConnection(connection.id);
    await deps.secrets.deleteConnectionSecrets(connection.id);
    await audit(deps, connection.id, input.actor, told ? `connection deleted; ${told}` : 'connection deleted');
    return ok(null);
  }
  if (connection.state === 'pending') return err('not-active', 'the partner has not accepted the invitation yet');
  if (connection.state === 'ended') return err('not-active', 'the partner ended this connection; it can only be deleted here too');
  const state = input.change === 'pause' ? 'paused' : 'active';
  const next = { ...connection, state } as Connection;
  await deps.config.putConnection(next);
  await audit(deps, connection.id, input.actor, input.change === 'pause' ? 'connection paused; changes queue' : 'connection resumed; queue drains');
  return ok(next);
}
