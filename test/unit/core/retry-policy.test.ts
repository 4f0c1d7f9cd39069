import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTransportError, decideRetry, DEFAULT_RETRY_POLICY } from '../../../src/core/sync/retry-policy';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { retryArchived, sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { makeTwoSites, CONNECTION } from './support/two-sites';
import { mirrorRules } from './support/rules';

describe('retry policy', () => {
  test('transient: network, timeouts, 408/409/425/429 and 5xx; permanent: other 4xx', () => {
    assert.equal(classifyTransportError({ kind: 'network', message: 'ECONNRESET' }), 'transient');
    assert.equal(classifyTransportError({ kind: 'timeout', message: '25s' }), 'transient');
    for (const status of [408, 409, 425, 429, 500, 502, 503, 504]) assert.equal(classifyTransportError({ kind: 'http', status }), 'transient', String(status));
    for (const status of [400, 401, 403, 404, 410, 413, 422]) assert.equal(classifyTransportError({ kind: 'http', status }), 'permanent', String(status));
  });

  test('backs off along the schedule, honours Retry-After, and gives up after the last attempt', () => {
    const net = { kind: 'network' as const, message: 'down' };
    assert.deepEqual(decideRetry(net, 1, 1000), { retry: true, at: 11_000 });
    assert.deepEqual(decideRetry(net, 3, 1000), { retry: true, at: 61_000 });
    assert.deepEqual(decideRetry({ kind: 'http', status: 429, retryAfterMs: 120_000 }, 1, 0), { retry: true, at: 120_000 });
    const last = decideRetry(net, DEFAULT_RETRY_POLICY.scheduleMs.length + 1, 0);
    assert.ok(!last.retry && /gave up after 11 attempts/.test(last.reason));
    const permanent = decideRetry({ kind: 'http', status: 401, body: 'bad signature' }, 1, 0);
    assert.ok(!permanent.retry && /permanent error: HTTP 401: bad signature/.test(permanent.reason));
  });

  test('a permanently failed send is archived with its entry, and the retry button re-queues it', async () => {
    const rules = mirrorRules();
    const { a } = await makeTwoSites(rules.a, rules.b);
    await a.secrets.putConnectionSecret(CONNECTION, 'a-different-secret');
    const issue = a.tracker.createLocal({ summary: { kind: 'text', text: 'x' } });
    await handleLocalChange(a.deps, { issueId: issue });
    const [entry] = a.outbox.all();
    assert.equal(await sendOutboxEntry(a.deps, entry!.id), 'archived');
    const [error] = await a.store.listErrors('conn-1');
    assert.match(error!.reason, /permanent error: HTTP 401/);
    assert.equal(a.outbox.all().length, 0);
    assert.equal(await retryArchived(a.deps, error!.id, 'conn-1'), true);
    assert.equal(a.outbox.all()[0]?.attempts, 0);
  });

  test('while the partner is paused, nothing is lost: the entry waits with its Retry-After', async () => {
    const rules = mirrorRules();
    const { a, b } = await makeTwoSites(rules.a, rules.b);
    const conn = (await b.config.getConnection(CONNECTION))!;
    await b.config.putConnection({ ...conn, state: 'paused' });
    const issue = a.tracker.createLocal({ summary: { kind: 'text', text: 'x' } });
    await handleLocalChange(a.deps, { issueId: issue });
    const [entry] = a.outbox.all();
    assert.equal(await sendOutboxEntry(a.deps, entry!.id), 'retry-scheduled');
    assert.equal(a.outbox.all()[0]!.nextTryAt, a.deps.clock.now() + 60_000);
    await b.config.putConnection({ ...conn, state: 'active' });
    assert.equal(await sendOutboxEntry(a.deps, entry!.id), 'sent');
  });
});
