// Verification of an incoming message, cheapest and least trusting checks first: size before
// parsing, signature before acting on any content, then freshness and replay.
import { err, ok, type Result } from '../result';
import { envelopeSchema, PROTOCOL_VERSION, type Envelope } from './envelope';
import { checkJsonShape } from './json-shape';
import { signatureMatches } from './sign';

export const DEFAULT_MAX_BYTES = 512 * 1024;
export const DEFAULT_SKEW_MS = 5 * 60 * 1000;

export type VerifyReason = 'oversize' | 'malformed' | 'unsupported-version' | 'unknown-connection' | 'bad-signature' | 'stale' | 'replay';

export type VerifyContext = {
  now: number;
  /** The HMAC key for a connection (for a handshake hello: the invitation key). */
  secretFor: (connectionId: string) => string | undefined;
  /** True when this message id was already accepted (within the skew window). */
  seen: (messageId: string) => boolean;
  maxBytes?: number;
  skewMs?: number;
};

/** Unverified routing data, only for looking up the secret and replay state before verifying. */
export type Peek = { connectionId: string; messageId: string };

export function peekEnvelope(raw: string, maxBytes = DEFAULT_MAX_BYTES): Result<Peek, 'oversize' | 'malformed'> {
  if (typeof raw !== 'string') return err('malformed', 'body is not text');
  if (new TextEncoder().encode(raw).length > maxBytes) return err('oversize', `message is larger than ${maxBytes} bytes`);
  const shape = checkJsonShape(raw);
  if (shape) return err('malformed', `body refused before verification: ${shape.reason}`);
  try {
    const env = (JSON.parse(raw) as { envelope?: { connectionId?: unknown; messageId?: unknown } } | null)?.envelope;
    if (typeof env?.connectionId === 'string' && typeof env.messageId === 'string') return ok({ connectionId: env.connectionId, messageId: env.messageId });
  } catch {
    // fall through
  }
  return err('malformed', 'not a Liaison message');
}

export function verifyEnvelope(raw: string, ctx: VerifyContext): Result<Envelope, VerifyReason> {
  const maxBytes = ctx.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof raw !== 'string') return err('malformed', 'body is not text');
  if (new TextEncoder().encode(raw).length > maxBytes) return err('oversize', `message is larger than ${maxBytes} bytes`);
  // Before parsing and before the canonical JSON of the signature check, which recurses.
  const shape = checkJsonShape(raw);
  if (shape) return err('malformed', `body refused before verification: ${shape.reason}`);
  let outer: unknown;
  try {
    outer = JSON.parse(raw);
  } catch {
    return err('malformed', 'body is not JSON');
  }
  if (typeof outer !== 'object' || outer === null || Array.isArray(outer)) return err('malformed', 'body is not an object');
  const { envelope, sig } = outer as { envelope?: unknown; sig?: unknown };
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope) || typeof sig !== 'string') return err('malformed', 'expected {envelope, sig}');
  const v = (envelope as { v?: unknown }).v;
  if (v !== PROTOCOL_VERSION) return err('unsupported-version', `protocol version ${JSON.stringify(v)} is not supported (this side speaks ${PROTOCOL_VERSION})`);
  const connectionId = (envelope as { connectionId?: unknown }).connectionId;
  const secret = typeof connectionId === 'string' ? ctx.secretFor(connectionId) : undefined;
  if (!secret) return err('unknown-connection', `no secret for connection ${JSON.stringify(connectionId)}`);
  // The signature covers the envelope exactly as received, before any schema defaults apply.
  if (!signatureMatches(envelope, sig, secret)) return err('bad-signature', 'signature does not match');
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) return err('malformed', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const skew = ctx.skewMs ?? DEFAULT_SKEW_MS;
  if (Math.abs(ctx.now - parsed.data.sentAt) > skew) return err('stale', `sent at ${parsed.data.sentAt}, outside the ±${skew} ms window around ${ctx.now}`);
  if (ctx.seen(parsed.data.messageId)) return err('replay', `message ${parsed.data.messageId} was already received`);
  return ok(parsed.data);
}
