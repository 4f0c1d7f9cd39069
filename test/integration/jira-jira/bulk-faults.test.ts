// Bulk sync under Jira faults: a page that fails is retried through the queue (InvocationError),
// and a page that keeps failing ends the run as `failed` instead of `running` forever; starting
// again resumes at that page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BulkStatus } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

const ISSUES = 30;
const isSearch = (r: { method: string; path: string }) => r.method === 'POST' && r.path === '/rest/api/3/search/jql';

describe('Jira ↔ Jira: bulk sync under faults', () => {
  let m: Mirror;
  const status = () => m.acme.admin<BulkStatus>('admin/bulk/status', { connectionId: m.connectionId, projectKey: m.acme.project });
  const start = () => m.acme.admin<BulkStatus>('admin/bulk/start', { connectionId: m.connectionId, projectKey: m.acme.project });
  const retries = () => m.acme.recorder.entries({ kind: 'invocation', moduleKey: 'background-work' }).length;

  before(async () => {
    m = await startMirror();
    await m.saveRule(m.acme, (r) => {
      (r as Record<string, unknown>).scope = { manualStart: true };
    }, 'not yet');
    for (let i = 1; i <= ISSUES; i++) await m.acme.createIssue({ summary: `Faulty ${String(i).padStart(3, '0')}` });
    await m.settle();
    await m.saveRule(m.acme, undefined, 'share everything');
  });
  after(() => m.close());

  test('a page that fails a few times is retried by the queue and the run completes', async () => {
    m.acme.jira.faults.serverError({ next: 3, status: 503, when: isSearch });
    const before = retries();
    await start();
    await m.settle();
    assert.equal((await status()).state, 'running', 'the failed page waits for its retry');
    for (let i = 0; i < 6 && (await status()).state === 'running'; i++) await m.advance(60_000);
    const done = await status();
    assert.equal(done.state, 'done', JSON.stringify(done));
    assert.ok(m.acme.jira.faults.counts.serverErrors >= 3);
    assert.ok(retries() - before > Math.ceil((ISSUES + 4) / 25), 'the failed page ran again');
    assert.equal((await m.globex.findBySummary('Faulty ')).length, ISSUES);
  });

  test('a page that keeps failing ends the run as failed; starting again resumes it', async () => {
    for (let i = 1; i <= 5; i++) await m.acme.createIssue({ summary: `Late ${i}` });
    await m.settle();
    m.acme.jira.faults.serverError({ next: 1000, status: 500, when: isSearch });
    await start();
    for (let i = 0; i < 10 && (await status()).state === 'running'; i++) await m.advance(120_000);
    const failed = await status();
    assert.equal(failed.state, 'failed', JSON.stringify(failed));
    assert.match(failed.error ?? '', /500|search/i);

    m.acme.jira.faults.reset();
    const resumed = await start();
    assert.equal(resumed.state, 'running');
    await m.settle();
    const done = await status();
    assert.equal(done.state, 'done', JSON.stringify(done));
    assert.equal(done.processed, ISSUES + 4 + 5);
    assert.equal((await m.globex.findBySummary('Faulty ')).length, ISSUES, 'nothing created twice');
  });
});
