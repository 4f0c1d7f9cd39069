// Send one outbox entry: sign a fresh envelope (new timestamp per attempt, so a retry is never
// rejected as stale), deliver, then either settle the ack or decide retry-or-archive.
//
// The message id is the entry's id and attempt number, not a random one: the same attempt may be
// sent twice at once (a queue wake-up and the scheduled re-drive, or an at-least-once redelivery),
// and the partner's atomic replay memory then lets exactly one of them apply. Every failed attempt
// bumps `attempts`, so a real retry still carries a new id.
import { connectionId as toConnectionId, pairId as toPairId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import { updatePair } from '../ledger/update-pair';
import type { OutboxEntry } from '../ports/outbox';
import type { TransportError, TransportResult } from '../ports/transport';
import { ATTACHMENT_REF_TTL_MS } from '../protocol/attachment-ref';
import { PROTOCOL_VERSION, type Envelope, type ReplicaBody, type UnlinkReason } from '../protocol/envelope';
import { signEnvelope } from '../protocol/sign';
import { verifyEnvelope } from '../protocol/verify';
import type { SyncDeps } from './deps';
import { handleAck } from './handle-ack';
import { backOffForLimit, reschedule } from './limit-backoff';
import { splitEntry } from './split-entry';
import { DEFAULT_LIMITS } from '../limits/limits';
import { decideRetry, describeTransportError } from './retry-policy';
import { bodyForPartner } from './partner-reads';

export type SendOutcome = 'sent' | 'retry-scheduled' | 'archived' | 'missing' | 'paused';

/**
 * How a failed attempt is re-armed: by its own queue wake-up (no `Rearm`), or written without one
 * and collected in `held`, for the caller to wake together with the other items of its batch
 * (Outbox.wakeTogether).
 */
export type Rearm = { held: OutboxEntry[] };

/** While paused, entries stay queued; a partner told "paused" looks again after this long. */
export const PAUSED_RECHECK_MS = 60_000;

/**
 * An entry met while its connection is paused is held this long without a queue wake-up: resuming
 * sends the connection's queue (app/outbox-resume.ts), so a paused backlog costs nothing per minute
 * (before, every entry re-armed itself every 60 s: a write, a push and an invocation each). Should
 * the resume's drain be lost, the scheduled re-drive finds the entry once the hold is over.
 */
export const PAUSED_HOLD_MS = 6 * 3_600_000;

function envelopeFor(entry: OutboxEntry, messageId: string, sentAt: number, body: ReplicaBody | null): Envelope {
  const common = { v: PROTOCOL_VERSION, connectionId: entry.connectionId, messageId, pairId: entry.pairId, seq: entry.seq, sentAt } as const;
  return entry.kind === 'replica'
    ? { ...common, kind: 'replica', body: body ?? (entry.body as ReplicaBody) }
    : { ...common, kind: 'unlink', body: entry.body as { reason: UnlinkReason } };
}

/**
 * `entry`: its id (the queue consumer's case: read it), or the entry itself when the caller has
 * just written it (the trigger's fast path), with `known`, the pair as that caller wrote it.
 */
export async function sendOutboxEntry(deps: SyncDeps, entryOrId: string | OutboxEntry, known?: PairRecord): Promise<SendOutcome> {
  const entry = typeof entryOrId === 'string' ? await deps.outbox.get(entryOrId) : entryOrId;
  if (!entry) return 'missing';
  const attempt = await prepareAttempt(deps, entry);
  if ('outcome' in attempt) return attempt.outcome;
  return settleAttempt(deps, entry, attempt, await deps.transport.send(attempt.endpoint, attempt.raw), known);
}

/**
 * Sends the entry a queue wake-up names, unless the wake-up is stale: the entry was rescheduled
 * after this wake-up was pushed (a failed attempt re-arms it with a wake-up of its own), which is
 * what a second delivery of one wake-up looks like (Forge delivers async events at least once).
 * Sending it anyway would count an extra attempt, stretch that entry's back-off and let a pair's
 * later messages overtake it. `wokenFor`: the nextTryAt the wake-up carried.
 */
export async function sendWokenEntry(deps: SyncDeps, entryId: string, wokenFor: number): Promise<SendOutcome | 'stale'> {
  const entry = await deps.outbox.get(entryId);
  if (!entry) return 'missing';
  // A second of slack, as the wake-up's own due check allows. (The batch wake-up has none:
  // sendWokenEntries.)
  if (entry.nextTryAt > wokenFor + 1000) return 'stale';
  return sendOutboxEntry(deps, entry);
}

/** One signed attempt of an entry, ready to go (alone, or as an item of a batch). */
export type Attempt = { endpoint: string; raw: string; messageId: string; secret: string };

/** Signs the entry's next attempt, or settles it at once when it cannot go (paused, connection gone). */
export async function prepareAttempt(deps: SyncDeps, entry: OutboxEntry): Promise<Attempt | { outcome: SendOutcome }> {
  const connection = await deps.config.getConnection(entry.connectionId);
  const secret = await deps.secrets.getConnectionSecret(entry.connectionId);
  const now = deps.clock.now();
  if (connection?.state === 'paused') {
    await deps.outbox.update({ ...entry, nextTryAt: now + PAUSED_HOLD_MS }, { wake: false });
    return { outcome: 'paused' };
  }
  if (!connection || !secret || !connection.partnerEndpoint) return { outcome: await fail(deps, entry, { kind: 'http', status: 403, body: 'connection or its secret is missing on this side' }) };
  // Nobody receives any more: archived at once, visible in the queue until the connection is deleted.
  if (connection.state === 'ended') return { outcome: await fail(deps, entry, { kind: 'http', status: 410, body: 'the partner ended this connection' }) };
  // A first sync of an issue with many worklogs goes in pieces from the start (split-entry.ts): each
  // is a write to one issue on the partner, and a partner refusal would only cost a round trip more.
  const worklogs = entry.kind === 'replica' ? ((entry.body as ReplicaBody).replica.worklogs?.length ?? 0) : 0;
  if (worklogs > DEFAULT_LIMITS.worklogsPerMessage && (await splitEntry(deps, entry, 'worklogsPerMessage', DEFAULT_LIMITS.worklogsPerMessage))) return { outcome: 'retry-scheduled' };
  const messageId = attemptMessageId(entry);
  const withRefs = await withAttachmentRefs(deps, entry, secret, now);
  const body = entry.kind === 'replica' ? bodyForPartner(withRefs ?? (entry.body as ReplicaBody), connection) : null;
  const raw = signEnvelope(envelopeFor(entry, messageId, now, body), secret);
  return { endpoint: connection.partnerEndpoint, raw, messageId, secret };
}

/** What the partner answered to one attempt: its ack settles the entry, anything else is a failed attempt. */
export async function settleAttempt(deps: SyncDeps, entry: OutboxEntry, attempt: Attempt, result: TransportResult, known?: PairRecord, rearm?: Rearm): Promise<SendOutcome> {
  if (!result.ok) return fail(deps, entry, result.error, rearm);
  const reply = verifyEnvelope(result.body, { now: deps.clock.now(), secretFor: (c) => (c === entry.connectionId ? attempt.secret : undefined), seen: () => false, skewMs: deps.skewMs });
  if (!reply.ok || reply.value.kind !== 'ack' || reply.value.body.ackOf !== attempt.messageId) {
    return fail(deps, entry, { kind: 'network', message: `unusable reply: ${reply.ok ? `kind ${reply.value.kind}` : reply.message}` }, rearm);
  }
  await handleAck(deps, toConnectionId(entry.connectionId), toPairId(entry.pairId), reply.value.body, entry, known);
  return 'sent';
}

/**
 * Attachment refs are signed per attempt, not when queued: the expiry runs from the send, so a
 * message that waited out a partner outage still carries a live link.
 */
async function withAttachmentRefs(deps: SyncDeps, entry: OutboxEntry, secret: string, now: number): Promise<ReplicaBody | null> {
  const body = entry.kind === 'replica' ? (entry.body as ReplicaBody) : null;
  const build = deps.attachmentRef;
  if (!body || !build || body.replica.attachments.length === 0) return body;
  const exp = now + ATTACHMENT_REF_TTL_MS;
  const attachments = await Promise.all(
    body.replica.attachments.map(async (a) => ({ ...a, ref: await build({ connectionId: entry.connectionId, pairId: entry.pairId, attachmentId: a.id, exp }, secret) })),
  );
  return { ...body, replica: { ...body.replica, attachments } };
}

/** One id per (entry, attempt): concurrent sends of one attempt are one message to the partner. */
export function attemptMessageId(entry: Pick<OutboxEntry, 'id' | 'attempts'>): string {
  return `${entry.id}.${entry.attempts}`;
}

async function fail(deps: SyncDeps, entry: OutboxEntry, error: TransportError, rearm?: Rearm): Promise<SendOutcome> {
  // Over one of the partner's limits: wait or split (limit-backoff.ts), never give up for it.
  const limited = await backOffForLimit(deps, entry, error, rearm);
  if (limited) return limited;
  const now = deps.clock.now();
  const attempts = entry.attempts + 1;
  const decision = decideRetry(error, attempts, now, deps.retry);
  if (decision.retry) {
    await reschedule(deps, { ...entry, attempts, nextTryAt: decision.at, lastError: describeTransportError(error) }, rearm);
    return 'retry-scheduled';
  }
  await deps.store.addError({
    id: deps.ids.newId(), at: now, connectionId: entry.connectionId, pairId: entry.pairId, field: 'message', value: `${entry.kind} #${entry.seq}`,
    reason: decision.reason, entry: { ...entry, attempts, lastError: describeTransportError(error) },
  });
  await deps.outbox.remove(entry.id);
  // Settled for good: later messages of the pair need not queue behind it any more.
  await updatePair(deps.store, toConnectionId(entry.connectionId), toPairId(entry.pairId), (p) => ((p.settledSeq ?? 0) < entry.seq ? { ...p, settledSeq: entry.seq } : null));
  return 'archived';
}

/** The admin's retry button: put an archived entry back at the front of the queue. */
export async function retryArchived(deps: SyncDeps, errorId: string, connectionId: string): Promise<boolean> {
  const record = (await deps.store.listErrors(connectionId)).find((e) => e.id === errorId);
  if (!record?.entry) return false;
  // A new entry id too: the archived attempts' message ids may still be in the partner's replay memory.
  await deps.outbox.enqueue({ ...record.entry, id: deps.ids.newId(), attempts: 0, nextTryAt: deps.clock.now(), lastError: null });
  await deps.store.removeError(errorId, { connectionId });
  return true;
}
