// How adapters tell the engine whether a tracker call may succeed later (rate limit, outage) or
// never will (the tracker rejected the value). Transient failures abort the apply so the partner
// retries the whole message; permanent ones become error records and the rest still applies.
export class TrackerError extends Error {
  override readonly name = 'TrackerError';
  constructor(
    message: string,
    readonly transient: boolean,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isTransientTrackerError = (e: unknown): boolean => !(e instanceof TrackerError) || e.transient;

/** When the tracker said to come back (an adapter's `retryAfterMs`, e.g. from Jira's Retry-After). */
export function trackerRetryAfterMs(e: unknown): number | undefined {
  const v = (e as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * The tracker refused for its rate limits (an adapter's `rateLimited`, e.g. Jira's 429): the work
 * waits and is never counted as failing. Looks through a wrapper's `cause` (ApplyAborted).
 */
export function trackerRateLimited(e: unknown): boolean {
  const own = (e as { rateLimited?: unknown } | null)?.rateLimited;
  if (own === true) return true;
  const cause = (e as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== e && (cause as { rateLimited?: unknown } | null)?.rateLimited === true;
}

/** How long a partner should wait before re-sending after a transient tracker failure here. */
export const TRACKER_RETRY_MS = 30_000;
