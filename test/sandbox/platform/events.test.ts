// Async events, product triggers and scheduled triggers on a manual clock.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { world, call, type World } from './harness';
import { PRODUCT_EVENT_STRICTNESS } from '../../../sandbox/platform';

type Delivery = { eventId: string; retryContext: { retryCount: number; retryReason: string; retryData: { attempt: number } } | null };
const deliveries = async (w: World, tag: string) => ((await call(w.acme, 'kvs-get', { key: `deliveries:${tag}` })).value ?? []) as Delivery[];

describe('async events', () => {
  let w: World;
  beforeEach(async () => (w = await world()));
  afterEach(() => w.platform.close());

  test('a pushed event reaches the consumer after the pushing invocation returns', async () => {
    // Forge may deliver the events of one push concurrently, so each event records under its own tag.
    const pushed = await call(w.acme, 'push', { events: [{ body: { tag: 'now-1' } }, { body: { tag: 'now-2' } }] });
    assert.match(String(pushed.jobId), /^[0-9a-f-]{36}$/);
    await w.platform.idle();
    const seen = [...(await deliveries(w, 'now-1')), ...(await deliveries(w, 'now-2'))];
    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.retryContext, null);
    assert.equal(w.acme.recorder.count({ kind: 'invocation', moduleType: 'consumer', outcome: 'ok' }), 2);
    const order = w.acme.recorder.entries().map((e) => (e.kind === 'invocation' ? e.moduleType : e.kind === 'queue' ? e.op : e.kind));
    assert.ok(order.indexOf('resolver') < order.indexOf('deliver'), `delivery began before the push returned: ${order.join(', ')}`);
    assert.equal(w.globex.recorder.count({ kind: 'invocation', moduleType: 'consumer' }), 0);
  });

  test('delayInSeconds holds an event until the clock reaches it', async () => {
    await call(w.acme, 'push', { events: { body: { tag: 'later' }, delayInSeconds: 60 } });
    await w.platform.idle();
    assert.equal((await deliveries(w, 'later')).length, 0);
    await w.clock.advance(59_000);
    assert.equal((await deliveries(w, 'later')).length, 0);
    await w.clock.advance(1_000);
    assert.equal((await deliveries(w, 'later')).length, 1);
  });

  test('InvocationError retries carry retryContext and honour retryAfter', async () => {
    await call(w.acme, 'push', { events: { body: { tag: 'flaky', mode: 'retry', retries: 2 } } });
    await w.platform.idle();
    assert.equal((await deliveries(w, 'flaky')).length, 1);
    await w.clock.advance(29_000);
    assert.equal((await deliveries(w, 'flaky')).length, 1);
    await w.clock.advance(1_000);
    await w.clock.advance(30_000);
    const seen = await deliveries(w, 'flaky');
    assert.deepEqual(seen.map((d) => d.retryContext && { retryCount: d.retryContext.retryCount, retryReason: d.retryContext.retryReason, retryData: d.retryContext.retryData }), [
      null,
      { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { attempt: 1 } },
      { retryCount: 2, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { attempt: 2 } },
    ]);
    assert.equal(new Set(seen.map((d) => d.eventId)).size, 1);
    await w.clock.advance(600_000);
    assert.equal((await deliveries(w, 'flaky')).length, 3);
  });

  test('pushes over 50 events or 200 KB fail with the SDK errors', async () => {
    const many = Array.from({ length: 51 }, () => ({ body: { tag: 'x' } }));
    assert.equal((await call(w.acme, 'push', { events: many })).error, 'TooManyEventsError');
    const big = Array.from({ length: 3 }, () => ({ body: { tag: 'x', pad: 'p'.repeat(70 * 1024) } }));
    assert.equal((await call(w.acme, 'push', { events: big })).error, 'PayloadTooBigError');
    const unknownQueue = await call(w.acme, 'push', { queue: 'nobody-listens', events: { body: { tag: 'x' } } });
    assert.equal(unknownQueue.error, 'InternalServerError');
    await w.platform.idle();
    assert.equal(w.acme.recorder.count({ kind: 'invocation', moduleType: 'consumer' }), 0);
  });
});

describe('product triggers and scheduled triggers', () => {
  let w: World;
  beforeEach(async () => (w = await world()));
  afterEach(() => w.platform.close());

  const updated = (actorAccountId: string) => ({
    eventType: 'avi:jira:updated:issue',
    actorAccountId,
    payload: {
      issue: { id: '10001', key: 'ACME-1', fields: { summary: 'Hello', status: { name: 'Open' }, description: 'not in the event', labels: ['x'] } },
      changelog: { id: '1', items: [{ field: 'summary', fieldId: 'summary', fromString: 'Hi', toString: 'Hello' }] },
    },
  });

  test('an issue event reaches the subscribed trigger with the documented payload', async () => {
    assert.equal(w.platform.emitProductEvent('acme', updated('user-7')), 1);
    // Forge delivers trigger events up to 3 minutes late (trigger-delivery.test.ts tests the delay).
    await w.clock.advance(PRODUCT_EVENT_STRICTNESS.maxDelayMs);
    const stored = (await call(w.acme, 'kvs-get', { key: 'event:ACME-1:avi:jira:updated:issue' })).value as {
      event: Record<string, unknown>;
      contextModuleKey: string;
      installContext: string;
    };
    assert.deepEqual(stored.event, {
      issue: { id: '10001', key: 'ACME-1', fields: { summary: 'Hello', status: { name: 'Open' } } },
      changelog: { id: '1', items: [{ field: 'summary', fieldId: 'summary', fromString: 'Hi', toString: 'Hello' }] },
      eventType: 'avi:jira:updated:issue',
      atlassianId: 'user-7',
      selfGenerated: false,
      context: { cloudId: w.acme.cloudId, moduleKey: 'issue-updated' },
    });
    assert.equal(stored.contextModuleKey, 'issue-updated');
    assert.equal(stored.installContext, `ari:cloud:jira::site/${w.acme.cloudId}`);
    assert.equal(w.globex.recorder.count({ kind: 'invocation' }), 0);
  });

  test('ignoreSelf drops events the app caused; triggers without it still see them', async () => {
    assert.equal(w.platform.emitProductEvent('acme', updated('app-acme')), 0);
    const created = { eventType: 'avi:jira:created:issue', actorAccountId: 'app-acme', payload: { issue: { id: '1', key: 'ACME-2', fields: {} } } };
    assert.equal(w.platform.emitProductEvent(w.acme, created), 1);
    await w.clock.advance(PRODUCT_EVENT_STRICTNESS.maxDelayMs);
    assert.equal(w.acme.recorder.count({ kind: 'invocation', moduleKey: 'issue-updated' }), 0);
    const seen = (await call(w.acme, 'kvs-get', { key: 'event:ACME-2:avi:jira:created:issue' })).value as { event: { selfGenerated: boolean } };
    assert.equal(seen.event.selfGenerated, true);
  });

  test('a scheduled trigger fires each interval as the clock advances', async () => {
    await w.clock.advance(59 * 60_000);
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'ticks' }), { value: null });
    await w.clock.advance(60_000);
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'ticks' }), { value: 1 });
    await w.clock.advance(2 * 3_600_000);
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'ticks' }), { value: 3 });
    assert.deepEqual(await call(w.globex, 'kvs-get', { key: 'tick-context' }), { value: { cloudId: w.globex.cloudId, moduleKey: 'hourly-tick' } });
  });
});
