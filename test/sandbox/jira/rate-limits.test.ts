// Jira Cloud's three rate limits for apps, as the emulator enforces them by default: the hourly
// points quota per app and tenant, the per-second limit per endpoint and method, and the per-issue
// write limit, each refused with 429, a RateLimit-Reason and the retry headers.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed, JiraSite, type SiteSeed } from '../../../sandbox/jira/index';

const APP = 'app-liaison-1';

function site(seed: SiteSeed = defaultSeed('acme'), limits: ConstructorParameters<typeof JiraSite>[0]['rateLimits'] = {}) {
  let now = Date.parse('2026-03-26T16:24:52Z');
  const s = new JiraSite({ name: 'acme', seed, now: () => now, ...(limits ? { rateLimits: limits } : {}) });
  s.addUser({ accountId: APP, displayName: 'Liaison', accountType: 'app' });
  const call = async (method: string, path: string, body?: unknown, accountId = APP) => {
    const res = await s.request({
      method,
      path,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      actor: { accountId },
    });
    return { status: res.status, headers: res.headers, json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : undefined };
  };
  return { site: s, call, advance: (ms: number) => (now += ms), now: () => now };
}

describe('Jira Cloud rate limits (on by default)', () => {
  test('an app read costs a base point plus one per object; a write costs the base only; every answer says what is left', async () => {
    const w = site();
    after(() => w.site.close());
    const get = await w.call('GET', '/rest/api/3/issue/ACME-1');
    assert.equal(get.status, 200);
    assert.equal(get.headers['ratelimit-policy'], '"tenant-app-quota";q=65000;w=3600');
    // 16:24:52 → the hour ends in 2108 s; 2 points spent (base + the issue).
    assert.equal(get.headers['ratelimit'], '"tenant-app-quota";r=64998;t=2108');
    const search = await w.call('POST', '/rest/api/3/search/jql', { jql: 'project = ACME', maxResults: 3, fields: ['summary'] });
    assert.equal(search.status, 200);
    const found = (search.json!.issues as unknown[]).length;
    assert.ok(found > 0);
    assert.match(search.headers['ratelimit']!, new RegExp(`r=${64998 - 1 - found};`));
    const put = await w.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { summary: 'priced' } });
    assert.equal(put.status, 204);
    assert.match(put.headers['ratelimit']!, new RegExp(`r=${64998 - 1 - found - 1};`));
    assert.equal(w.site.rateLimits.stats.totalPointsByApp[APP], 2 + 1 + found + 1);
  });

  test('over the hourly quota: 429 jira-quota-tenant-based until the hour ends, then served again', async () => {
    const w = site(undefined, { quotaPointsPerHour: 10 }); // a tiny quota so the test spends it in a few calls
    after(() => w.site.close());
    for (let i = 0; i < 5; i++) assert.equal((await w.call('GET', '/rest/api/3/issue/ACME-1')).status, 200);
    const refused = await w.call('GET', '/rest/api/3/issue/ACME-1');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['ratelimit-reason'], 'jira-quota-tenant-based');
    assert.equal(refused.headers['retry-after'], '2108');
    assert.equal(refused.headers['x-ratelimit-reset'], '2026-03-26T17:00Z');
    assert.equal(refused.headers['x-ratelimit-nearlimit'], 'true');
    assert.deepEqual(refused.json, { errorMessages: ['Rate limit exceeded.'], errors: {} });
    assert.equal((await w.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { summary: 'no' } })).status, 429, 'writes meet the quota too');
    assert.equal((await w.call('GET', '/rest/api/3/issue/ACME-1', undefined, defaultSeed('acme').users[0]!.accountId)).status, 200, 'a user is not on the app quota');
    w.advance(2108 * 1000);
    const next = await w.call('GET', '/rest/api/3/issue/ACME-1');
    assert.equal(next.status, 200);
    assert.equal(next.headers['ratelimit'], '"tenant-app-quota";r=8;t=3600');
    assert.equal(w.site.rateLimits.stats.refusals['jira-quota-tenant-based'], 2);
  });

  test('the quota is per app: another app on the same tenant has its own', async () => {
    const w = site(undefined, { quotaPointsPerHour: 4 }); // two reads spend it
    after(() => w.site.close());
    w.site.addUser({ accountId: 'app-other', displayName: 'Other app', accountType: 'app' });
    await w.call('GET', '/rest/api/3/issue/ACME-1');
    await w.call('GET', '/rest/api/3/issue/ACME-1');
    assert.equal((await w.call('GET', '/rest/api/3/issue/ACME-1')).status, 429);
    assert.equal((await w.call('GET', '/rest/api/3/issue/ACME-1', undefined, 'app-other')).status, 200);
  });

  test('per endpoint and method: a burst past the buffer is refused with jira-burst-based, other endpoints still served', async () => {
    const w = site();
    after(() => w.site.close());
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof w.call>> | undefined;
    for (let i = 0; i < 351; i++) {
      last = await w.call('GET', `/rest/api/3/issue/ACME-${(i % 3) + 1}?fields=summary`);
      statuses.push(last.status);
    }
    assert.equal(statuses.filter((s) => s === 200).length, 350, 'the default burst buffer is 350 requests');
    assert.equal(last!.status, 429);
    assert.equal(last!.headers['ratelimit-reason'], 'jira-burst-based');
    assert.equal(last!.headers['retry-after'], '1');
    assert.equal(last!.headers['x-ratelimit-limit'], '350');
    assert.equal(last!.headers['x-ratelimit-remaining'], '0');
    assert.equal((await w.call('GET', '/rest/api/3/myself')).status, 200, 'another endpoint has its own limit');
    assert.equal((await w.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'x' } })).status, 204, 'another method too');
    w.advance(10); // 100 a second come back: one request's worth after 10 ms
    assert.equal((await w.call('GET', '/rest/api/3/issue/ACME-1?fields=summary')).status, 200);
  });

  test('per issue: the 21st write to one issue at once is refused with jira-per-issue-on-write; other issues are served', async () => {
    const w = site();
    after(() => w.site.close());
    for (let i = 0; i < 20; i++) {
      const r = await w.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { summary: `edit ${i}` } });
      assert.equal(r.status, 204, `write ${i}`);
    }
    const refused = await w.call('POST', '/rest/api/3/issue/ACME-1/comment', { body: { type: 'doc', version: 1, content: [] } });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['ratelimit-reason'], 'jira-per-issue-on-write');
    assert.equal(refused.headers['retry-after'], '1');
    assert.ok(refused.headers['x-ratelimit-reset']);
    assert.equal((await w.call('GET', '/rest/api/3/issue/ACME-1')).status, 200, 'reads of the issue are not writes');
    assert.equal((await w.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'other' } })).status, 204);
    w.advance(500); // two writes a second come back
    assert.equal((await w.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { summary: 'later' } })).status, 204);
  });

  test('a user calling with an API token meets only the per-endpoint limit, and gets no quota headers', async () => {
    const w = site();
    after(() => w.site.close());
    const admin = defaultSeed('acme').users[0]!.accountId;
    for (let i = 0; i < 25; i++) assert.equal((await w.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { summary: `u${i}` } }, admin)).status, 204);
    const r = await w.call('GET', '/rest/api/3/issue/ACME-1', undefined, admin);
    assert.equal(r.headers['ratelimit'], undefined);
    assert.equal(r.headers['x-ratelimit-limit'], '350');
  });
});
