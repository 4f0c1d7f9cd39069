// Async events as @forge/events 2+ documents them, driven by the queue probe app on a manual clock:
// retries of thrown, timed-out and InvocationError consumers within the 24-hour retention window,
// the retry context, push limits per minute and per invocation chain.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BACKOFF } from '../../../sandbox/platform';
import { T0, probeCall, queueProbe, type Delivery, type Probe } from './queue-harness';

const deliveries = async (p: Probe, tag: string) => ((await probeCall(p, 'get', { key: `deliveries:${tag}` })).value ?? []) as Delivery[];

describe('async events: retries within the retention window', () => {
  let p: Probe;
  beforeEach(async () => (p = await queueProbe()));
  afterEach(() => p.platform.close());

  test('a consumer that throws is retried with exponential back-off, the retry context counting up', async () => {
    await probeCall(p, 'push', { events: { body: { tag: 'thrown', fail: 'throw', failures: 3 } } });
    await p.platform.idle();
    assert.equal((await deliveries(p, 'thrown')).length, 1);
    // Back-off: 30 s, then 60 s, then 120 s (the first interval is the sandbox's choice; README).
    await p.clock.advance(BACKOFF.firstMs - 1);
    assert.equal((await deliveries(p, 'thrown')).length, 1);
    await p.clock.advance(1);
    assert.equal((await deliveries(p, 'thrown')).length, 2);
    await p.clock.advance(2 * BACKOFF.firstMs);
    await p.clock.advance(4 * BACKOFF.firstMs);
    const seen = await deliveries(p, 'thrown');
    assert.deepEqual(seen.map((d) => d.retryContext?.retryCount ?? 0), [0, 1, 2, 3]);
    assert.equal(new Set(seen.map((d) => d.eventId)).size, 1, 'a retry is the same event');
    const last = seen[3]!.retryContext!;
    assert.equal(last.retentionWindow.startTime, new Date(T0).toISOString());
    assert.equal(last.retentionWindow.remainingTimeMs, 24 * 3_600_000 - 7 * BACKOFF.firstMs);
    await p.clock.advance(3_600_000);
    assert.equal((await deliveries(p, 'thrown')).length, 4, 'the fourth delivery succeeded, nothing more comes');
  });

  test('a consumer that times out is retried with reason FUNCTION_TIME_OUT', async () => {
    // Time limits × 0.05, so the consumer's 55 s run out in under 3 s of real time.
    await p.platform.close();
    p = await queueProbe({ limitsScale: 0.05 });
    await probeCall(p, 'push', { events: { body: { tag: 'slow', fail: 'hang', failures: 1 } } });
    await p.platform.idle();
    await p.clock.advance(BACKOFF.firstMs);
    const seen = await deliveries(p, 'slow');
    assert.equal(seen.length, 2);
    assert.equal(seen[1]!.retryContext!.retryReason, 'FUNCTION_TIME_OUT');
  });

  test('InvocationError asks for retries for as long as the retention window lasts; retryAfter is capped at 900 s', async () => {
    await probeCall(p, 'push', { events: { body: { tag: 'forever', fail: 'retry', retryAfter: 3600 } } });
    await p.platform.idle();
    await p.clock.advance(899_000);
    assert.equal((await deliveries(p, 'forever')).length, 1);
    await p.clock.advance(1_000);
    const second = (await deliveries(p, 'forever'))[1]!.retryContext!;
    assert.deepEqual({ count: second.retryCount, reason: second.retryReason, data: second.retryData }, { count: 1, reason: 'FUNCTION_UPSTREAM_RATE_LIMITED', data: { tag: 'forever' } });
    await p.clock.advance(25 * 3_600_000);
    // One delivery every 15 minutes while the 24 hours last: the first and 96 retries (the last at
    // exactly 24 h); the next would fall outside the window, so the event is dropped.
    assert.equal((await deliveries(p, 'forever')).length, 97);
    assert.equal(p.site.recorder.count({ kind: 'queue', op: 'drop' }), 1);
    assert.match(String(p.site.recorder.entries({ kind: 'queue', op: 'drop' })[0]?.reason), /retention window/);
  });
});

describe('async events: push limits', () => {
  test('more than 500 events pushed in a minute by one installation are refused with RateLimitError until the minute has passed', async () => {
    const p = await queueProbe();
    try {
      const fifty = Array.from({ length: 50 }, (_, i) => ({ body: { tag: `rate-${i}` }, delayInSeconds: 900 }));
      const { results } = await probeCall(p, 'push-many', { times: 11, events: fifty });
      assert.deepEqual(results.map((r: { error?: string }) => r.error ?? 'ok'), [...Array(10).fill('ok'), 'RateLimitError']);
      assert.equal(p.site.recorder.count({ kind: 'queue', op: 'refuse' }), 1);
      await p.clock.advance(60_000);
      assert.equal((await probeCall(p, 'push', { events: fifty })).error, undefined);
    } finally {
      await p.platform.close();
    }
  });

  test('a chain of consumers each pushing the next stops at the cyclic invocation limit with InvocationLimitReachedError', async () => {
    // The documented 1,000 pushes per chain, lowered to 20 so the chain runs quickly; the rule is the same.
    const p = await queueProbe({ queue: { cyclicInvocationLimit: 20 } });
    try {
      await probeCall(p, 'push', { events: { body: { tag: 'chain', chainLeft: 100 } } });
      await p.platform.idle();
      // The resolver's push and 19 consumers' pushes: the 20th consumer's push is refused.
      assert.equal((await deliveries(p, 'chain')).length, 20);
      assert.equal((await probeCall(p, 'get', { key: 'chain-error:chain' })).value.error, 'InvocationLimitReachedError');
      // A fresh invocation starts a fresh chain.
      await probeCall(p, 'push', { events: { body: { tag: 'chain-2', chainLeft: 3 } } });
      await p.platform.idle();
      assert.equal((await deliveries(p, 'chain-2')).length, 4);
    } finally {
      await p.platform.close();
    }
  });

  test('delayInSeconds over 900 is refused', async () => {
    const p = await queueProbe();
    try {
      const r = await probeCall(p, 'push', { events: { body: { tag: 'late' }, delayInSeconds: 901 } });
      assert.equal(r.error, 'InvalidPushSettingsError');
    } finally {
      await p.platform.close();
    }
  });
});
