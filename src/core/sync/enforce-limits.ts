// The receiver's abuse limits, checked on a verified replica before anything is read or applied.
// Over a limit the answer is 429 with Retry-After and names the limit, so the partner's sender
// waits (creates per minute) or splits the message (comments, attachments, bytes per message) and
// delivers everything later within the limits. Refusals reach this side's audit log: every
// per-message refusal, and the first create refused in each one-minute window.
import type { Connection } from '../connection';
import type { ConnectionId } from '../ids';
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

/**
 * Creates per minute, for a message that would make a new pair: the apply calls it once its pair
 * read (served by the inbox's read-ahead) found none. Only such a create counts: a re-send of one
 * this side already holds (retried after busy, a lost ack, a batch item deferred) creates nothing.
 */
export async function refuseCreateOverLimit(deps: SyncDeps, connId: ConnectionId, env: EnvelopeOf<'replica'>): Promise<ReceiveResult | null> {
  if (!env.body.create || !deps.limits) return null;
  // The connection comes from this invocation's route (no storage read).
  const limits = effectiveLimits((await deps.config.getConnection(connId))?.limits);
  const now = deps.clock.now();
  const admission = await deps.limits.admitCreate(connId, now, limits.createsPerMinute);
  if (admission.admitted) return null;
  const over: LimitBreach = { limit: 'createsPerMinute', max: limits.createsPerMinute, actual: admission.count + 1 };
  if (admission.firstRefusal) await audit(deps, connId, env, `creates refused until ${new Date(now + admission.retryAfterMs).toISOString()}: ${describeBreach(over)} (the partner sends them again then)`);
  return limited(over, admission.retryAfterMs);
}
