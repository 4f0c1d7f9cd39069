// How Forge spaces the retries of an async event or a product event (sources in README.md).

/** What `new InvocationError(options)` carries (`@forge/events` RetryOptions). */
export interface RetryOptions { retryAfter?: number; retryReason?: string; retryData?: unknown }

/** "The maximum `retryAfter` value is 900 seconds ... values exceeding this limit are lowered to 900." */
export const MAX_RETRY_AFTER_SECONDS = 900;

/**
 * "Retries use exponential backoff, with intervals reaching up to approximately 15 minutes between
 * attempts." The first interval and the factor are not documented: 30 s, doubling, at most 15 min.
 */
export const BACKOFF = { firstMs: 30_000, factor: 2, maxMs: 15 * 60_000 } as const;

/** The wait before retry number `retryCount + 1` after an error the app did not ask to retry. */
export function backoffMs(retryCount: number): number {
  return Math.min(BACKOFF.maxMs, BACKOFF.firstMs * BACKOFF.factor ** retryCount);
}

/** The wait an InvocationError asked for: at least 1 s (the SDK's minimum), at most 900 s. */
export function retryAfterMs(retryAfter: unknown): number {
  const seconds = typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : 1;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds)) * 1000;
}

/** The `retryContext` a retried async event carries (`@forge/events` RetryContext with its RetentionWindow). */
export function retryContext(retryCount: number, retryReason: string | undefined, retryData: unknown, window: { pushedAt: number; retentionMs: number; now: number }) {
  return {
    retryCount,
    retryReason,
    retryData,
    retentionWindow: { startTime: new Date(window.pushedAt).toISOString(), remainingTimeMs: Math.max(0, window.pushedAt + window.retentionMs - window.now) },
  };
}
