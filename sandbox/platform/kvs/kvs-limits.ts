// Forge's documented storage limits, answered with the service's own error shape `{ code, message }`
// so @forge/kvs raises its real ForgeKvsAPIError. Codes marked "sandbox" are not documented by
// Atlassian; they are named plainly so an app can still tell them apart.

export class KvsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const LIMITS = {
  keyMaxLength: 500,
  valueMaxBytes: 240 * 1024,
  /** kvs.setSecret: "persisted JSON values may be up to 128 KiB" (Key-Value Store, kvs.setSecret). */
  secretMaxBytes: 128 * 1024,
  /**
   * "Object depth 31" (KVS and Custom Entity Store limits); the error page's MAX_DEPTH message says
   * 32. The stricter 31 is used (depth of `{ a: 1 }` is 1).
   */
  valueMaxDepth: 31,
  pageMin: 1,
  pageMax: 100,
  pageDefault: 10,
  transactionMaxOps: 25,
  requestMaxBytes: 4 * 1024 * 1024,
} as const;

// Forge documents /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/. Read literally, `\s-#` is a range from `\s`, which
// JavaScript rejects under the `u` flag and treats as the three characters whitespace, '-' and '#'
// without it; this sandbox uses that reading.
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export function checkKey(key: unknown, entity: boolean): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw entity
      ? new KvsHttpError(400, 'EMPTY_KEY', 'Key cannot be empty.')
      : new KvsHttpError(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
  }
  if (key.length > LIMITS.keyMaxLength) {
    throw new KvsHttpError(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${LIMITS.keyMaxLength} characters.`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsHttpError(400, 'INVALID_KEY', 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  }
  return key;
}

function depth(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let max = 0;
  for (const child of Object.values(v)) max = Math.max(max, depth(child));
  return max + 1;
}

/** Serialises a value after checking Forge's size and depth limits. */
export function checkValue(value: unknown, maxBytes: number = LIMITS.valueMaxBytes): string {
  if (value === undefined) throw new KvsHttpError(400, 'INVALID_VALUE', 'A value is required.'); // sandbox
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) > maxBytes) {
    throw new KvsHttpError(400, 'MAX_SIZE', `The provided value has exceeded the maximum size limit (${maxBytes} bytes).`);
  }
  if (depth(value) > LIMITS.valueMaxDepth) {
    throw new KvsHttpError(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${LIMITS.valueMaxDepth}) limit.`);
  }
  return json;
}

export function checkPageLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return LIMITS.pageDefault;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < LIMITS.pageMin || limit > LIMITS.pageMax) {
    throw new KvsHttpError(400, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between ${LIMITS.pageMin} and ${LIMITS.pageMax}.`);
  }
  return limit;
}

export function checkRequestSize(body: string): void {
  if (Buffer.byteLength(body) > LIMITS.requestMaxBytes) {
    throw new KvsHttpError(413, 'PAYLOAD_TOO_LARGE', `The request payload exceeds ${LIMITS.requestMaxBytes} bytes.`); // sandbox
  }
}

const TTL_UNIT_MS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

/** Milliseconds a `ttl` option keeps a key, or undefined when there is none. */
export function ttlMs(ttl: unknown): number | undefined {
  if (ttl === undefined || ttl === null) return undefined;
  const t = ttl as { value?: unknown; unit?: unknown };
  const unit = typeof t.unit === 'string' ? TTL_UNIT_MS[t.unit] : undefined;
  if (typeof t.value !== 'number' || !(t.value > 0) || unit === undefined) {
    throw new KvsHttpError(400, 'INVALID_TTL', 'ttl must be { value: positive number, unit: SECONDS | MINUTES | HOURS | DAYS }.'); // sandbox
  }
  return t.value * unit;
}
