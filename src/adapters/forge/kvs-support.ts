// Small helpers every KVS adapter shares: recognising the service's conflict answers, and reading an
// index to the end one page (one KVS operation) at a time.
import { ForgeKvsAPIError, type ListResult } from '@forge/kvs';

/** Errors raised by the Forge adapters themselves (bad input, inconsistent stored data). */
export class ForgeAdapterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ForgeAdapterError';
  }
}

// Forge answers a FAIL_IF_EXISTS collision and a failed transaction condition with 409; the code
// is not documented (the sandbox says KEY_ALREADY_EXISTS / CONDITIONAL_CHECK_FAILED, production
// has been seen to say KEY_CONFLICT), so the status decides.
const CONFLICT_CODES = new Set(['KEY_ALREADY_EXISTS', 'KEY_CONFLICT', 'CONDITIONAL_CHECK_FAILED', 'TRANSACTION_CANCELLED']);

export function isConflict(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && (e.responseDetails?.status === 409 || CONFLICT_CODES.has(e.code));
}

/**
 * Forge's per-installation storage limits (1000 requests a second, 4000 read and 4000 write units
 * of 10 KB a minute) answer 429 `RATE_LIMIT_EXCEEDED` (a transaction: `TOO_MANY_REQUESTS`). Nothing
 * was stored by the refused call: the work is repeated later, not failed.
 */
export function isStorageRateLimited(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && (e.responseDetails?.status === 429 || e.code === 'RATE_LIMIT_EXCEEDED' || e.code === 'TOO_MANY_REQUESTS');
}

/** How long to wait after a storage rate-limit refusal: the volume limits count per minute. */
export const STORAGE_RETRY_MS = 60_000;

export const PAGE_MAX = 100;

export type Page<T> = { items: T[]; cursor?: string };

/** Reads pages of `pageSize` until the index is exhausted or `max` items are in hand. */
export async function readAll<T>(page: (cursor: string | undefined, limit: number) => Promise<ListResult<T>>, max = Number.POSITIVE_INFINITY, pageSize = PAGE_MAX): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const res = await page(cursor, Math.min(pageSize, Math.max(1, max - out.length)));
    for (const r of res.results) out.push(r.value);
    cursor = res.nextCursor;
  } while (cursor && out.length < max);
  return out.length > max ? out.slice(0, max) : out;
}

export function checkPageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) throw new ForgeAdapterError(`page limit must be an integer from 1 to ${PAGE_MAX}, got ${limit}`);
  return limit;
}

export function requireId(kind: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new ForgeAdapterError(`${kind} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

export function requireTime(kind: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ForgeAdapterError(`${kind} must be a finite number of milliseconds, got ${JSON.stringify(value)}`);
  return value;
}
