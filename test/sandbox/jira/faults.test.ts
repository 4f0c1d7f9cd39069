// Fault knobs: 429 with Retry-After / RateLimit-Reason, 5xx, latency, duplicated and reordered events,
// and reproducibility of fractional faults under a seed.
import { after, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteEvent } from '../../../sandbox/jira/index';
import { fixture } from './site-fixture';

const flush = () => new Promise((r) => setImmediate(r));

describe('fault knobs', () => {
  const f = fixture();
  after(() => f.site.close());

  test('rate limiting the next N requests answers 429 with Jira headers, then recovers', async () => {
    f.site.faults.rateLimit({ next: 2, retryAfterSeconds: 7, reason: 'jira-quota-tenant-based' });
    const first = await f.call('GET', '/rest/api/3/issue/ACME-1');
    assert.equal(first.status, 429);
    assert.equal(first.headers['retry-after'], '7');
    assert.equal(first.headers['ratelimit-reason'], 'jira-quota-tenant-based');
    assert.match(first.headers['x-ratelimit-reset']!, /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    assert.deepEqual(first.json, { errorMessages: ['Rate limit exceeded.'], errors: {} });
    assert.equal((await f.call('GET', '/rest/api/3/issue/ACME-1')).status, 429);
    assert.equal((await f.call('GET', '/rest/api/3/issue/ACME-1')).status, 200);
    f.site.faults.reset();
  });

  test('a rate-limited write changes nothing and emits nothing', async () => {
    const events: SiteEvent[] = [];
    const off = f.site.onEvent((e) => events.push(e));
    f.site.faults.rateLimit({ next: 1, when: (r) => r.method === 'PUT' });
    assert.equal((await f.call('GET', '/rest/api/3/issue/ACME-1')).status, 200, 'GET is not eligible');
    assert.equal((await f.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { summary: 'throttled' } })).status, 429);
    await f.site.settled();
    assert.equal(events.length, 0);
    assert.notEqual((await f.call('GET', '/rest/api/3/issue/ACME-1?fields=summary')).json.fields.summary, 'throttled');
    off();
    f.site.faults.reset();
  });

  test('server errors for the next N requests', async () => {
    f.site.faults.serverError({ next: 1, status: 502 });
    const res = await f.call('GET', '/rest/api/3/myself');
    assert.equal(res.status, 502);
    assert.ok(Array.isArray(res.json.errorMessages));
    assert.equal((await f.call('GET', '/rest/api/3/myself')).status, 200);
    f.site.faults.reset();
  });

  test('fractional faults replay identically under the same seed', async () => {
    const run = async (seed: number): Promise<number[]> => {
      f.site.faults.seed(seed);
      f.site.faults.serverError({ fraction: 0.3 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await f.call('GET', '/rest/api/3/serverInfo')).status);
      f.site.faults.reset();
      return statuses;
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(7);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    const failures = a.filter((s) => s === 503).length;
    assert.ok(failures > 0 && failures < 40, `expected some but not all failures, got ${failures}`);
  });

  test('added latency holds the answer until the delay has passed', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      f.site.faults.latencyMs = 500;
      let done = false;
      const pending = f.call('GET', '/rest/api/3/myself').then((r) => {
        done = true;
        return r;
      });
      await flush();
      mock.timers.tick(499);
      await flush();
      assert.equal(done, false);
      mock.timers.tick(1);
      const res = await pending;
      assert.equal(res.status, 200);
    } finally {
      f.site.faults.latencyMs = 0;
      mock.timers.reset();
    }
  });

  test('duplicated delivery sends the same event twice', async () => {
    const events: SiteEvent[] = [];
    const off = f.site.onEvent((e) => events.push(e));
    f.site.faults.duplicateEvents({ next: 1 });
    await f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'dup me' } });
    await f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'only once' } });
    await f.site.settled();
    off();
    f.site.faults.reset();
    assert.deepEqual(events.map((e) => (e.payload as { issue: { fields: { summary: string } } }).issue.fields.summary), ['dup me', 'dup me', 'only once']);
  });

  test('reordered delivery holds K events and emits them newest first', async () => {
    const events: SiteEvent[] = [];
    const off = f.site.onEvent((e) => events.push(e));
    f.site.faults.reorderEvents(3);
    for (const summary of ['r1', 'r2', 'r3', 'r4']) await f.call('PUT', '/rest/api/3/issue/ACME-3', { fields: { summary } });
    await f.site.settled();
    const summaries = () => events.map((e) => (e.payload as { issue: { fields: { summary: string } } }).issue.fields.summary);
    assert.deepEqual(summaries(), ['r3', 'r2', 'r1'], 'the fourth is still held');
    f.site.flushHeldEvents();
    assert.deepEqual(summaries(), ['r3', 'r2', 'r1', 'r4']);
    off();
    f.site.faults.reset();
  });
});
