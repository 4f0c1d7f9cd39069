// Forge's per-installation storage limits counted over the sandbox clock ("KVS and Custom Entity
// Store limits": 1000 requests a second, 4000 read and 4000 write units of 10 KB a minute; the window
// shape is not documented, sandbox/platform/README.md). On a manual clock many requests share one
// virtual instant, and tests move time in big jumps: each request counts for the second and the
// minute after it, no less (a boundary does not refill the budget) and no more (a jump frees it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StorageRateLimiter } from '../../../sandbox/platform/kvs/kvs-rate-limits';
import { DOCUMENTED_RATE_LIMITS } from '../../../sandbox/platform/kvs/kvs-strictness';

function limiter(start: number) {
  let now = start;
  const l = new StorageRateLimiter(() => now, () => DOCUMENTED_RATE_LIMITS);
  const at = (t: number) => (now = t);
  const admitted = (route: string, bytes = 100): boolean => {
    try {
      l.admit(route, bytes);
      return true;
    } catch (e) {
      assert.equal((e as { status?: number }).status, 429);
      return false;
    }
  };
  return { l, at, admitted };
}

describe('storage rate limits on the sandbox clock', () => {
  test('1000 requests at one virtual instant pass and the next is refused, until a whole second has passed since them', () => {
    const { at, admitted } = limiter(10_500);
    for (let i = 0; i < 1000; i++) assert.ok(admitted('get'), `request ${i}`);
    assert.equal(admitted('get'), false, 'the 1001st at the same instant');
    at(11_000); // a new calendar second, but not a second after the burst
    assert.equal(admitted('get'), false);
    at(11_499);
    assert.equal(admitted('get'), false);
    at(11_500);
    assert.ok(admitted('get'));
  });

  test('write units straddling a minute boundary: 4000 just before it leave nothing for just after it', () => {
    const { at, admitted } = limiter(59_900);
    for (let i = 0; i < 400; i++) assert.ok(admitted('entity/set', 95_000), `write ${i}`); // 10 units each
    at(60_100);
    assert.equal(admitted('entity/set', 100), false, 'fixed minute windows would take another 4000 units here');
    at(119_899);
    assert.equal(admitted('entity/set', 100), false);
    at(119_900);
    assert.ok(admitted('entity/set', 95_000));
  });

  test('a jump of the clock frees what it passes: an hour later the whole budget is there again, reads and writes apart', () => {
    const { l, at, admitted } = limiter(0);
    for (let i = 0; i < 400; i++) admitted('entity/set', 95_000);
    for (let i = 0; i < 400; i++) {
      assert.ok(admitted('entity/query'));
      l.chargeRead('entity/query', 200, 95_000); // answers of 95 KB: 10 units each
    }
    assert.equal(admitted('entity/query'), false, 'read units spent');
    assert.equal(admitted('entity/set', 100), false, 'write units spent');
    at(3_600_000);
    assert.ok(admitted('entity/query'));
    assert.ok(admitted('entity/set', 95_000));
    assert.equal(l.stats.readUnits, 4000);
  });

  test('a transaction over the rate is refused as TOO_MANY_REQUESTS, another call as RATE_LIMIT_EXCEEDED', () => {
    const { l } = limiter(5_000);
    for (let i = 0; i < 1000; i++) l.admit('get', 10);
    assert.throws(() => l.admit('transaction', 10), (e: { code?: string }) => e.code === 'TOO_MANY_REQUESTS');
    assert.throws(() => l.admit('set', 10), (e: { code?: string }) => e.code === 'RATE_LIMIT_EXCEEDED');
    assert.equal(l.stats.refused, 2);
  });
});
