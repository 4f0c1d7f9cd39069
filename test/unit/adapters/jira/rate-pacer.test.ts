// Liaison's pacing against Jira's three rate limits, driven against the Jira emulator with the limits
// on (a manual clock): the quota spent holds every call until the hour ends without calling Jira,
// a per-second or per-issue refusal is waited out and retried once, and the reason reaches the error.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { route } from '@forge/api';
import { defaultSeed, JiraSite } from '../../../../sandbox/jira/index';
import { JiraClient } from '../../../../src/adapters/jira/jira-client';
import { JiraApiError } from '../../../../src/adapters/jira/jira-errors';
import { jsonBody, type JiraHttp } from '../../../../src/adapters/jira/jira-http';
import { endpointOf, JiraRatePacer, pacedJiraHttp, parseQuotaState } from '../../../../src/adapters/jira/rate-pacer';

const APP = 'app-liaison';

function world(limits: ConstructorParameters<typeof JiraSite>[0]['rateLimits']) {
  let now = Date.parse('2026-03-26T16:24:52Z');
  const site = new JiraSite({ name: 'acme', seed: defaultSeed('acme'), now: () => now, ...(limits ? { rateLimits: limits } : {}) });
  site.addUser({ accountId: APP, displayName: 'Liaison', accountType: 'app' });
  let sent = 0;
  const raw: JiraHttp = {
    async request(method, path, body) {
      sent++;
      const res = await site.request({
        method,
        path: path.value,
        headers: body?.kind === 'json' ? { 'content-type': 'application/json' } : {},
        ...(body?.kind === 'json' ? { body: JSON.stringify(body.value) } : {}),
        actor: { accountId: APP },
      });
      return { status: res.status, headers: res.headers, text: res.body };
    },
  };
  const slept: number[] = [];
  // Sleeping moves the manual clock, as time passes for a Forge function that waits.
  const pacer = new JiraRatePacer({ now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) });
  const client = new JiraClient(pacedJiraHttp(raw, pacer));
  return { site, raw, client, pacer, slept, sent: () => sent, advance: (ms: number) => (now += ms) };
}

describe('pacing Jira calls by the rate-limit headers', () => {
  test('headers parse as Jira sends them', () => {
    assert.deepEqual(parseQuotaState('"tenant-app-quota";r=17842;t=2107'), { remaining: 17842, resetSeconds: 2107 });
    assert.equal(endpointOf('PUT', '/rest/api/3/issue/ACME-12?notifyUsers=false'), 'PUT /rest/api/3/issue/{id}');
    assert.equal(endpointOf('GET', '/rest/api/3/issue/10042/comment'), 'GET /rest/api/3/issue/{id}/comment');
  });

  test('once the hourly quota is spent, calls are held (retryable, with the reset time) without reaching Jira, until the hour ends', async () => {
    const w = world({ quotaPointsPerHour: 6 }); // three reads spend it
    after(() => w.site.close());
    for (let i = 0; i < 3; i++) await w.client.send('read', 'GET', route`/rest/api/3/issue/${'ACME-1'}`);
    assert.equal(w.sent(), 3);
    await assert.rejects(w.client.send('read', 'GET', route`/rest/api/3/issue/${'ACME-1'}`), (e: unknown) => {
      assert.ok(e instanceof JiraApiError);
      assert.equal(e.transient, true, 'deferred, not failed');
      assert.equal(e.status, 429);
      assert.equal(e.retryAfterMs, 2108_000, 'until the hour ends');
      assert.match(e.message, /jira-quota-tenant-based/);
      return true;
    });
    assert.equal(w.sent(), 3, 'Liaison did not spend a call on a quota it knows is gone');
    assert.equal(w.site.rateLimits.stats.refusals['jira-quota-tenant-based'], 0, 'and never met the 429');
    w.advance(2108_000);
    await w.client.send('read', 'GET', route`/rest/api/3/issue/${'ACME-1'}`);
    assert.equal(w.sent(), 4);
  });

  test('a quota 429 from Jira (another container spent it) holds every later call too', async () => {
    const w = world({ quotaPointsPerHour: 2 });
    after(() => w.site.close());
    w.site.rateLimits.charge(APP, 2); // spent by another invocation this pacer never saw
    await assert.rejects(w.client.send('read', 'GET', route`/rest/api/3/myself`), /jira-quota-tenant-based/);
    await assert.rejects(w.client.send('edit', 'PUT', route`/rest/api/3/issue/${'ACME-1'}`, jsonBody({ fields: { summary: 'x' } })), /jira-quota-tenant-based/);
    assert.equal(w.sent(), 1);
    assert.equal(w.pacer.counts.met429.quota, 1);
  });

  test('a burst past an endpoint buffer waits the second out instead of failing; other endpoints are not held', async () => {
    const w = world({ burstCapacity: 5, burstPerSecond: 5 }); // a small buffer, so the test meets it in a few calls
    after(() => w.site.close());
    for (let i = 0; i < 12; i++) await w.client.send('read', 'GET', route`/rest/api/3/issue/${`ACME-${(i % 3) + 1}`}`);
    assert.equal(w.sent(), 12, 'no call was retried: the headers said to slow down before Jira refused');
    assert.equal(w.site.rateLimits.stats.refusals['jira-burst-based'], 0);
    assert.ok(w.slept.length >= 2 && w.slept.every((ms) => ms <= 2_000));
    const slept = w.slept.length;
    await w.client.send('me', 'GET', route`/rest/api/3/myself`);
    assert.equal(w.slept.length, slept, 'another endpoint went at once');
  });

  test('a clock that goes back (a new sandbox world in the same process) forgets what was learnt', async () => {
    const w = world({ quotaPointsPerHour: 2 });
    after(() => w.site.close());
    await w.client.send('read', 'GET', route`/rest/api/3/myself`);
    await assert.rejects(w.client.send('read', 'GET', route`/rest/api/3/myself`), /jira-quota-tenant-based/);
    w.site.rateLimits.configure({ quotaPointsPerHour: 1_000 });
    w.advance(-60_000);
    await w.client.send('read', 'GET', route`/rest/api/3/myself`);
    assert.equal(w.sent(), 2);
  });

  test('a wait during which the clock stands still (a manual sandbox clock) is not repeated: later waits come back as the retryable 429', async () => {
    const w = world({ issueWriteCapacity: 1, issueWritesPerSecond: 1 });
    after(() => w.site.close());
    const frozen = new JiraRatePacer({ now: () => Date.parse('2026-03-26T16:24:52Z'), sleep: async () => undefined });
    const client = new JiraClient(pacedJiraHttp(w.raw, frozen));
    const edit = (i: number) => client.send('edit', 'PUT', route`/rest/api/3/issue/${'ACME-1'}`, jsonBody({ fields: { summary: `frozen ${i}` } }));
    await edit(0);
    await assert.rejects(edit(1), (e: unknown) => e instanceof JiraApiError && e.transient && /jira-per-issue-on-write/.test(e.message));
    const before = w.sent();
    await assert.rejects(edit(2), /jira-per-issue-on-write/);
    assert.equal(w.sent(), before, 'held without another wait or call');
  });

  test('writes past the per-issue limit are waited out and retried once, and land', async () => {
    const w = world({ issueWriteCapacity: 2, issueWritesPerSecond: 1 }); // two writes at once, then one a second
    after(() => w.site.close());
    for (let i = 0; i < 4; i++) {
      await w.client.send('edit', 'PUT', route`/rest/api/3/issue/${'ACME-1'}`, jsonBody({ fields: { summary: `edit ${i}` } }));
    }
    assert.equal(w.pacer.counts.met429.issue, 1, 'met once; after that the pacer spaced the writes');
    assert.equal(w.pacer.counts.retriedAfter429, 1);
    const issue = await w.client.send('read', 'GET', route`/rest/api/3/issue/${'ACME-1'}?fields=summary`);
    assert.equal((JSON.parse(issue.text) as { fields: { summary: string } }).fields.summary, 'edit 3');
  });
});
