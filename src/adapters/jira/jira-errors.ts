// Jira's failures in the core's terms (see core/sync/tracker-error.ts), following jira.js's
// taxonomy: no answer, 429 and 5xx may succeed later (transient); 4xx never will (permanent).
// A 400's ErrorCollection becomes a message that names the field, so the error record an admin
// sees says what Jira refused and why.
import { TrackerError } from '../../core/sync/tracker-error';
import { parseRetryAfter } from '../http/retry-after';
import { fieldKeyOf } from './field-ids';
import type { JiraHttpResponse } from './jira-http';

export class JiraApiError extends TrackerError {
  constructor(
    message: string,
    transient: boolean,
    readonly status: number | null,
    field?: string,
    /** From Retry-After on 429/503: when Jira says to come back. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, transient, field, options);
  }

  /** Jira refused for its rate limits (quota, endpoint or issue): the work waits, it does not fail. */
  get rateLimited(): boolean {
    return this.status === 429;
  }
}

const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);

/** `Retry-After` in ms (delay-seconds or HTTP-date). */
export const retryAfterMs = parseRetryAfter;

type ErrorCollection = { errorMessages?: unknown; errors?: unknown; message?: unknown };

function parseCollection(text: string): { messages: string[]; fields: [string, string][] } {
  try {
    const body = JSON.parse(text) as ErrorCollection;
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.filter((m): m is string => typeof m === 'string') : [];
    if (typeof body.message === 'string') messages.push(body.message);
    const fields = body.errors && typeof body.errors === 'object'
      ? Object.entries(body.errors as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string')
      : [];
    return { messages, fields };
  } catch {
    return { messages: text.trim() ? [text.trim().slice(0, 300)] : [], fields: [] };
  }
}

/** `what` says which call failed, e.g. "edit ACME-1" — it starts the message. */
export function errorFromResponse(what: string, res: JiraHttpResponse): JiraApiError {
  const { messages, fields } = parseCollection(res.text);
  const parts = [...fields.map(([f, m]) => `${fieldKeyOf(f) ?? f}: ${m}`), ...messages];
  const detail = parts.length > 0 ? parts.join('; ') : `HTTP ${res.status}`;
  const field = fields[0] ? (fieldKeyOf(fields[0][0]) ?? fields[0][0]) : undefined;
  const transient = TRANSIENT_STATUS.has(res.status);
  const retry = transient ? retryAfterMs(res.headers['retry-after']) : undefined;
  const reason = res.headers['ratelimit-reason'];
  const prefix = res.status === 429 ? `rate limited by Jira${reason ? ` (${reason})` : ''}` : transient ? `Jira unavailable (${res.status})` : `Jira refused (${res.status})`;
  return new JiraApiError(`${what}: ${prefix}: ${detail}`, transient, res.status, field, retry);
}

export function errorFromFailure(what: string, cause: unknown): JiraApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new JiraApiError(`${what}: no answer from Jira (${reason})`, true, null, undefined, undefined, { cause });
}
