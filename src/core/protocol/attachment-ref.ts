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

/** Why a receiver will not fetch a partner's attachment link; never the link's content. */
export type IncomingRefRefusal = 'not-https' | 'other-host' | 'other-path' | 'malformed' | 'other-connection' | 'other-attachment' | 'bad-signature' | 'expired';

export type IncomingRefExpectation = {
  /** The sending partner's web trigger, as recorded when the connection was made. */
  endpoint: string;
  connectionId: string;
  attachmentId: string;
  secret: string;
  now: number;
};

const REF_PARAMS = ['attachment', 'connection', 'exp', 'pair', 'sig'];

/**
 * The receiver's check before any fetch: the link must be one this connection's partner signed for
 * exactly this attachment, on the partner's own web trigger (same origin and path as recorded at
 * connect), carrying only the ref's own parameters, and not expired. Anything else — another host,
 * a ServiceNow table URL, another site's web trigger, a different path — is refused unfetched.
 */
export function checkIncomingAttachmentRef(ref: string, want: IncomingRefExpectation): { ok: true } | { ok: false; reason: IncomingRefRefusal } {
  let url: URL;
  let endpoint: URL;
  try {
    url = new URL(ref);
    endpoint = new URL(want.endpoint);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (url.protocol !== 'https:' || endpoint.protocol !== 'https:') return { ok: false, reason: 'not-https' };
  if (url.username || url.password || url.origin !== endpoint.origin) return { ok: false, reason: 'other-host' };
  if (url.pathname !== endpoint.pathname || url.hash) return { ok: false, reason: 'other-path' };
  const keys = [...url.searchParams.keys()];
  if (keys.length !== REF_PARAMS.length || [...keys].sort().some((k, i) => k !== REF_PARAMS[i])) return { ok: false, reason: 'malformed' };
  const parts = parseAttachmentQuery(Object.fromEntries(url.searchParams));
  if (!parts) return { ok: false, reason: 'malformed' };
  if (parts.connectionId !== want.connectionId) return { ok: false, reason: 'other-connection' };
  if (parts.attachmentId !== want.attachmentId) return { ok: false, reason: 'other-attachment' };
  const check = verifyAttachmentRef(want.secret, parts, want.now);
  return check.ok ? check : { ok: false, reason: check.reason };
}
