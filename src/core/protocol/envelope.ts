// The versioned message envelope. Every message between two Liaison sites is one of these, signed
// as a whole (see sign.ts and docs/adr/0001-handshake-and-signing.md).
import { z } from 'zod';
import { acceptsSchema, profileSchema } from '../profile/partner-profile';
import { fieldKeySchema } from '../replica/field-key';
import { replicaSchema } from '../replica/replica';
import { setAsideUnknownFields, UNKNOWN_FIELD_KEY, UNKNOWN_FIELDS_MAX } from './unknown-fields';

export const PROTOCOL_VERSION = 1;

const id = z.string().min(1).max(128);
const clockSchema = z.object({ mine: z.number().int().nonnegative(), yours: z.number().int().nonnegative() });
const planErrorSchema = z.object({ field: z.string(), value: z.string(), reason: z.string(), blocking: z.boolean().optional() });

/**
 * A replica message. Field keys this version does not know (a newer partner's) are set aside before
 * the schema reads the body (unknown-fields.ts): `unknownFields` lists them, never from the wire.
 */
export const replicaBodySchema = z.preprocess(setAsideUnknownFields, z.object({
  /** The sender's own issue; the receiver stores it as its partner issue id. */
  origin: z.object({
    issueId: id, issueKey: z.string().max(64), projectKey: z.string().max(64),
    /** Where a person opens the sender's issue; the receiver links to it. Absent from older senders. */
    url: z.url({ protocol: /^https$/ }).max(2048).optional(),
  }),
  /** True on a pair's first message: the receiver may create an issue for it. */
  create: z.boolean(),
  /** On a pair's first message instead of `create`: bind to this existing receiver issue. */
  // A Jira issue key, or a ServiceNow record's number or sys_id (the ServiceNow peer receives it).
  linkTo: z.object({ issueKey: z.string().regex(/^(?:[A-Z][A-Z0-9_]*-\d+|[A-Z]{2,10}\d{4,}|[0-9a-f]{32})$/).max(64) }).optional(),
  replica: replicaSchema,
  clocks: z.partialRecord(fieldKeySchema, clockSchema),
  /** Set by the receiver's schema: the well-formed keys it does not know, dropped unread. */
  unknownFields: z.array(z.string().regex(UNKNOWN_FIELD_KEY)).min(1).max(UNKNOWN_FIELDS_MAX).optional(),
}));

export const ackBodySchema = z.object({
  ackOf: id,
  status: z.enum(['applied', 'duplicate']),
  /** The receiver's issue for the pair, so the sender learns its partner issue id. */
  issueId: id.nullable(),
  issueKey: z.string().max(64).nullable(),
  /** Where a person opens the receiver's issue; the sender links to it. */
  issueUrl: z.url({ protocol: /^https$/ }).max(2048).optional(),
  errors: z.array(planErrorSchema).max(200),
  dropped: z.array(z.object({ field: z.string(), reason: z.string() })).max(200),
});

export const handshakeBodySchema = z.discriminatedUnion('phase', [
  // Forge sends to HTTPS only: an http: endpoint could never be answered, so it is refused here.
  // `profile`: who the sender is (core/profile); absent from older senders. `accepts`: the optional
  // profile parts the sender reads (PROFILE_ACCEPTS); absent from older senders, dropped unread by them.
  z.object({ phase: z.literal('hello'), inviteId: id, endpoint: z.url({ protocol: /^https$/ }).max(2048), publicKey: z.string().min(1).max(256), profile: profileSchema.optional(), accepts: acceptsSchema.optional() }),
  z.object({ phase: z.literal('welcome'), inviteId: id, profile: profileSchema.optional(), accepts: acceptsSchema.optional() }),
]);

/**
 * The sender's name, site, contacts or value catalog changed (or the admin asked to refresh).
 * `reply`: the receiver answers with its own profile, a signed `profile` message, as the body.
 * `accepts`: the optional profile parts the sender reads (absent from older senders).
 */
export const profileBodySchema = z.object({ profile: profileSchema, reply: z.boolean(), accepts: acceptsSchema.optional() });

/** `declined`: the receiver's agent or admin declined the sender's request to link to an existing issue. */
export const unlinkBodySchema = z.object({ reason: z.enum(['deleted', 'unlinked', 'out-of-scope', 'declined']) });
export type UnlinkReason = z.infer<typeof unlinkBodySchema>['reason'];

/** Replicas per batch: each is applied in the partner's one web-trigger invocation. */
export const BATCH_MAX_ITEMS = 20;

/**
 * Several replica messages in one delivery (bulk sync). Each item is a complete signed message,
 * verified and applied on its own as if it had come alone; the batch's signature covers the whole.
 */
export const batchBodySchema = z.object({ items: z.array(z.string().min(2)).min(1).max(BATCH_MAX_ITEMS) });

/** A batch's answer: one per item, in order, as that item alone would have been answered. */
export const batchReplySchema = z.object({
  results: z.array(z.object({ status: z.number().int().min(100).max(599), body: z.string(), retryAfterMs: z.number().int().nonnegative().optional() })),
});

const base = {
  v: z.literal(PROTOCOL_VERSION),
  connectionId: id,
  messageId: id,
  sentAt: z.number().int().nonnegative(),
};
const pairScoped = { pairId: id, seq: z.number().int().positive() };

export const envelopeSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, ...pairScoped, kind: z.literal('replica'), body: replicaBodySchema }),
  z.object({ ...base, ...pairScoped, kind: z.literal('ack'), body: ackBodySchema }),
  z.object({ ...base, ...pairScoped, kind: z.literal('unlink'), body: unlinkBodySchema }),
  z.object({ ...base, pairId: z.null(), seq: z.null(), kind: z.literal('handshake'), body: handshakeBodySchema }),
  z.object({ ...base, pairId: z.null(), seq: z.null(), kind: z.literal('ping'), body: z.object({}) }),
  z.object({ ...base, pairId: z.null(), seq: z.null(), kind: z.literal('batch'), body: batchBodySchema }),
  z.object({ ...base, pairId: z.null(), seq: z.null(), kind: z.literal('profile'), body: profileBodySchema }),
  /** The sender deleted the connection on its side. */
  z.object({ ...base, pairId: z.null(), seq: z.null(), kind: z.literal('farewell'), body: z.object({}) }),
]);

export type Envelope = z.infer<typeof envelopeSchema>;
export type EnvelopeKind = Envelope['kind'];
export type EnvelopeOf<K extends EnvelopeKind> = Extract<Envelope, { kind: K }>;
export type ReplicaBody = z.infer<typeof replicaBodySchema>;
export type AckBody = z.infer<typeof ackBodySchema>;
export type HandshakeBody = z.infer<typeof handshakeBodySchema>;
export type ProfileBody = z.infer<typeof profileBodySchema>;
export type BatchReply = z.infer<typeof batchReplySchema>;

/** What travels: the envelope and its HMAC, as canonical JSON text. */
export type SignedMessage = { envelope: Envelope; sig: string };
