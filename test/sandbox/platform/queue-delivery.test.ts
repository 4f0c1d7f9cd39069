// Async events are delivered "at least once" (some twice, seeded, on by default), attempts lost to
// platform-level errors are retried without counting and extend the retention window up to 96 hours,
// events pushed with a concurrency key wait for a free slot; product events handled by a trigger
// may come again after a platform-level error. Driven by the queue probe app on a manual clock.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCT_EVENT_STRICTNESS, QUEUE_STRICTNESS } from '../../../sandbox/platform';
import { probeCall, queueProbe, type Probe } from './queue-harness';

type Seen = { tag: string; eventId: string; retryContext: null | { retryCount: number; retryReason: string; retentionWindow?: { remainingTimeMs: number } } };
const memory = async (p: Probe, tag: string) => (await probeCall(p, 'memory', { tag })) as { seen: Seen[]; mostRunning: number };
const events = (tag: string, n: number, extra: Record<string, unknown> = {}) => Array.from({ length: n }, (_, i) => ({ body: { tag, inMemory: true, n: i }, ...extra }));
const perEvent = (seen: Seen[]) => {
  const counts = new Map<string, number>();
  for (const s of seen) counts.set(s.eventId, (counts.get(s.eventId) ?? 0) + 1);
  return [...counts.values()];
};

describe('async events: at least once', () => {
  let p: Probe;
  afterEach(() => p.platform.close());

  test('by default about 1 in 20 events is delivered twice, as many for the same seed', async () => {
    const twice = async (tag: string) => {
      p = await queueProbe({ queue: { duplicateRate: QUEUE_STRICTNESS.duplicateRate } }); // the platform's default
      for (let i = 0; i < 4; i++) await probeCall(p, 'push', { events: events(tag, 25) });
      await p.platform.idle();
      const { seen } = await memory(p, tag);
      const counts = perEvent(seen);
      assert.equal(counts.length, 100, 'every event delivered');
      assert.ok(counts.every((c) => c <= 2), 'never more than twice');
      assert.equal(p.site.recorder.count({ kind: 'queue', op: 'duplicate' }), seen.length - 100);
      await p.platform.close();
      return counts.filter((c) => c === 2).length;
    };
    const first = await twice('default-1');
    assert.ok(first > 0 && first < 20, `about 1 in 20 delivered twice (${first} of 100)`);
    assert.equal(await twice('default-2'), first, 'the same seed duplicates as many deliveries');
    p = await queueProbe();
  });

  test('with every event duplicated, each arrives exactly twice: alongside its original, or after it with a platform-level retry context', async () => {
    p = await queueProbe({ queue: { duplicateRate: 1, duplicateAlongsideShare: 0.5 } });
    await probeCall(p, 'push', { events: events('all', 20) });
    await p.platform.idle();
    const { seen } = await memory(p, 'all');
    assert.deepEqual(perEvent(seen), Array(20).fill(2));
    const after = seen.filter((s) => s.retryContext);
    assert.ok(after.length > 0 && after.length < 20, 'some copies ran alongside (no retry context), some after');
    for (const s of after) {
      assert.equal(s.retryContext!.retryCount, 0, 'platform-level errors do not increment retryCount');
      assert.equal(s.retryContext!.retryReason, 'FUNCTION_PLATFORM_UNKNOWN_ERROR');
    }
  });

  test('a copy may come later than its original when the harness allows it (duplicateDelayMaxMs)', async () => {
    p = await queueProbe({ queue: { duplicateRate: 1, duplicateDelayMaxMs: 600_000 } });
    await probeCall(p, 'push', { events: events('late', 20) });
    await p.platform.idle();
    const early = perEvent((await memory(p, 'late')).seen).reduce((a, b) => a + b, 0);
    assert.ok(early < 40, 'some copies wait for the clock');
    await p.clock.advance(600_000);
    assert.deepEqual(perEvent((await memory(p, 'late')).seen), Array(20).fill(2));
  });
});

describe('async events: platform-level errors', () => {
  let p: Probe;
  afterEach(() => p.platform.close());

  test('an attempt lost to a platform error is retried uncounted and extends the retention window', async () => {
    p = await queueProbe({ queue: { platformErrorRate: 0.5, duplicateRate: 0, seed: 11 } });
    await probeCall(p, 'push', { events: events('platform', 20) });
    await p.platform.idle();
    await p.clock.advance(6 * 3_600_000);
    const { seen } = await memory(p, 'platform');
    assert.deepEqual(perEvent(seen), Array(20).fill(1), 'each event ran once, when an attempt got through');
    const retried = seen.filter((s) => s.retryContext);
    assert.ok(retried.length > 0, 'some events met a platform error first');
    for (const s of retried) {
      assert.equal(s.retryContext!.retryCount, 0);
      assert.match(s.retryContext!.retryReason, /^FUNCTION_PLATFORM_(UNKNOWN_ERROR|RATE_LIMITED)$/);
    }
    assert.ok(p.site.recorder.entries({ kind: 'queue', op: 'retry' }).every((e) => /^FUNCTION_PLATFORM_/.test(String(e.reason))));
  });

  test('an event that platform errors keep from running past 24 + 72 hours stalls: not dropped, not retried, still in progress', async () => {
    p = await queueProbe({ queue: { platformErrorRate: 1, duplicateRate: 0 } });
    const { jobId } = await probeCall(p, 'push', { events: events('stuck', 1) });
    await p.platform.idle();
    await p.clock.advance(95 * 3_600_000);
    assert.equal(p.site.recorder.count({ kind: 'queue', op: 'stall' }), 0, 'still retried within the extended window (96 h)');
    await p.clock.advance(2 * 3_600_000);
    assert.equal(p.site.recorder.count({ kind: 'queue', op: 'stall' }), 1);
    assert.equal(p.site.recorder.count({ kind: 'queue', op: 'drop' }), 0);
    const retries = p.site.recorder.count({ kind: 'queue', op: 'retry' });
    await p.clock.advance(24 * 3_600_000);
    assert.equal(p.site.recorder.count({ kind: 'queue', op: 'retry' }), retries, 'no longer retried automatically');
    assert.equal((await memory(p, 'stuck')).seen.length, 0);
    assert.ok(jobId);
  });
});

describe('async events: concurrency', () => {
  let p: Probe;
  afterEach(() => p.platform.close());

  test('events sharing a concurrency key run at most `limit` at a time; events without one are unbounded', async () => {
    p = await queueProbe({ queue: { duplicateRate: 0 } });
    await probeCall(p, 'push', { events: events('free', 6) });
    await probeCall(p, 'push', { events: events('one', 6, { concurrency: { key: 'conn-1', limit: 1 } }) });
    await probeCall(p, 'push', { events: events('two', 6, { concurrency: { key: 'conn-2', limit: 2 } }) });
    await p.platform.idle();
    const [free, one, two] = await Promise.all(['free', 'one', 'two'].map((t) => memory(p, t)));
    assert.ok(free!.mostRunning > 1, 'without a key, deliveries overlap');
    assert.equal(one!.mostRunning, 1);
    assert.equal(two!.mostRunning, 2);
    assert.equal(one!.seen.length + two!.seen.length, 12, 'every keyed event ran');
  });

  test('a key is shared across queues of one installation and a duplicate waits for its slot too', async () => {
    p = await queueProbe({ queue: { duplicateRate: 1, duplicateAlongsideShare: 1 } });
    await probeCall(p, 'push', { events: events('dup-one', 5, { concurrency: { key: 'k', limit: 1 } }) });
    await p.platform.idle();
    const { seen, mostRunning } = await memory(p, 'dup-one');
    assert.equal(seen.length, 10);
    assert.equal(mostRunning, 1, 'copies obey the limit');
  });

  test('a malformed concurrency option is refused at push', async () => {
    p = await queueProbe();
    for (const concurrency of [{ key: '', limit: 1 }, { key: 'k', limit: 0 }, { key: 'k', limit: 1.5 }, { limit: 1 }]) {
      const r = await probeCall(p, 'push', { events: { body: { tag: 'bad' }, concurrency } });
      assert.equal(r.error, 'InternalServerError', JSON.stringify(concurrency));
    }
  });
});

describe('product events: a platform-level error after the trigger ran', () => {
  let p: Probe;
  afterEach(() => p.platform.close());

  const updated = (key: string) => ({ eventType: 'avi:jira:updated:issue', actorAccountId: 'user-7', payload: { issue: { id: key.replace(/\D/g, ''), key, fields: { summary: key } } } });
  const triggerSeen = async (key: string) => ((await probeCall(p, 'get', { key: `trigger:${key}` })).value ?? []) as Array<{ retryContext: Seen['retryContext'] }>;

  test('delivers a handled event again, once, its retryCount unchanged; a copy never counts toward the four retries', async () => {
    p = await queueProbe({ productEvents: { maxDelayMs: 0, duplicateRate: 1 } });
    p.platform.emitProductEvent('acme', updated('ACME-5'));
    await p.platform.idle();
    assert.deepEqual((await triggerSeen('ACME-5')).map((s) => s.retryContext), [null, { retryCount: 0, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' }]);
    assert.equal(p.site.recorder.count({ kind: 'event', op: 'duplicate' }), 1);
  });

  test('by default about 1 in 20 handled events comes twice', async () => {
    p = await queueProbe({ productEvents: { maxDelayMs: 0, duplicateRate: PRODUCT_EVENT_STRICTNESS.duplicateRate } });
    for (let i = 1; i <= 100; i++) p.platform.emitProductEvent('acme', updated(`ACME-${100 + i}`));
    await p.platform.idle();
    const twice = p.site.recorder.count({ kind: 'event', op: 'duplicate' });
    assert.ok(twice > 0 && twice < 20, `${twice} of 100`);
    assert.equal(p.site.recorder.count({ kind: 'invocation', moduleType: 'trigger' }), 100 + twice);
  });
});
