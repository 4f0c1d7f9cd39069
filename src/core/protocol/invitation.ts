// Invitation codes and the key agreement behind them (docs/adr/0001-handshake-and-signing.md).
// The code carries how to reach the inviter, a one-time invitation key (to authenticate the
// hello) and the inviter's ephemeral X25519 public key. The connection secret comes from X25519
// between two private keys that never leave their sites, so a leaked code, even together with a
// recorded handshake, yields no secret; and the inviter accepts one hello per code.
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../hash';
import { acceptsSchema, PROFILE_ACCEPTS } from '../profile/partner-profile';
import { base64UrlToUtf8, toBase64Url, utf8ToBase64Url } from './base64url';
import { err, ok, type Result } from '../result';

const PREFIX = 'LIAISON1.';
export const DEFAULT_INVITATION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * `accepts`: the optional profile parts the inviter reads (core/profile PROFILE_ACCEPTS), so the
 * acceptor's hello can carry them; absent from older inviters, ignored by older acceptors.
 */
export type Invitation = { connectionId: string; endpoint: string; inviteId: string; inviteKey: string; publicKey: string; expiresAt: number; accepts?: string[] };

/** Kept by the inviter (in secret storage) until the hello arrives; then `usedAt` is set and the private key dropped. */
export type PendingInvitation = { connectionId: string; inviteId: string; inviteKey: string; privateKey: string | null; expiresAt: number; usedAt: number | null };


export function generateKeyPair(): { publicKey: string; privateKey: string } {
  const { privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  // The private key is kept as `x.d` (both JWK members) so it can be re-imported without a Buffer.
  return { publicKey: jwk.x!, privateKey: `${jwk.x}.${jwk.d}` };
}

const publicKeyFrom = (x: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
function privateKeyFrom(stored: string): KeyObject {
  const [x, d] = stored.split('.');
  return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x, d }, format: 'jwk' });
}

/** Both sides compute the same secret from their own private key and the other's public key. */
export function deriveConnectionSecret(privateKey: string, peerPublicKey: string, inviteId: string, connectionId: string): string {
  const shared = diffieHellman({ privateKey: privateKeyFrom(privateKey), publicKey: publicKeyFrom(peerPublicKey) });
  return toBase64Url(new Uint8Array(hkdfSync('sha256', shared, inviteId, `liaison/v1/connection/${connectionId}`, 32)));
}

export function createInvitation(input: { connectionId: string; endpoint: string; now: number; ttlMs?: number }): { code: string; pending: PendingInvitation } {
  const keys = generateKeyPair();
  const inviteId = toBase64Url(randomBytes(12));
  const inviteKey = toBase64Url(randomBytes(32));
  const expiresAt = input.now + (input.ttlMs ?? DEFAULT_INVITATION_TTL_MS);
  const invitation: Invitation = { connectionId: input.connectionId, endpoint: input.endpoint, inviteId, inviteKey, publicKey: keys.publicKey, expiresAt, accepts: [...PROFILE_ACCEPTS] };
  return {
    code: PREFIX + utf8ToBase64Url(canonicalJson(invitation)),
    pending: { connectionId: input.connectionId, inviteId, inviteKey, privateKey: keys.privateKey, expiresAt, usedAt: null },
  };
}

function isHttpsUrl(s: string): boolean {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
}

export function parseInvitation(code: string, now: number): Result<Invitation, 'malformed-invitation' | 'invitation-expired'> {
  const trimmed = code.trim();
  if (!trimmed.startsWith(PREFIX)) return err('malformed-invitation', 'not a Liaison invitation code');
  let data: Partial<Invitation>;
  try {
    data = JSON.parse(base64UrlToUtf8(trimmed.slice(PREFIX.length))) as Partial<Invitation>;
  } catch {
    return err('malformed-invitation', 'the invitation code is damaged (was it copied completely?)');
  }
  const strings = ['connectionId', 'endpoint', 'inviteId', 'inviteKey', 'publicKey'] as const;
  if (strings.some((k) => typeof data[k] !== 'string' || data[k].length === 0) || typeof data.expiresAt !== 'number') {
    return err('malformed-invitation', 'the invitation code is incomplete');
  }
  if (!isHttpsUrl(data.endpoint!)) {
    return err('malformed-invitation', `the invitation names the partner's address ${JSON.stringify(data.endpoint)}, which is not an https:// URL; Liaison reaches partners over HTTPS only`);
  }
  if (now > data.expiresAt) return err('invitation-expired', `the invitation expired at ${new Date(data.expiresAt).toISOString()}`);
  // A damaged or foreign announcement counts as none: the hello then carries only what every version reads.
  const accepts = acceptsSchema.safeParse(data.accepts);
  const { accepts: _given, ...rest } = data as Invitation;
  return ok({ ...rest, ...(accepts.success ? { accepts: accepts.data } : {}) });
}
