// How a trigger or a queue consumer asks Forge to deliver its event again: an InvocationError whose
// `retryAfter` stays inside Forge's bounds and whose reason tells an upstream rate limit apart.
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** "The maximum `retryAfter` value is 900 seconds … values exceeding this limit are lowered to 900." */
export const MAX_RETRY_AFTER_SECONDS = 900;

/**
 * An InvocationError asking for a retry after `seconds` (rounded up, at least 1 s, at most 900 s).
 * `rateLimited` says an upstream (Jira, storage) refused for its rate limit:
 * FUNCTION_UPSTREAM_RATE_LIMITED; anything else is FUNCTION_RETRY_REQUEST.
 */
export function retryInvocation(seconds: number, rateLimited = false): InvocationError {
  const retryAfter = Number.isFinite(seconds) ? Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds))) : MAX_RETRY_AFTER_SECONDS;
  const retryReason = rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST;
  return new InvocationError({ retryAfter, retryReason });
}
