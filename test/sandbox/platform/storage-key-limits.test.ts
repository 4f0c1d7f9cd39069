// Forge's limits on single keys, values and index values, through the real @forge/kvs in the probe
// app: 25 keys per batch operation, object depth 31, an index's range values within 900 bytes and
// partition values within 1700, 100 conditions per complex query, and throughput per key (writes
// 1 MB/s, reads 12 MB/s). Sources and what the docs leave open: sandbox/platform/README.md, "Storage".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ForgeKvsAPIError } from '@forge/kvs';
import { DOCUMENTED_STRICTNESS } from '../../../sandbox/platform/kvs/kvs-strictness';
import { call, world, type World } from './harness';

const kvsError = (code: string, status: number) => (e: unknown) => e instanceof ForgeKvsAPIError && e.code === code && e.responseDetails.status === status;
const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { d: nested(depth - 1) });
const items = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ key: `${prefix}:${i}`, value: i }));

describe('storage: limits on keys, values and index values', () => {
  let w: World;
  before(async () => {
    w = await world();
    for (const inst of [w.acme, w.globex]) inst.store.strictness.configure(DOCUMENTED_STRICTNESS);
  });
  after(() => w.platform.close());

  test('a batch operation holds at most 25 keys', async () => {
    await call(w.acme, 'batch-set', { items: items(25, 'b25') });
    await assert.rejects(call(w.acme, 'batch-set', { items: items(26, 'b26') }), kvsError('TOO_MANY_KEYS', 400));
    await assert.rejects(call(w.acme, 'batch-get', { items: items(26, 'b25').map(({ key }) => ({ key })) }), kvsError('TOO_MANY_KEYS', 400));
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'b26:0' }), { value: null }, 'nothing of the refused batch was stored');
  });

  test('a value may be 31 objects deep, not 32', async () => {
    await call(w.acme, 'kvs-set', { key: 'deep-31', value: nested(31) });
    await assert.rejects(call(w.acme, 'kvs-set', { key: 'deep-32', value: nested(32) }), kvsError('MAX_DEPTH', 400));
  });

  test("an index's range values fit in 900 bytes and its partition values in 1700", async () => {
    await call(w.acme, 'entity-set', { key: 'idx-ok', value: { project: 'P'.repeat(1700), updated: 1, status: 's'.repeat(900) } });
    await assert.rejects(call(w.acme, 'entity-set', { key: 'idx-range', value: { project: 'P', updated: 1, status: 's'.repeat(901) } }), kvsError('INDEX_VALUE_TOO_LARGE', 400));
    await assert.rejects(call(w.acme, 'entity-set', { key: 'idx-part', value: { project: 'P'.repeat(1701), updated: 1, status: 'open' } }), kvsError('INDEX_VALUE_TOO_LARGE', 400));
  });

  test('a complex query has at most 100 conditions', async () => {
    const statuses = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['P'], anyStatus: statuses(100) });
    await assert.rejects(call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['P'], range: { op: 'greaterThan', args: [0] }, anyStatus: statuses(100) }), kvsError('TOO_MANY_CONDITIONS', 400));
  });

  test('one key takes at most 1 MB of writes a second; other keys and the next second are not held back', async () => {
    const big = 'x'.repeat(230_000);
    for (let i = 0; i < 4; i++) await call(w.globex, 'kvs-set', { key: 'hot', value: big });
    await assert.rejects(call(w.globex, 'kvs-set', { key: 'hot', value: big }), kvsError('RATE_LIMIT_EXCEEDED', 429));
    await call(w.globex, 'kvs-set', { key: 'cold', value: big });
    await w.clock.advance(1_000);
    await call(w.globex, 'kvs-set', { key: 'hot', value: big });
    assert.ok(w.globex.store.keyLimiter.refused >= 1);
  });

  test('the second is a trailing one: writes just before a calendar second turns still hold the key until a second after them', async () => {
    const big = 'z'.repeat(230_000);
    // 100 ms before a calendar second turns: fixed windows would have forgotten these writes 100 ms later.
    await w.clock.advance(2_000 - (w.clock.now() % 1_000) - 100);
    for (let i = 0; i < 4; i++) await call(w.globex, 'kvs-set', { key: 'edge', value: big });
    await w.clock.advance(200);
    await assert.rejects(call(w.globex, 'kvs-set', { key: 'edge', value: big }), kvsError('RATE_LIMIT_EXCEEDED', 429), 'a new calendar second does not free the key');
    await w.clock.advance(800);
    await call(w.globex, 'kvs-set', { key: 'edge', value: big });
  });

  test('one key gives at most 12 MB of reads a second', async () => {
    await w.clock.advance(1_000);
    await call(w.acme, 'kvs-set', { key: 'read-hot', value: 'y'.repeat(230_000) });
    await w.clock.advance(1_000);
    let reads = 0;
    while (reads < 100) {
      try {
        await call(w.acme, 'kvs-get', { key: 'read-hot' });
        reads++;
      } catch (e) {
        assert.ok(kvsError('RATE_LIMIT_EXCEEDED', 429)(e), String(e));
        break;
      }
    }
    assert.equal(reads, Math.ceil(12_000_000 / 230_000), 'refused once 12 MB were read this second');
    await w.clock.advance(1_000);
    await call(w.acme, 'kvs-get', { key: 'read-hot' });
  });

  test('per-key throughput is off while the installation has no rate limits (a test that turned them down)', async () => {
    w.acme.store.strictness.configure({ rateLimits: null });
    const big = 'z'.repeat(230_000);
    for (let i = 0; i < 6; i++) await call(w.acme, 'kvs-set', { key: 'unlimited', value: big });
    w.acme.store.strictness.configure(DOCUMENTED_STRICTNESS);
  });
});
