// Fault knobs (the Jira emulator's SiteFaults): 429 with Retry-After and ServiceNow's rate-limit headers and
// body, 5xx, latency, and that a refused write changes nothing and notifies no one.
import { after, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './sn-fixture';

describe('fault knobs', () => {
  const f = fixture();
  after(() => f.sn.close());

  test('rate limiting the next N requests answers 429 with ServiceNow headers, then recovers', async () => {
    f.sn.faults.rateLimit({ next: 2, retryAfterSeconds: 7 });
    const first = await f.call('GET', '/api/now/table/incident');
    assert.equal(first.status, 429);
    assert.equal(first.headers['retry-after'], '7');
    assert.equal(first.headers['x-ratelimit-limit'], '1000');
    assert.equal(first.headers['x-ratelimit-reset'], String(Math.floor(f.clock.ms / 1000) + 7));
    assert.equal(first.json.error.message, 'Rate limit exceeded');
    assert.equal(first.json.status, 'failure');
    assert.equal((await f.call('GET', '/api/now/table/incident')).status, 429);
    assert.equal((await f.call('GET', '/api/now/table/incident')).status, 200);
    assert.equal(f.sn.faults.counts.rateLimited, 2);
    f.sn.faults.reset();
  });

  test('a rate-limited write changes nothing and emits no change', async () => {
    const changes: string[] = [];
    const off = f.sn.onRecordChange((e) => changes.push(`${e.table}:${e.operation}`));
    f.sn.faults.rateLimit({ next: 1, when: (r) => r.method === 'PATCH' });
    const id = f.sn.sysIdOf('incident', '1');
    assert.equal((await f.call('GET', `/api/now/table/incident/${id}`)).status, 200, 'GET is not eligible');
    assert.equal((await f.call('PATCH', `/api/now/table/incident/${id}`, { short_description: 'throttled' })).status, 429);
    await f.sn.settled();
    assert.deepEqual(changes, []);
    assert.notEqual((await f.call('GET', `/api/now/table/incident/${id}`)).json.result.short_description, 'throttled');
    off();
    f.sn.faults.reset();
  });

  test('server errors for the next N requests, the token endpoint included', async () => {
    f.sn.faults.serverError({ next: 2, status: 503 });
    const res = await f.call('GET', '/api/now/table/incident');
    assert.equal(res.status, 503);
    assert.equal(res.json.status, 'failure');
    const token = await f.raw('POST', '/oauth_token.do', { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials');
    assert.equal(token.status, 503);
    assert.equal((await f.call('GET', '/api/now/table/incident')).status, 200);
    f.sn.faults.reset();
  });

  test('fractional faults replay identically under the same seed', async () => {
    const run = async (seed: number): Promise<number[]> => {
      f.sn.faults.seed(seed);
      f.sn.faults.serverError({ fraction: 0.3, status: 502 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await f.call('GET', '/api/now/table/incident?sysparm_limit=1')).status);
      f.sn.faults.reset();
      return statuses;
    };
    const a = await run(42);
    assert.deepEqual(await run(42), a);
    const failures = a.filter((s) => s === 502).length;
    assert.ok(failures > 0 && failures < 30, `some but not all fail, got ${failures}`);
  });

  test('added latency holds the answer until the delay has passed', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      f.sn.faults.latencyMs = 500;
      let done = false;
      const pending = f.call('GET', '/api/now/table/incident?sysparm_limit=1').then((r) => {
        done = true;
        return r;
      });
      await new Promise((r) => setImmediate(r));
      mock.timers.tick(499);
      await new Promise((r) => setImmediate(r));
      assert.equal(done, false);
      mock.timers.tick(1);
      assert.equal((await pending).status, 200);
    } finally {
      f.sn.faults.reset();
      mock.timers.reset();
    }
  });
});
