// One retry policy for everything the outbox sends. Transient: the network, timeouts, 408/409/425,
// 429 and 5xx. Permanent: every other 4xx (bad signature, refused create, unlinked pair). A
// partner outage should delay sync by hours, not lose it, hence a long schedule; after the last
// attempt the entry moves to the error list where an admin can retry it.
import type { TransportError } from '../ports/transport';

export type RetryPolicy = { scheduleMs: readonly number[]; maxRetryAfterMs: number };

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  scheduleMs: [10_000, 30_000, 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3600_000, 4 * 3600_000, 8 * 3600_000],
  maxRetryAfterMs: 24 * 3600_000,
};

const TRANSIENT_STATUS = new Set([408, 409, 425, 429]);

export type ErrorClass = 'transient' | 'permanent';

export function classifyTransportError(error: TransportError): ErrorClass {
  if (error.kind !== 'http') return 'transient';
  return error.status >= 500 || TRANSIENT_STATUS.has(error.status) ? 'transient' : 'permanent';
}

export function describeTransportError(error: TransportError): string {
  if (error.kind !== 'http') return `${error.kind}: ${error.message}`;
  return `HTTP ${error.status}${error.body ? `: ${error.body.slice(0, 300)}` : ''}`;
}

export type RetryDecision = { retry: true; at: number } | { retry: false; reason: string };

/** `attempts` counts the attempt that just failed (1 after the first failure). */
export function decideRetry(error: TransportError, attempts: number, now: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (classifyTransportError(error) === 'permanent') return { retry: false, reason: `permanent error: ${describeTransportError(error)}` };
  if (attempts > policy.scheduleMs.length) return { retry: false, reason: `gave up after ${attempts} attempts: ${describeTransportError(error)}` };
  const scheduled = policy.scheduleMs[attempts - 1]!;
  const retryAfter = error.kind === 'http' && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, policy.maxRetryAfterMs) : undefined;
  return { retry: true, at: now + (retryAfter ?? scheduled) };
}
