// Several issues at once: never more than the limit in flight, one pair's items in their order,
// results in the items' order, and a failure stops what has not started.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { inParallel } from '../../../src/core/sync/in-parallel';

const tick = (n: number) => new Promise<void>((r) => setTimeout(r, n));

describe('inParallel', () => {
  test('any items, keys, limit and timings: limit respected, per-key order kept, results in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: null }), delay: fc.integer({ min: 0, max: 3 }) }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        async (items, limit) => {
          let running = 0;
          let peak = 0;
          const startedByKey = new Map<string, number[]>();
          const results = await inParallel(
            items,
            limit,
            async (item, i) => {
              running++;
              peak = Math.max(peak, running);
              if (item.key !== null) startedByKey.set(item.key, [...(startedByKey.get(item.key) ?? []), i]);
              await tick(item.delay);
              running--;
              return i * 10;
            },
            (item) => item.key,
          );
          assert.deepEqual(results, items.map((_, i) => i * 10));
          assert.ok(peak <= limit, `peak ${peak} > limit ${limit}`);
          for (const order of startedByKey.values()) assert.deepEqual(order, [...order].sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('items of one key never overlap', async () => {
    const active = new Set<string>();
    await inParallel(['p1', 'p2', 'p1', 'p1', 'p2', 'p3'], 4, async (key) => {
      assert.ok(!active.has(key), `${key} ran twice at once`);
      active.add(key);
      await tick(2);
      active.delete(key);
    }, (key) => key);
  });

  test('independent items do run at the same time', async () => {
    let running = 0;
    let peak = 0;
    await inParallel([1, 2, 3, 4, 5, 6, 7, 8], 4, async () => {
      running++;
      peak = Math.max(peak, running);
      await tick(5);
      running--;
    });
    assert.equal(peak, 4);
  });

  test('after a failure nothing new starts, and the first error is thrown', async () => {
    const started: number[] = [];
    await assert.rejects(
      inParallel([0, 1, 2, 3, 4, 5, 6, 7], 2, async (i) => {
        started.push(i);
        await tick(1);
        if (i === 1) throw new Error('storage refused item 1');
      }),
      /storage refused item 1/,
    );
    assert.ok(started.length <= 3, `started after the failure: ${started.join(',')}`);
  });

  test('nothing to do answers an empty list', async () => {
    assert.deepEqual(await inParallel([], 4, async () => 1), []);
  });
});
