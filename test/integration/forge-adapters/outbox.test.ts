// The outbox on Forge: a KVS record per entry plus a queue event that wakes the consumer at
// nextTryAt (re-armed when the wait is longer than one push can delay), a paused connection's queue
// draining in order on resume, and due() reading the nextTryAt index for the scheduled re-drive.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, pairId } from '../../../src/core/ids';
import { probeState } from '../../fixtures/apps/forge-adapter-probe/src/probe-state';
import { wakeupFailures } from '../../fixtures/apps/forge-adapter-probe/src/adapters';
import { outboxEntry, pair } from './factories';
import { PARKED_QUEUE, kvsOps, port, probeWorld, type ProbeWorld } from './probe';

describe('ForgeOutbox', () => {
  let w: ProbeWorld;
  beforeEach(async () => {
    w = await probeWorld();
  });
  afterEach(() => w.close());

  const sent = () => probeState.consumer.filter((n) => n.outcome === 'sent').map((n) => n.entryId);

  test('an entry is one KVS write plus one queue event, and the consumer gets it at nextTryAt', async () => {
    const outbox = port(w.acme, 'outbox');
    const now = w.clock.now();
    const enqueued = await kvsOps(w.acme, () => outbox.enqueue(outboxEntry('o-now', { createdAt: now, nextTryAt: now })));
    assert.equal(enqueued.ops, 1);
    assert.equal(w.acme.recorder.count({ kind: 'queue', op: 'push' }), 1);
    await outbox.enqueue(outboxEntry('o-later', { createdAt: now, nextTryAt: now + 30_000 }));

    await w.platform.idle();
    assert.deepEqual(sent(), ['o-now']);
    await w.clock.advance(29_000);
    assert.deepEqual(sent(), ['o-now'], 'not before its time');
    await w.clock.advance(1_000);
    assert.deepEqual(sent(), ['o-now', 'o-later']);
    assert.equal(await outbox.size(), 0);
  });

  test('a retry due later than one queue delay allows is re-armed until it is due', async () => {
    const outbox = port(w.acme, 'outbox');
    const now = w.clock.now();
    await outbox.enqueue(outboxEntry('o-far', { createdAt: now, nextTryAt: now + 2_000_000 }));
    await w.clock.advance(2_000_000);
    const notes = probeState.consumer.map((n) => [n.outcome, n.at - now]);
    assert.deepEqual(notes, [['rearmed', 900_000], ['rearmed', 1_800_000], ['sent', 2_000_000]]);
  });

  test('while a connection is paused its entries stay queued; on resume they drain oldest first', async () => {
    const outbox = port(w.acme, 'outbox');
    probeState.paused = true;
    const t0 = w.clock.now();
    const ids = ['o-1', 'o-2', 'o-3', 'o-4', 'o-5'];
    for (const [i, id] of ids.entries()) {
      await outbox.enqueue(outboxEntry(id, { seq: i + 1, createdAt: t0 + i * 1000, nextTryAt: t0 + i * 1000 }));
      await w.clock.advance(1000);
    }
    await w.clock.advance(120_000);
    assert.equal(await outbox.size('conn-1'), 5, 'nothing is lost while paused');
    assert.deepEqual(sent(), []);
    assert.ok(probeState.consumer.filter((n) => n.outcome === 'held').length >= 10, 'each entry was looked at again and held');

    probeState.paused = false;
    await w.clock.advance(60_000);
    assert.deepEqual(sent(), ids);
    assert.equal(await outbox.size(), 0);
  });

  test('due() finds what the queue did not wake, oldest first, reading the index page by page', async () => {
    const outbox = port(w.acme, 'outbox', { outboxQueue: PARKED_QUEUE });
    const t = w.clock.now();
    // 150 due entries created in the order o-000..o-149, due in the opposite order, plus ones not due.
    for (let i = 0; i < 150; i++) {
      await outbox.enqueue(outboxEntry(`o-${String(i).padStart(3, '0')}`, { seq: i + 1, createdAt: t - 200_000 + i, nextTryAt: t - i }));
    }
    for (let i = 0; i < 5; i++) await outbox.enqueue(outboxEntry(`later-${i}`, { createdAt: t - 300_000, nextTryAt: t + 1 + i }));
    const due = await kvsOps(w.acme, () => outbox.due(t, 20));
    assert.deepEqual(due.value.map((e) => e.id), Array.from({ length: 20 }, (_, i) => `o-${String(i).padStart(3, '0')}`));
    assert.equal(due.ops, 2, 'two index pages');
    assert.equal((await outbox.due(t, 500)).length, 150);
    assert.equal(await outbox.size(), 155);
  });

  test('an entry whose wake-up push fails is still stored and found by due()', async () => {
    const outbox = port(w.acme, 'outbox', { outboxQueue: 'no-consumer-listens' });
    const t = w.clock.now();
    await outbox.enqueue(outboxEntry('o-orphan', { createdAt: t, nextTryAt: t }));
    assert.equal(wakeupFailures.at(-1)?.entryId, 'o-orphan');
    assert.match(wakeupFailures.at(-1)?.error ?? '', /no-consumer-listens/);
    assert.deepEqual((await outbox.due(t, 10)).map((e) => e.id), ['o-orphan']);
  });

  test('the ledger write and the outbox entry of a change commit together, in one KVS operation', async () => {
    const outbox = port(w.acme, 'outbox', { outboxQueue: PARKED_QUEUE });
    const store = port(w.acme, 'store');
    const t = w.clock.now();
    const v1 = { ...pair({ pair: 'p-tx', local: '10001' }), lastSentSeq: 1 };
    const committed = await kvsOps(w.acme, () => outbox.enqueueWithPair(v1, outboxEntry('o-tx', { pairId: 'p-tx', createdAt: t, nextTryAt: t })));
    assert.equal(committed.ops, 1);
    assert.equal((await store.getPair(connectionId('conn-1'), pairId('p-tx')))?.lastSentSeq, 1);

    // Reusing the entry id fails the whole transaction: the pair is not advanced alone.
    const v2 = { ...v1, lastSentSeq: 2 };
    await assert.rejects(outbox.enqueueWithPair(v2, outboxEntry('o-tx', { pairId: 'p-tx', seq: 2, createdAt: t, nextTryAt: t })), /outbox entry o-tx already exists/);
    assert.equal((await store.getPair(connectionId('conn-1'), pairId('p-tx')))?.lastSentSeq, 1);
    await assert.rejects(outbox.enqueueWithPair(v2, outboxEntry('o-tx2', { pairId: 'p-other' })), /belongs to conn-1\/p-other, not to pair conn-1\/p-tx/);
  });

  test('a queue event that is not an outbox wake-up is refused with what is wrong', async () => {
    const outbox = port(w.acme, 'outbox');
    await assert.rejects(outbox.readEvent({ kind: 'liaison-outbox', entryId: '', connectionId: 'conn-1' }), /not an outbox queue event: entryId: .*; nextTryAt: /);
  });
});
