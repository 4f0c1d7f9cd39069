// A partner site still running Liaison as of commit 9e9be9f, before the partner profile's catalog
// carried components and versions, for version-skew tests. Its profile and handshake schemas are
// copied from that commit (`git show 9e9be9f:src/core/profile/partner-profile.ts`, and the bodies of
// src/core/protocol/envelope.ts): the catalog and the profile are `.strict()`, message bodies are
// plain objects (zod drops unknown keys). Its messages are built as that version built them. What
// did not change since (signing, verification steps, invitation keys) is used from src/.
import { z } from 'zod';
import { contactSchema } from '../../../../src/core/contact';
import { base64UrlToUtf8, utf8ToBase64Url } from '../../../../src/core/protocol/base64url';
import { canonicalJson } from '../../../../src/core/hash';
import { createInvitation, deriveConnectionSecret, generateKeyPair, type Invitation, type PendingInvitation } from '../../../../src/core/protocol/invitation';
import { signatureMatches, signEnvelope } from '../../../../src/core/protocol/sign';
import type { Envelope } from '../../../../src/core/protocol/envelope';
import type { Transport } from '../../../../src/core/ports/transport';

// ---- 9e9be9f: src/core/profile/partner-profile.ts
const value = z.string().min(1).max(255);
export const oldCatalogSchema = z.object({
  statuses: z.array(value).max(200),
  priorities: z.array(value).max(200),
  issueTypes: z.array(value).max(200),
}).strict();
export const oldProfileSchema = z.object({
  name: z.string().trim().min(1).max(100),
  site: z.url({ protocol: /^https$/ }).max(2048),
  contacts: z.array(contactSchema).max(20),
  catalog: oldCatalogSchema,
}).strict();
export type OldProfile = z.infer<typeof oldProfileSchema>;

// ---- 9e9be9f: src/core/protocol/envelope.ts (the kinds a profile travels in)
const id = z.string().min(1).max(128);
const base = { v: z.literal(1), connectionId: id, messageId: id, sentAt: z.number().int().nonnegative() };
const handshakeBodySchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('hello'), inviteId: id, endpoint: z.url({ protocol: /^https$/ }).max(2048), publicKey: z.string().min(1).max(256), profile: oldProfileSchema.optional() }),
  z.object({ phase: z.literal('welcome'), inviteId: id, profile: oldProfileSchema.optional() }),
]);
const profileBodySchema = z.object({ profile: oldProfileSchema, reply: z.boolean() });
const oldEnvelopeSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, pairId: z.null(), seq: z.null(), kind: z.literal('handshake'), body: handshakeBodySchema }),
  z.object({ ...base, pairId: z.null(), seq: z.null(), kind: z.literal('profile'), body: profileBodySchema }),
]);
type OldEnvelope = z.infer<typeof oldEnvelopeSchema>;

/** 9e9be9f's verifyEnvelope, in its order (signature over the envelope as received, then the schema). */
export function oldVerify(raw: string, secret: string): { ok: true; env: OldEnvelope } | { ok: false; status: number; message: string } {
  const { envelope, sig } = JSON.parse(raw) as { envelope: unknown; sig: string };
  if (!signatureMatches(envelope, sig, secret)) return { ok: false, status: 401, message: 'signature does not match' };
  const parsed = oldEnvelopeSchema.safeParse(envelope);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, env: parsed.data };
}

/** One site on 9e9be9f: its own profile, and what it keeps of one connection. */
export class OldSite {
  /** Every message body this site was sent, as received. */
  readonly received: string[] = [];
  connectionId: string | null = null;
  secret: string | null = null;
  partnerEndpoint: string | null = null;
  partnerProfile: OldProfile | null = null;
  private pending: PendingInvitation | null = null;
  private n = 0;

  constructor(readonly endpoint: string, readonly own: OldProfile, private readonly now: () => number, private readonly transport: Transport) {}

  private envelope(kind: 'handshake' | 'profile', body: unknown): Envelope {
    return { v: 1, connectionId: this.connectionId!, messageId: `old-${++this.n}`, pairId: null, seq: null, sentAt: this.now(), kind, body } as unknown as Envelope;
  }

  /** 9e9be9f's invitation code: the same fields as today's less `accepts`, which it did not have. */
  invite(connectionId: string): string {
    const { code, pending } = createInvitation({ connectionId, endpoint: this.endpoint, now: this.now() });
    const { accepts: _none, ...old } = JSON.parse(base64UrlToUtf8(code.slice('LIAISON1.'.length))) as Invitation;
    this.pending = pending;
    this.connectionId = connectionId;
    return `LIAISON1.${utf8ToBase64Url(canonicalJson(old))}`;
  }

  /** 9e9be9f's acceptInvitation + acceptToConnect: the hello with its profile, then the welcome checked. */
  async accept(code: string): Promise<{ ok: boolean; message: string }> {
    const inv = JSON.parse(base64UrlToUtf8(code.slice('LIAISON1.'.length))) as Invitation;
    const keys = generateKeyPair();
    this.connectionId = inv.connectionId;
    const hello = signEnvelope(this.envelope('handshake', { phase: 'hello', inviteId: inv.inviteId, endpoint: this.endpoint, publicKey: keys.publicKey, profile: this.own }), inv.inviteKey);
    const sent = await this.transport.send(inv.endpoint, hello);
    if (!sent.ok) return { ok: false, message: JSON.stringify(sent.error) };
    const secret = deriveConnectionSecret(keys.privateKey, inv.publicKey, inv.inviteId, inv.connectionId);
    this.received.push(sent.body);
    const welcome = oldVerify(sent.body, secret);
    if (!welcome.ok) return { ok: false, message: welcome.message };
    if (welcome.env.kind !== 'handshake' || welcome.env.body.phase !== 'welcome') return { ok: false, message: 'expected the welcome' };
    [this.secret, this.partnerEndpoint, this.partnerProfile] = [secret, inv.endpoint, welcome.env.body.profile ?? null];
    return { ok: true, message: '' };
  }

  /** 9e9be9f's web trigger for what this test sends it: a hello (as inviter) or a profile message. */
  async inbox(raw: string): Promise<{ status: number; body: string }> {
    this.received.push(raw);
    const kind = (JSON.parse(raw) as { envelope: { kind: string } }).envelope.kind;
    if (kind === 'handshake') {
      const p = this.pending!;
      const hello = oldVerify(raw, p.inviteKey);
      if (!hello.ok) return { status: hello.status, body: JSON.stringify({ reason: 'malformed', message: hello.message }) };
      if (hello.env.kind !== 'handshake' || hello.env.body.phase !== 'hello') return { status: 400, body: '{}' };
      this.secret = deriveConnectionSecret(p.privateKey!, hello.env.body.publicKey, p.inviteId, p.connectionId);
      [this.partnerEndpoint, this.partnerProfile] = [hello.env.body.endpoint, hello.env.body.profile ?? null];
      return { status: 200, body: signEnvelope(this.envelope('handshake', { phase: 'welcome', inviteId: p.inviteId, profile: this.own }), this.secret) };
    }
    const msg = oldVerify(raw, this.secret!);
    if (!msg.ok) return { status: msg.status, body: JSON.stringify({ reason: 'malformed', message: msg.message }) };
    if (msg.env.kind !== 'profile') return { status: 400, body: '{}' };
    this.partnerProfile = msg.env.body.profile;
    if (!msg.env.body.reply) return { status: 200, body: '{}' };
    return { status: 200, body: signEnvelope(this.envelope('profile', { profile: this.own, reply: false }), this.secret!) };
  }

  /** 9e9be9f's sendProfile: its profile, asking for the partner's with `ask`; the answer checked as it checked it. */
  async sendProfile(ask: boolean): Promise<{ ok: boolean; message: string }> {
    const sent = await this.transport.send(this.partnerEndpoint!, signEnvelope(this.envelope('profile', { profile: this.own, reply: ask }), this.secret!));
    if (!sent.ok) return { ok: false, message: JSON.stringify(sent.error) };
    if (!ask) return { ok: true, message: '' };
    this.received.push(sent.body);
    const answer = oldVerify(sent.body, this.secret!);
    if (!answer.ok) return { ok: false, message: answer.message };
    if (answer.env.kind === 'profile') this.partnerProfile = answer.env.body.profile;
    return { ok: true, message: '' };
  }
}

// ---- 9e9be9f: src/core/sync/limit-backoff.ts and retry-policy.ts, what its sender does with an answer
const OLD_LIMIT_NAMES = ['createsPerMinute', 'commentsPerMessage', 'attachmentsPerMessage', 'messageBytes'] as const;
const oldRefusalSchema = z.object({ error: z.literal('limit'), limit: z.enum(OLD_LIMIT_NAMES), max: z.number().int().positive() });

/**
 * How a 9e9be9f sender takes a partner's answer to a replica message: an ack settles it; 'busy' and
 * 'tracker-rate-limited' are a wait that counts no attempt; a 429 naming a limit it knows is a wait
 * (creates) or a split; any other 408/409/425/429/5xx is a failed attempt retried until it gives
 * up; any other 4xx is permanent.
 */
export function oldSenderTakes(status: number, body: string): 'settled' | 'waits' | 'splits' | 'fails-and-retries' | 'fails-for-good' {
  if (status === 200) return 'settled';
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // not JSON
  }
  const code = (parsed as { error?: unknown } | null)?.error;
  if (code === 'tracker-rate-limited' || code === 'busy') return 'waits';
  const refusal = status === 429 ? oldRefusalSchema.safeParse(parsed) : null;
  if (refusal?.success) return refusal.data.limit === 'createsPerMinute' ? 'waits' : 'splits';
  return status >= 500 || [408, 409, 425, 429].includes(status) ? 'fails-and-retries' : 'fails-for-good';
}
