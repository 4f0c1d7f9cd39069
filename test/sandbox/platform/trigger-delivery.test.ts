// Product events reach triggers the way Forge documents: up to 3 minutes late (seeded, on the
// manual clock), redelivered on InvocationError or a time-out at most four times; and the
// front-end invocation payload limits of resolvers. Driven by the queue probe app.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BACKOFF, PRODUCT_EVENT_STRICTNESS, RESOLVER_REQUEST_LIMIT_BYTES, RESOLVER_RESPONSE_LIMIT_BYTES } from '../../../sandbox/platform';
import { queueProbe, probeCall, type Probe } from './queue-harness';

type Seen = { retryContext: null | { retryCount: number; retryReason: string } };
const updated = (key: string) => ({ eventType: 'avi:jira:updated:issue', actorAccountId: 'user-7', payload: { issue: { id: key.replace(/\D/g, ''), key, fields: { summary: key } } } });
const seen = async (p: Probe, key: string) => ((await probeCall(p, 'get', { key: `trigger:${key}` })).value ?? []) as Seen[];

describe('product-event delivery', () => {
  let p: Probe;
  afterEach(() => p.platform.close());

  test('events arrive after a random delay within 3 minutes, the same delays for the same seed', async () => {
    const arrivals = async (seed: number) => {
      p = await queueProbe({ productEvents: { seed } });
      for (let i = 1; i <= 20; i++) p.platform.emitProductEvent('acme', updated(`ACME-${i}`));
      await p.platform.idle();
      const times: number[] = [];
      for (let s = 0; s < PRODUCT_EVENT_STRICTNESS.maxDelayMs; s += 10_000) {
        await p.clock.advance(10_000);
        times.push(p.site.recorder.count({ kind: 'invocation', moduleType: 'trigger' }));
      }
      await p.platform.close();
      return times;
    };
    const first = await arrivals(7);
    assert.equal(first.at(-1), 20, 'every event arrived within 3 minutes');
    assert.ok(first[0]! < 20, `some events came later than 10 s: ${first.join(',')}`);
    assert.deepEqual(await arrivals(7), first);
    p = await queueProbe();
  });

  test('a trigger returning InvocationError is redelivered after retryAfter, four times at most', async () => {
    p = await queueProbe({ productEvents: { maxDelayMs: 0 } }); // the delay is the test above's; here only the retries
    await probeCall(p, 'set', { key: 'trigger-mode', value: { fail: 'retry' } });
    p.platform.emitProductEvent('acme', updated('ACME-9'));
    await p.platform.idle();
    await p.clock.advance(19_000);
    assert.equal((await seen(p, 'ACME-9')).length, 1);
    await p.clock.advance(1_000);
    await p.clock.advance(10 * 60_000);
    const all = await seen(p, 'ACME-9');
    assert.deepEqual(all.map((s) => s.retryContext?.retryCount ?? 0), [0, 1, 2, 3, 4]);
    assert.equal(all[1]!.retryContext!.retryReason, 'FUNCTION_RETRY_REQUEST');
    assert.equal(p.site.recorder.count({ kind: 'event', op: 'drop' }), 1);
  });

  test('a trigger that times out is retried by the platform; one that throws is not', async () => {
    p = await queueProbe({ productEvents: { maxDelayMs: 0 }, limitsScale: 0.05 }); // 25 s limit → 1.25 s real time
    await probeCall(p, 'set', { key: 'trigger-mode', value: { fail: 'hang', failures: 1 } });
    p.platform.emitProductEvent('acme', updated('ACME-5'));
    await p.platform.idle();
    await p.clock.advance(BACKOFF.firstMs);
    assert.deepEqual((await seen(p, 'ACME-5')).map((s) => s.retryContext?.retryReason ?? null), [null, 'FUNCTION_TIME_OUT']);
    await probeCall(p, 'set', { key: 'trigger-mode', value: { fail: 'throw' } });
    p.platform.emitProductEvent('acme', updated('ACME-6'));
    await p.platform.idle();
    await p.clock.advance(3_600_000);
    assert.equal((await seen(p, 'ACME-6')).length, 1);
  });
});

describe('resolver payload limits', () => {
  test('a front-end call over 500 KB is refused before the function runs; an answer over 5 MB is refused', async () => {
    const p = await queueProbe();
    try {
      await assert.rejects(probeCall(p, 'echo', { pad: 'x'.repeat(RESOLVER_REQUEST_LIMIT_BYTES) }), /front-end invocation request limit/);
      assert.equal(p.site.recorder.count({ kind: 'invocation', moduleType: 'resolver' }), 0);
      assert.ok((await probeCall(p, 'echo', { pad: 'x'.repeat(RESOLVER_REQUEST_LIMIT_BYTES - 100) })).size > 0);
      await assert.rejects(probeCall(p, 'echo', { answerBytes: RESOLVER_RESPONSE_LIMIT_BYTES }), /front-end invocation response limit/);
    } finally {
      await p.platform.close();
    }
  });
});
