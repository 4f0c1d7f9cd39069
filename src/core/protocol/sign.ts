// HMAC-SHA256 over the canonical JSON of the whole envelope, with a domain prefix so a signature
// made for this protocol can never be replayed as something else signed with the same key.
import { createHmac } from 'node:crypto';
import { canonicalJson } from '../hash';
import type { Envelope } from './envelope';

const DOMAIN = 'liaison-envelope-v1\n';

export function signature(envelope: unknown, secret: string): string {
  return createHmac('sha256', secret).update(DOMAIN + canonicalJson(envelope), 'utf8').digest('hex');
}

/** The wire text for an envelope. */
export function signEnvelope(envelope: Envelope, secret: string): string {
  if (!secret) throw new TypeError('signEnvelope: empty secret');
  return canonicalJson({ envelope, sig: signature(envelope, secret) });
}

/** Constant-time comparison of two hex digests (no early exit on the first differing byte). */
export function signatureMatches(envelope: unknown, sig: string, secret: string): boolean {
  const expected = signature(envelope, secret);
  if (sig.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ sig.charCodeAt(i);
  return diff === 0;
}
