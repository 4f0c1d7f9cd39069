// The sender's side of the partner's abuse limits. A 429 that names a limit is not a failure to
// count towards giving up: creates over the partner's per-minute limit wait until the time it
// names (however many windows that takes; nothing is archived for it), and a message over a
// per-message limit is split and sent again at once.
import { z } from 'zod';
import { LIMIT_NAMES } from '../limits/limits';
import type { OutboxEntry } from '../ports/outbox';
import type { TransportError } from '../ports/transport';
import type { SyncDeps } from './deps';
import { describeTransportError } from './retry-policy';
import type { Rearm, SendOutcome } from './send-outbox-entry';
import { splitEntry } from './split-entry';

const refusalSchema = z.object({ error: z.literal('limit'), limit: z.enum(LIMIT_NAMES), max: z.number().int().positive() });

/** Without a Retry-After, look again after this long. */
const DEFAULT_WAIT_MS = 60_000;
/** A partner's Retry-After is honoured up to this long. */
const MAX_WAIT_MS = 3_600_000;

export function limitRefusal(error: TransportError): z.infer<typeof refusalSchema> | null {
  if (error.kind !== 'http' || error.status !== 429 || !error.body) return null;
  try {
    const parsed = refusalSchema.safeParse(JSON.parse(error.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The partner asks for a wait that clears by itself: its own tracker is rate-limited (Jira's quota,
 * an endpoint, one issue), or the pair is held by another delivery's apply lease (a crashed apply
 * holds it until the lease runs out). It says how long.
 */
function partnerAsksToWait(error: TransportError): boolean {
  if (error.kind !== 'http' || !error.body) return false;
  try {
    const code = (JSON.parse(error.body) as { error?: unknown }).error;
    return code === 'tracker-rate-limited' || code === 'busy';
  } catch {
    return false;
  }
}

/** Handles a limit refusal; null when `error` is not one (or the message cannot be split). `rearm`: see settleAttempt. */
export async function backOffForLimit(deps: SyncDeps, entry: OutboxEntry, error: TransportError, rearm?: Rearm): Promise<SendOutcome | null> {
  if (partnerAsksToWait(error)) {
    // Waiting out the partner's tracker limits or a held pair is not a failed delivery: the attempt count stays.
    const wait = Math.min(error.kind === 'http' && error.retryAfterMs !== undefined ? error.retryAfterMs : DEFAULT_WAIT_MS, MAX_WAIT_MS);
    await reschedule(deps, { ...entry, nextTryAt: deps.clock.now() + Math.max(1, wait), lastError: describeTransportError(error) }, rearm);
    return 'retry-scheduled';
  }
  const refusal = limitRefusal(error);
  if (!refusal) return null;
  if (refusal.limit !== 'createsPerMinute') return (await splitEntry(deps, entry, refusal.limit, refusal.max)) ? 'retry-scheduled' : null;
  const wait = Math.min(error.kind === 'http' && error.retryAfterMs !== undefined ? error.retryAfterMs : DEFAULT_WAIT_MS, MAX_WAIT_MS);
  // The attempt count stays: waiting on a limit is not a failed delivery.
  await reschedule(deps, { ...entry, nextTryAt: deps.clock.now() + Math.max(1, wait), lastError: describeTransportError(error) }, rearm);
  return 'retry-scheduled';
}

/** Writes the rescheduled entry: with its own queue wake-up, or held for the caller to wake with others. */
export async function reschedule(deps: SyncDeps, next: OutboxEntry, rearm?: Rearm): Promise<void> {
  if (!rearm) return deps.outbox.update(next);
  await deps.outbox.update(next, { wake: false });
  rearm.held.push(next);
}
