// The shape of an unverified body, checked on its raw text before anything parses or walks it:
// nesting depth and the items of any one array or object. Canonical JSON (which the signature check
// needs) recurses, so a deeply nested body would otherwise overflow the stack before the signature
// is even looked at. One pass, no recursion, no allocation beyond a counter per open container.

/** Deeper than any real message: an envelope with rich text nested a dozen levels stays under 40. */
export const MAX_JSON_DEPTH = 64;
/** Items in one array or object; the real caps (comments per message, batch items) are far lower. */
export const MAX_JSON_ITEMS = 10_000;

export type ShapeProblem = { reason: string };

export function checkJsonShape(raw: string, limits: { maxDepth?: number; maxItems?: number } = {}): ShapeProblem | null {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxItems = limits.maxItems ?? MAX_JSON_ITEMS;
  const items: number[] = [];
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (items.length >= maxDepth) return { reason: `nested deeper than ${maxDepth} levels` };
      items.push(1);
    } else if (c === 0x5d || c === 0x7d) items.pop();
    else if (c === 0x2c && items.length > 0) {
      const n = ++items[items.length - 1]!;
      if (n > maxItems) return { reason: `an array or object holds more than ${maxItems} items` };
    }
  }
  return null;
}
