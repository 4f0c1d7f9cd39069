// Calling a web trigger function the way Forge does: the HTTP request serialised to Forge's JSON
// request shape, the function's `{ statusCode, headers, body }` checked, anything else a 500.
import type { HostRequest, HostResponse } from './types';

export interface WebTriggerRequest {
  method: string;
  headers: Record<string, string[]>;
  body: string;
  path: string;
  userPath: string;
  queryParameters: Record<string, string[]>;
}

export function toWebTriggerRequest(req: HostRequest, basePath: string): WebTriggerRequest {
  const url = new URL(req.path, 'https://webtrigger.invalid');
  const queryParameters: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (queryParameters[k] ??= []).push(v);
  // Forge passes each header under the name the caller sent ("Content-Type": [...] in its own
  // example), so the app must read names case-insensitively; the sandbox does not lower-case them.
  const headers: Record<string, string[]> = {};
  for (const [k, v] of req.rawHeaders ?? Object.entries(req.headers)) (headers[k] ??= []).push(v);
  return { method: req.method.toUpperCase(), headers, body: req.body ?? '', path: url.pathname, userPath: url.pathname.slice(basePath.length), queryParameters };
}

/**
 * Forge's invocation payload limit, which binds web-trigger requests and responses "including body,
 * headers, query parameters, and all other metadata" (events-reference/web-trigger; limits-invocation:
 * "Payload size 5MB"). The docs do not say whether MB is 10^6 or 2^20 bytes: the stricter reading.
 */
export const WEBTRIGGER_PAYLOAD_LIMIT_BYTES = 5_000_000;

/** The size of a web-trigger request or response as Forge carries it: its JSON serialisation. */
export const payloadBytes = (payload: unknown): number => Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');

/** Forge's documents do not say how an oversized request is answered; 413 without invoking the function. */
export const REQUEST_TOO_LARGE: HostResponse = {
  status: 413,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: `The web trigger request exceeds the ${WEBTRIGGER_PAYLOAD_LIMIT_BYTES}-byte invocation payload limit.` }),
};

/** Nor how an oversized answer fails: the caller gets a 500 and never the body. */
export const RESPONSE_TOO_LARGE: HostResponse = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: `The web trigger response exceeds the ${WEBTRIGGER_PAYLOAD_LIMIT_BYTES}-byte invocation payload limit.` }),
};

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The HTTP response for a function result, or null when the result is not Forge's response shape. */
export function fromWebTriggerResult(result: unknown): HostResponse | null {
  if (typeof result !== 'object' || result === null) return null;
  const r = result as { statusCode?: unknown; headers?: unknown; body?: unknown; statusText?: unknown };
  if (typeof r.statusCode !== 'number' || !Number.isInteger(r.statusCode) || r.statusCode < 100 || r.statusCode > 599) return null;
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return null;
  if (r.statusText !== undefined && typeof r.statusText !== 'string') return null;
  const headers: Record<string, string> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object' || Array.isArray(r.headers)) return null;
    for (const [k, v] of Object.entries(r.headers)) {
      if (!isStringArray(v)) return null;
      headers[k.toLowerCase()] = v.join(', ');
    }
  }
  return { status: r.statusCode, headers, body: typeof r.body === 'string' ? r.body : '' };
}

export const WEBTRIGGER_ERROR: HostResponse = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'The web trigger function failed or did not answer with { statusCode, headers, body }.' }),
};
