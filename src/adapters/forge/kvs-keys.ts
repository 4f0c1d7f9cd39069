// Forge KVS keys must match /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/ and stay within 500 characters, while our
// ids come from partners, Jira and UUIDs. Each part is escaped injectively (a byte outside the safe
// set becomes `_` + two hex digits, and `_` itself is escaped), parts are joined with `:`, and a part
// too long for the key budget is replaced by `_h` + its SHA-256, which no escape can produce.
import { createHash } from 'node:crypto';
import { ForgeAdapterError } from './kvs-support';

const SAFE = /^[A-Za-z0-9.-]$/;
const MAX_PART = 160;

function escapePart(part: string): string {
  let out = '';
  for (const byte of Buffer.from(part, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && SAFE.test(ch) ? ch : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** One storage key from its parts; every part must be a non-empty string. */
export function keyOf(...parts: string[]): string {
  if (parts.length === 0) throw new ForgeAdapterError('a storage key needs at least one part');
  return parts
    .map((part, i) => {
      if (typeof part !== 'string' || part.length === 0) throw new ForgeAdapterError(`storage key part ${i} must be a non-empty string, got ${JSON.stringify(part)}`);
      const escaped = escapePart(part);
      return escaped.length <= MAX_PART ? escaped : `_h${createHash('sha256').update(part).digest('hex')}`;
    })
    .join(':');
}

/** Zero-padded so that key order is numeric order (rule versions listed by key prefix). */
export const padNumber = (n: number, width = 10): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new ForgeAdapterError(`expected a non-negative integer, got ${n}`);
  return String(n).padStart(width, '0');
};
