// The emulator's people endpoints, as Liaison's account-name resolver and user picker call them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixture, type Fixture } from './site-fixture';

describe('Jira emulator: people by account id and by search', () => {
  let f: Fixture;
  before(() => {
    f = fixture();
  });
  after(() => f.site.close());

  test('user/bulk answers a page of the known accounts asked for, with Jira\'s default page of 10', async () => {
    const res = await f.call('GET', `/rest/api/3/user/bulk?accountId=${f.admin}&accountId=ghost-account&accountId=${f.agent}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.maxResults, 10);
    assert.equal(res.json.startAt, 0);
    assert.equal(res.json.total, 2);
    assert.equal(res.json.isLast, true);
    assert.deepEqual(res.json.values.map((u: { displayName: string }) => u.displayName), ['Acme Admin', 'Acme Agent One']);
    assert.equal(res.json.values[0].accountId, f.admin);
  });

  test('user/bulk pages with startAt and maxResults', async () => {
    const ids = f.seed.users.map((u) => `accountId=${u.accountId}`).join('&');
    const first = await f.call('GET', `/rest/api/3/user/bulk?${ids}&maxResults=2`);
    assert.equal(first.json.values.length, 2);
    assert.equal(first.json.isLast, f.seed.users.length <= 2);
    const rest = await f.call('GET', `/rest/api/3/user/bulk?${ids}&maxResults=2&startAt=2`);
    assert.equal(rest.json.startAt, 2);
    assert.equal(rest.json.values.length, Math.min(2, f.seed.users.length - 2));
  });

  test('user/bulk without an accountId, or with more than 200, is a 400 in Jira\'s error shape', async () => {
    const none = await f.call('GET', '/rest/api/3/user/bulk');
    assert.equal(none.status, 400);
    assert.ok(Array.isArray(none.json.errorMessages) && none.json.errorMessages.length === 1);
    const many = Array.from({ length: 201 }, (_, i) => `accountId=a${i}`).join('&');
    assert.equal((await f.call('GET', `/rest/api/3/user/bulk?${many}`)).status, 400);
  });

  test('user/search matches the start of a name\'s words or of the email, not any substring', async () => {
    const names = async (q: string) => ((await f.call('GET', `/rest/api/3/user/search?query=${encodeURIComponent(q)}`)).json as Array<{ displayName: string }>).map((u) => u.displayName).sort();
    assert.deepEqual(await names('two'), ['Acme Agent Two']);
    assert.deepEqual(await names('agent t'), ['Acme Agent Two']);
    assert.deepEqual(await names('agent1@'), ['Acme Agent One']);
    assert.deepEqual(await names('gent'), []);
  });
});
