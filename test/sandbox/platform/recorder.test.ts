// The recorder keeps what tests count, and only the newest entries once a long-running sandbox has
// recorded more than its bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Recorder } from '../../../sandbox/platform/recorder';

const kvsOp = (n: number) => ({ kind: 'kvs' as const, moduleKey: 'm', op: `op-${n}`, status: 200 });

test('entries are counted by any of their fields', () => {
  const r = new Recorder(() => 7);
  r.add(kvsOp(1));
  r.add({ kind: 'product', moduleKey: 'm', method: 'GET', path: '/x', status: 200, asUser: false });
  assert.equal(r.count({ kind: 'kvs' }), 1);
  assert.equal(r.count({ kind: 'product', method: 'GET' }), 1);
  assert.deepEqual(r.entries({ kind: 'kvs' }).map((e) => [e.op, e.at]), [['op-1', 7]]);
});

test('past its bound it keeps the newest entries and says how many went; reset starts over', () => {
  const r = new Recorder(Date.now, 100);
  for (let i = 1; i <= 250; i++) r.add(kvsOp(i));
  const kept = r.entries().map((e) => (e as { op: string }).op);
  assert.ok(kept.length <= 100 && kept.length >= 90, `kept ${kept.length}`);
  assert.equal(kept[kept.length - 1], 'op-250', 'the newest is kept');
  assert.equal(r.dropped + kept.length, 250, 'every entry is either kept or counted as dropped');
  r.reset();
  assert.equal(r.count(), 0);
  assert.equal(r.dropped, 0);
  assert.throws(() => new Recorder(Date.now, 0), /maxEntries must be a positive integer/);
});
