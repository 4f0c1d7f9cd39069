// The two-message handshake that turns an invitation code into a connection secret.
//   acceptor → inviter: hello {inviteId, endpoint, acceptor public key}, HMAC'd with the invite key
//   inviter → acceptor: welcome {inviteId}, HMAC'd with the new connection secret (key confirmation)
import { err, ok, type Result } from '../result';
import type { EnvelopeOf } from './envelope';
import { PROTOCOL_VERSION } from './envelope';
import { deriveConnectionSecret, generateKeyPair, parseInvitation, type PendingInvitation } from './invitation';
import { signEnvelope } from './sign';
import { verifyEnvelope, type VerifyReason } from './verify';

export type HandshakeReason = VerifyReason | 'malformed-invitation' | 'invitation-expired' | 'invitation-used' | 'unexpected-message';

export type AcceptedInvitation = { connectionId: string; partnerEndpoint: string; inviteId: string; connectionSecret: string; hello: string };

export function acceptInvitation(code: string, input: { endpoint: string; now: number; messageId: string }): Result<AcceptedInvitation, HandshakeReason> {
  const invitation = parseInvitation(code, input.now);
  if (!invitation.ok) return invitation;
  const inv = invitation.value;
  const keys = generateKeyPair();
  const hello: EnvelopeOf<'handshake'> = {
    v: PROTOCOL_VERSION, connectionId: inv.connectionId, messageId: input.messageId, pairId: null, seq: null, sentAt: input.now, kind: 'handshake',
    body: { phase: 'hello', inviteId: inv.inviteId, endpoint: input.endpoint, publicKey: keys.publicKey },
  };
  return ok({
    connectionId: inv.connectionId,
    partnerEndpoint: inv.endpoint,
    inviteId: inv.inviteId,
    connectionSecret: deriveConnectionSecret(keys.privateKey, inv.publicKey, inv.inviteId, inv.connectionId),
    hello: signEnvelope(hello, inv.inviteKey),
  });
}

export type InviterOutcome = { connectionSecret: string; partnerEndpoint: string; welcome: string; consumed: PendingInvitation };

/** The inviter's side. The caller must persist `consumed` before replying, so the code works once. */
export function handleHello(raw: string, pending: PendingInvitation, input: { now: number; messageId: string; seen: (id: string) => boolean }): Result<InviterOutcome, HandshakeReason> {
  const verified = verifyEnvelope(raw, { now: input.now, seen: input.seen, secretFor: (c) => (c === pending.connectionId ? pending.inviteKey : undefined) });
  if (!verified.ok) return verified;
  const env = verified.value;
  if (env.kind !== 'handshake' || env.body.phase !== 'hello' || env.body.inviteId !== pending.inviteId) return err('unexpected-message', 'expected a hello for this invitation');
  if (pending.usedAt !== null || pending.privateKey === null) return err('invitation-used', 'this invitation code was already used; create a new one');
  if (input.now > pending.expiresAt) return err('invitation-expired', 'this invitation code has expired; create a new one');
  const connectionSecret = deriveConnectionSecret(pending.privateKey, env.body.publicKey, pending.inviteId, pending.connectionId);
  const welcome: EnvelopeOf<'handshake'> = {
    v: PROTOCOL_VERSION, connectionId: pending.connectionId, messageId: input.messageId, pairId: null, seq: null, sentAt: input.now, kind: 'handshake',
    body: { phase: 'welcome', inviteId: pending.inviteId },
  };
  return ok({
    connectionSecret,
    partnerEndpoint: env.body.endpoint,
    welcome: signEnvelope(welcome, connectionSecret),
    consumed: { ...pending, privateKey: null, usedAt: input.now },
  });
}

/** The acceptor's last step: the welcome proves the inviter derived the same secret. */
export function handleWelcome(raw: string, accepted: Pick<AcceptedInvitation, 'connectionId' | 'inviteId' | 'connectionSecret'>, now: number): Result<true, HandshakeReason> {
  const verified = verifyEnvelope(raw, { now, seen: () => false, secretFor: (c) => (c === accepted.connectionId ? accepted.connectionSecret : undefined) });
  if (!verified.ok) return verified;
  const env = verified.value;
  if (env.kind !== 'handshake' || env.body.phase !== 'welcome' || env.body.inviteId !== accepted.inviteId) return err('unexpected-message', 'expected the welcome for this invitation');
  return ok(true);
}
