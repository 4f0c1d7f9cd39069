// ServiceNow's failures in the core's terms (core/sync/tracker-error.ts), on the same taxonomy as the
// Jira adapter: no answer, 408, 429 and 5xx may succeed later (transient); other 4xx never will.
// ServiceNow reports errors as `{"error": {"message", "detail"}, "status": "failure"}`; the message
// an admin sees joins both and names the field when the text mentions one of the request's columns.
import { TrackerError } from '../../core/sync/tracker-error';
import { parseRetryAfter } from '../http/retry-after';
import type { ServiceNowHttpResponse } from './servicenow-http';

export class ServiceNowApiError extends TrackerError {
  constructor(
    message: string,
    transient: boolean,
    readonly status: number | null,
    field?: string,
    /** From Retry-After on 429/503: when ServiceNow says to come back. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, transient, field, options);
  }
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** `Retry-After` in ms (delay-seconds or HTTP-date). */
export const retryAfterMs = parseRetryAfter;

/** `{error: {message, detail}}` → its two strings; any other body → its first 300 characters. */
export function serviceNowFailure(text: string): { message: string; detail: string } {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; detail?: unknown } };
    const message = typeof body?.error?.message === 'string' ? body.error.message.trim() : '';
    const detail = typeof body?.error?.detail === 'string' ? body.error.detail.trim() : '';
    if (message || detail) return { message, detail };
  } catch {
    // not JSON: an HTML error page from a proxy or a hibernating instance
  }
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return { message: plain.slice(0, 300), detail: '' };
}

/** Request columns → the core field each one carries (`short_description` → `summary`). */
export type ColumnFields = Record<string, string>;

function fieldNamed(text: string, columns: ColumnFields | undefined): string | undefined {
  if (!columns) return undefined;
  const lower = text.toLowerCase();
  // Longest first, so `assigned_to` wins over a shorter column whose name it contains.
  for (const column of Object.keys(columns).sort((a, b) => b.length - a.length)) {
    const label = column.replace(/^u_/, '').replace(/_/g, ' ').toLowerCase();
    if (lower.includes(column.toLowerCase()) || lower.includes(label)) return columns[column];
  }
  return undefined;
}

/** `what` says which call failed ("update incident INC0010001") — it starts the message. */
export function errorFromResponse(what: string, res: ServiceNowHttpResponse, columns?: ColumnFields): ServiceNowApiError {
  const proxy = res.headers['forge-proxy-error'];
  if (proxy) {
    return new ServiceNowApiError(`${what}: Forge refused the outbound call (${proxy}); the instance's host must be listed in the manifest's egress permissions`, false, res.status);
  }
  const { message, detail } = serviceNowFailure(res.text);
  const unique = [...new Set([message, detail].filter((s) => s.length > 0))].join(': ') || `HTTP ${res.status}`;
  const policy = dataPolicyRefusal(`${message} ${detail}`);
  // A data policy names fields by label; when none is a column of the write, the write's own field is refused.
  const named = res.status === 400 || res.status === 403 ? fieldNamed(`${message} ${detail}`, columns) : undefined;
  const field = named ?? (policy && columns ? Object.values(columns)[0] : undefined);
  const hint = policy ? `. The instance's data policy makes ${policy.join(', ')} mandatory for this change${policy.some((p) => /^(resolution|close|cause|fix) /i.test(p)) ? ': pick the code and notes for this state in the ServiceNow settings of the connection (Liaison admin page), after "Refresh instance settings" if the instance\'s codes changed' : ''}` : '';
  const transient = TRANSIENT_STATUS.has(res.status);
  const retry = transient ? retryAfterMs(res.headers['retry-after']) : undefined;
  const prefix = res.status === 429 ? 'rate limited by ServiceNow' : transient ? `ServiceNow unavailable (${res.status})` : `ServiceNow refused (${res.status})`;
  return new ServiceNowApiError(`${what}: ${prefix}: ${unique}${field ? ` (field ${field})` : ''}${hint}`, transient, res.status, field, retry);
}

/** The mandatory fields a "Data Policy Exception" names, or null for any other refusal. */
export function dataPolicyRefusal(text: string): string[] | null {
  const m = /Data Policy Exception:?\s*(?:The following fields are mandatory:)?\s*([^\n]*)/i.exec(text);
  if (!m) return null;
  const fields = (m[1] ?? '').split(',').map((f) => f.trim()).filter((f) => f.length > 0);
  return fields.length > 0 ? fields : ['a field the instance marks mandatory'];
}

export function errorFromFailure(what: string, cause: unknown): ServiceNowApiError {
  const err = cause as Error & { cause?: { code?: string; message?: string } };
  const reason = err?.cause?.code ? `${err.cause.code}: ${err.cause.message ?? err.message}` : (err?.message ?? String(cause));
  return new ServiceNowApiError(`${what}: no answer from ServiceNow (${reason})`, true, null, undefined, undefined, { cause });
}
