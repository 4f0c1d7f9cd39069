// Capability URLs for attachment content: the partner fetches bytes from the source's own inbox
// with a link that names exactly one attachment of one pair and expires. The domain prefix keeps
// this signature from ever being valid as an envelope signature under the same connection secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

const DOMAIN = 'liaison-attachment-v1\n';

/** Long enough for a partner's retries and queued applies to fetch the content; a resend re-signs. */
export const ATTACHMENT_REF_TTL_MS = 24 * 60 * 60 * 1000;

export type AttachmentRefParts = { connectionId: string; pairId: string; attachmentId: string; exp: number };
export type AttachmentRefCheck = { ok: true } | { ok: false; reason: 'bad-signature' | 'expired' };

/** Builds the ref for one attachment; `secret` is the connection secret. The core never imports the platform. */
export type AttachmentRefBuilder = (parts: AttachmentRefParts, secret: string) => Promise<string>;

export function attachmentRefSignature(secret: string, p: AttachmentRefParts): string {
  if (!secret) throw new TypeError('attachmentRefSignature: empty secret');
  return createHmac('sha256', secret).update(`${DOMAIN}${p.connectionId}\n${p.pairId}\n${p.attachmentId}\n${p.exp}`, 'utf8').digest('hex');
}

export function buildAttachmentRef(inboxUrl: string, secret: string, p: AttachmentRefParts): string {
  const url = new URL(inboxUrl);
  url.searchParams.set('attachment', p.attachmentId);
  url.searchParams.set('pair', p.pairId);
  url.searchParams.set('exp', String(p.exp));
  url.searchParams.set('connection', p.connectionId);
  url.searchParams.set('sig', attachmentRefSignature(secret, p));
  return url.href;
}

/** The ref's parts from a request's query, or null when one is missing or malformed. */
export function parseAttachmentQuery(query: Record<string, string | undefined>): (AttachmentRefParts & { sig: string }) | null {
  const { attachment, pair, exp, connection, sig } = query;
  if (!attachment || !pair || !connection || !sig || !exp || !/^\d{1,16}$/.test(exp)) return null;
  return { attachmentId: attachment, pairId: pair, connectionId: connection, exp: Number(exp), sig };
}

/** Signature first (an expired forgery is still a forgery), then expiry. */
export function verifyAttachmentRef(secret: string, p: AttachmentRefParts & { sig: string }, now: number): AttachmentRefCheck {
  const expected = Buffer.from(attachmentRefSignature(secret, p), 'utf8');
  const given = Buffer.from(p.sig, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  if (now > p.exp) return { ok: false, reason: 'expired' };
  return { ok: true };
}
