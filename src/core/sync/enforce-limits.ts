// The receiver's abuse limits, checked on a verified replica before anything is read or applied.
// Over a limit the answer is 429 with Retry-After and names the limit, so the partner's sender
// waits (creates per minute) or splits the message (comments, attachments, bytes per message) and
// delivers everything later within the limits. Refusals reach this side's audit log: every
// per-message refusal, and the first create refused in each one-minute window.
import type { Connection } from '../connection';
import type { ConnectionId } from '../ids';
import type { CreateAdmission, CreateHold, CreateReservation, WindowStamp } from '../ports/limit-counters';
import { checkMessage } from '../limits/message-limits';
import { describeBreach, effectiveLimits, type LimitBreach } from '../limits/limits';
import type { EnvelopeOf } from '../protocol/envelope';
import type { SyncDeps } from './deps';
import type { ReceiveResult } from './responses';

/** A per-message refusal is answered by splitting, which the sender does at once. */
export const SPLIT_RETRY_MS = 1_000;

/** The answer to a message over a limit: retryable, naming the limit and its value. */
export function limited(breach: LimitBreach, retryAfterMs: number, message = describeBreach(breach)): ReceiveResult {
  return { status: 429, body: JSON.stringify({ error: 'limit', limit: breach.limit, max: breach.max, actual: breach.actual, message }), retryAfterMs };
}

async function audit(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, detail: string): Promise<void> {
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId: connId, actor: 'partner', action: 'limit-refused', subject: env.body.origin.issueKey, detail });
}

/** Per-message limits (comments, attachments, bytes): checked before anything is read. */
export async function refuseOverLimit(deps: SyncDeps, connection: Connection, env: EnvelopeOf<'replica'>, raw: string): Promise<ReceiveResult | null> {
  const connId = connection.id as ConnectionId;
  const breach = checkMessage(env.body.replica, new TextEncoder().encode(raw).length, effectiveLimits(connection.limits));
  if (!breach) return null;
  await audit(deps, connId, env, `message #${env.seq} refused: ${describeBreach(breach)} (the partner splits it and sends again)`);
  return limited(breach, SPLIT_RETRY_MS);
}

/** An admitted create: `hold` is its place in the window still to be written with the pair (null: counted already, or not counted). */
export type CreateTicket = { hold: CreateHold | null };

/**
 * Creates per minute, for a message that would make a new pair: the apply calls it once its pair
 * read (served by the inbox's read-ahead) found none. Only such a create counts: a re-send of one
 * this side already holds (retried after busy, a lost ack, a batch item deferred) creates nothing.
 * Counters that can (LimitCounters.reserveCreate) leave the count to the pair's intent write.
 */
export async function admitPartnerCreate(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, attempt = 0): Promise<ReceiveResult | CreateTicket> {
  if (!env.body.create || !deps.limits) return { hold: null };
  // The connection comes from this invocation's route (no storage read).
  const limits = effectiveLimits((await deps.config.getConnection(connId))?.limits);
  const now = deps.clock.now();
  const holds = Boolean(deps.limits.reserveCreate && deps.limits.commitHold);
  const admission: CreateReservation | CreateAdmission = holds ? await deps.limits.reserveCreate!(connId, now, limits.createsPerMinute, attempt) : await deps.limits.admitCreate(connId, now, limits.createsPerMinute);
  if (admission.admitted) return { hold: holds ? (admission as Extract<CreateReservation, { admitted: true }>).hold : null };
  const over: LimitBreach = { limit: 'createsPerMinute', max: limits.createsPerMinute, actual: admission.count + 1 };
  if (admission.firstRefusal) await audit(deps, connId, env, `creates refused until ${new Date(now + admission.retryAfterMs).toISOString()}: ${describeBreach(over)} (the partner sends them again then)`);
  return limited(over, admission.retryAfterMs);
}

/**
 * Every round of a hold's write admits at least one contender, and one inbox applies at most a few
 * items of each of two batches at once: 16 rounds cover that, so a bulk sync's creates are not
 * sent back for contention (as KvsLimitCounters.admitCreate did on its own).
 */
const HOLD_TRIES = 16;

const sameWindow = (a: WindowStamp, b: WindowStamp) => (a === null ? b === null : b !== null && a.start === b.start && a.count === b.count);

/**
 * Writes a create's intent together with its place in the window (`write` gets the hold to put in
 * its transaction). A failed write lost to another writer: when the window is still as read, that
 * was the pair (another delivery of this create holds it: 'busy'); otherwise another create took
 * the place, and the write is tried again with a place in the window as it is now, or refused (429)
 * if none is left. Still contended after HOLD_TRIES rounds: 'busy' too (the partner re-sends soon).
 */
export async function writeWithCreate(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>, first: CreateHold, write: (hold: CreateHold) => Promise<boolean>): Promise<'written' | 'busy' | ReceiveResult> {
  let hold = first;
  for (let attempt = 1; attempt <= HOLD_TRIES; attempt++) {
    if (await write(hold)) return 'written';
    const again = await admitPartnerCreate(deps, connId, env, attempt);
    if ('status' in again) return again;
    if (!again.hold || sameWindow(again.hold.expect, hold.expect)) return 'busy';
    hold = again.hold;
  }
  return 'busy';
}
