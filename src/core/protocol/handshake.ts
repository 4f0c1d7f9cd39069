// The two-message handshake that turns an invitation code into a connection secret.
//   acceptor → inviter: hello {inviteId, endpoint, acceptor public key}, HMAC'd with the invite key
//   inviter → acceptor: welcome {inviteId}, HMAC'd with the new connection secret (key confirmation)
// Both may carry the sender's profile (name, site, contacts, values; core/profile), so each side
// knows who it is connected to from the first moment; older sites send none.
import type { Accepts, PartnerProfile } from '../profile/partner-profile';
import { PROFILE_ACCEPTS, profileFor } from '../profile/partner-profile';
import { err, ok, type Result } from '../result';
import type { EnvelopeOf } from './envelope';
import { PROTOCOL_VERSION } from './envelope';
import { deriveConnectionSecret, generateKeyPair, parseInvitation, type PendingInvitation } from './invitation';
import { signEnvelope } from './sign';
import { verifyEnvelope, type VerifyReason } from './verify';

export type HandshakeReason = VerifyReason | 'malformed-invitation' | 'invitation-expired' | 'invitation-used' | 'unexpected-message';

export type AcceptedInvitation = { connectionId: string; partnerEndpoint: string; inviteId: string; connectionSecret: string; hello: string };

export function acceptInvitation(code: string, input: { endpoint: string; now: number; messageId: string; profile?: PartnerProfile | null }): Result<AcceptedInvitation, HandshakeReason> {
  const invitation = parseInvitation(code, input.now);
  if (!invitation.ok) return invitation;
  const inv = invitation.value;
  const keys = generateKeyPair();
  const hello: EnvelopeOf<'handshake'> = {
    v: PROTOCOL_VERSION, connectionId: inv.connectionId, messageId: input.messageId, pairId: null, seq: null, sentAt: input.now, kind: 'handshake',
    // The profile as the inviter reads it: the invitation says what it accepts (nothing: an older inviter).
    body: { phase: 'hello', inviteId: inv.inviteId, endpoint: input.endpoint, publicKey: keys.publicKey, ...(input.profile ? { profile: profileFor(input.profile, inv.accepts) } : {}), accepts: [...PROFILE_ACCEPTS] },
  };
  return ok({
    connectionId: inv.connectionId,
    partnerEndpoint: inv.endpoint,
    inviteId: inv.inviteId,
    connectionSecret: deriveConnectionSecret(keys.privateKey, inv.publicKey, inv.inviteId, inv.connectionId),
    hello: signEnvelope(hello, inv.inviteKey),
  });
}

/** `partnerProfile`: the acceptor's, when its hello carried one; `partnerAccepts`: what its hello announced (null: an older acceptor). */
export type InviterOutcome = { connectionSecret: string; partnerEndpoint: string; partnerProfile: PartnerProfile | null; partnerAccepts: Accepts | null; welcome: string; consumed: PendingInvitation };

/** The inviter's side. The caller must persist `consumed` before replying, so the code works once. */
export function handleHello(raw: string, pending: PendingInvitation, input: { now: number; messageId: string; seen: (id: string) => boolean; profile?: PartnerProfile | null }): Result<InviterOutcome, HandshakeReason> {
  const verified = verifyEnvelope(raw, { now: input.now, seen: input.seen, secretFor: (c) => (c === pending.connectionId ? pending.inviteKey : undefined) });
  if (!verified.ok) return verified;
  const env = verified.value;
  if (env.kind !== 'handshake' || env.body.phase !== 'hello' || env.body.inviteId !== pending.inviteId) return err('unexpected-message', 'expected a hello for this invitation');
  if (pending.usedAt !== null || pending.privateKey === null) return err('invitation-used', 'this invitation code was already used; create a new one');
  if (input.now > pending.expiresAt) return err('invitation-expired', 'this invitation code has expired; create a new one');
  const connectionSecret = deriveConnectionSecret(pending.privateKey, env.body.publicKey, pending.inviteId, pending.connectionId);
  const welcome: EnvelopeOf<'handshake'> = {
    v: PROTOCOL_VERSION, connectionId: pending.connectionId, messageId: input.messageId, pairId: null, seq: null, sentAt: input.now, kind: 'handshake',
    body: { phase: 'welcome', inviteId: pending.inviteId, ...(input.profile ? { profile: profileFor(input.profile, env.body.accepts) } : {}), accepts: [...PROFILE_ACCEPTS] },
  };
  return ok({
    connectionSecret,
    partnerEndpoint: env.body.endpoint,
    partnerProfile: env.body.profile ?? null,
    partnerAccepts: env.body.accepts ?? null,
    welcome: signEnvelope(welcome, connectionSecret),
    consumed: { ...pending, privateKey: null, usedAt: input.now },
  });
}

/**
 * The acceptor's last step: the welcome proves the inviter derived the same secret, and carries the
 * inviter's profile and what it reads (null from older sites).
 */
export function handleWelcome(raw: string, accepted: Pick<AcceptedInvitation, 'connectionId' | 'inviteId' | 'connectionSecret'>, now: number): Result<{ profile: PartnerProfile | null; accepts: Accepts | null }, HandshakeReason> {
  const verified = verifyEnvelope(raw, { now, seen: () => false, secretFor: (c) => (c === accepted.connectionId ? accepted.connectionSecret : undefined) });
  if (!verified.ok) return verified;
  const env = verified.value;
  if (env.kind !== 'handshake' || env.body.phase !== 'welcome' || env.body.inviteId !== accepted.inviteId) return err('unexpected-message', 'expected the welcome for this invitation');
  return ok({ profile: env.body.profile ?? null, accepts: env.body.accepts ?? null });
}
