// Storage keys built from arbitrary ids: always a valid Forge key, and never the same key for
// different ids (a collision would merge two pairs or refuse a fresh message as a replay).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyOf, parseRetryAfter } from '../../../src/adapters/forge';

// Forge's documented key rule, read as the sandbox reads it (see sandbox/platform/kvs/kvs-limits.ts).
const FORGE_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const parts = fc.array(fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }), { minLength: 1, maxLength: 3 });

describe('keyOf', () => {
  test('every key is a valid Forge key of at most 500 characters', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const key = keyOf(...p);
        return FORGE_KEY.test(key) && key.length <= 500;
      }),
    );
  });

  test('different ids give different keys', () => {
    fc.assert(fc.property(parts, parts, (a, b) => JSON.stringify(a) === JSON.stringify(b) || keyOf(...a) !== keyOf(...b)));
    assert.notEqual(keyOf('a_2f'), keyOf('a/'));
    assert.notEqual(keyOf('a:b'), keyOf('a', 'b'));
  });

  test('an empty part is refused', () => {
    assert.throws(() => keyOf('conn-1', ''), /storage key part 1 must be a non-empty string/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 5, 2, 9, 0, 0);
  test('reads delay-seconds and HTTP dates, and ignores anything else', () => {
    assert.equal(parseRetryAfter(' 7 ', now), 7000);
    assert.equal(parseRetryAfter('Mon, 02 Jun 2025 09:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Mon, 02 Jun 2025 08:00:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('-5', now), undefined);
    assert.equal(parseRetryAfter('1.5', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
