// The emulated personal data reporting API answers as Atlassian documents it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ATLASSIAN_CLOSED_TEST_ACCOUNT, PersonalDataRegistry } from '../../../sandbox/platform';

const body = (accounts: unknown) => JSON.stringify({ accounts });
const at = '2030-01-07T09:00:00.000Z';

describe('personal data reporting API (sandbox)', () => {
  test('204 when nothing needs action; 200 naming closed and updated accounts', () => {
    const api = new PersonalDataRegistry();
    assert.equal(api.answer(body([{ accountId: 'acc-1', updatedAt: at }])).status, 204);
    api.closeAccount('acc-1');
    api.updateAccount('acc-2', Date.parse(at) + 1);
    api.updateAccount('acc-3', Date.parse(at) - 1);
    const r = api.answer(body([{ accountId: 'acc-1', updatedAt: at }, { accountId: 'acc-2', updatedAt: at }, { accountId: 'acc-3', updatedAt: at }, { accountId: ATLASSIAN_CLOSED_TEST_ACCOUNT, updatedAt: at }]));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { accounts: [{ accountId: 'acc-1', status: 'closed' }, { accountId: 'acc-2', status: 'updated' }, { accountId: ATLASSIAN_CLOSED_TEST_ACCOUNT, status: 'closed' }] });
  });

  test('malformed requests get 400 with errorType and errorMessage; a rate limit gets 429 with Retry-After', () => {
    const api = new PersonalDataRegistry();
    const many = Array.from({ length: 91 }, (_, i) => ({ accountId: `acc-${i}`, updatedAt: at }));
    for (const bad of [body([]), body(many), body([{ accountId: 'unknown', updatedAt: at }]), body([{ accountId: 'a', updatedAt: '7 Jan 2030' }]), 'not json']) {
      const r = api.answer(bad);
      assert.equal(r.status, 400, bad.slice(0, 40));
      assert.ok((r.body as { errorType: string; errorMessage: string }).errorMessage);
    }
    api.rateLimitNext(1);
    assert.deepEqual(api.answer(body([{ accountId: 'a', updatedAt: at }])).headers, { 'retry-after': '60' });
    assert.equal(api.answer(body([{ accountId: 'a', updatedAt: at }])).status, 204);
    assert.equal(api.reports.length, 1, 'refused requests are not recorded as reports');
  });
});
