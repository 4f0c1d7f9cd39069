// Bulk sync of every issue in scope: one queue event per page of issues, progress recorded, no
// invocation past its time limit, no push past the queue's limits, each issue created once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_MAX_ITEMS } from '../../../src/core/protocol/envelope';
import type { BulkStatus } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

const ISSUES = 60;

describe('Jira ↔ Jira: bulk sync', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    // The issues exist before the project is shared: only a bulk sync brings them over.
    await m.saveRule(m.acme, (r) => {
      (r as Record<string, unknown>).scope = { manualStart: true };
    }, 'not yet');
    for (let i = 1; i <= ISSUES; i++) await m.acme.createIssue({ summary: `Bulk ${String(i).padStart(3, '0')}`, labels: [`batch-${i % 3}`] });
    await m.settle();
    await m.saveRule(m.acme, undefined, 'share everything');
  });
  after(() => m.close());

  test('every issue of the project is mirrored once, page by page through the queue, with progress', async () => {
    const total = (await m.acme.search(`project = ${m.acme.project}`)).length;
    assert.equal(total, ISSUES + 4, 'the seeded issues and the new ones');
    assert.deepEqual(await m.globex.findBySummary('Bulk '), [], 'nothing left acme before the bulk sync');
    const invocationsBefore = m.acme.recorder.count({ kind: 'invocation', moduleKey: 'background-work' });
    const inboxBefore = m.globex.recorder.count({ kind: 'invocation', moduleKey: 'partner-inbox' });

    const started = await m.acme.admin<BulkStatus>('admin/bulk/start', { connectionId: m.connectionId, projectKey: m.acme.project });
    assert.equal(started.state, 'running');
    assert.equal(started.total, total);
    const again = await m.acme.adminResult('admin/bulk/start', { connectionId: m.connectionId, projectKey: m.acme.project });
    assert.equal(again.ok ? null : again.error.code, 'conflict', 'one run at a time');

    await m.settle();
    const status = await m.acme.admin<BulkStatus>('admin/bulk/status', { connectionId: m.connectionId, projectKey: m.acme.project });
    assert.equal(status.state, 'done');
    assert.equal(status.processed, total);
    assert.equal(status.queued, total);
    assert.ok(status.finishedAt !== null && status.startedAt !== null && status.finishedAt >= status.startedAt);

    const mirrored = await m.globex.findBySummary('Bulk ');
    assert.equal(mirrored.length, ISSUES);
    assert.equal(new Set(mirrored.map((i) => i.fields.summary)).size, ISSUES, 'each issue once');

    // The seeded ACME-1's assignee has no account on globex: the issue is created without it and
    // the refusal is an error naming the field.
    assert.equal((await m.globex.findBySummary('Login page returns 500')).length, 2, "globex's own seeded issue and acme's copy");
    const refusals = await m.globex.admin<Array<{ field: string; reason: string }>>('admin/errors/list', { connectionId: m.connectionId });
    assert.ok(refusals.some((e) => e.field === 'assignee' && /no local account/.test(e.reason)), JSON.stringify(refusals));

    // Chunked: several pages, each its own invocation, none past its limit; every push accepted.
    const pages = m.acme.recorder.count({ kind: 'invocation', moduleKey: 'background-work' }) - invocationsBefore;
    // (App modules load Forge SDKs, which must come after the sandbox: the page size is not imported.)
    assert.ok(pages >= 2, `one invocation per page (${pages})`);
    // Batched: far fewer deliveries to globex's inbox than issues (BATCH_MAX_ITEMS replicas each).
    const deliveries = m.globex.recorder.count({ kind: 'invocation', moduleKey: 'partner-inbox' }) - inboxBefore;
    assert.ok(deliveries <= Math.ceil(total / BATCH_MAX_ITEMS) + 2 * pages, `${deliveries} deliveries for ${total} issues`);
    for (const site of [m.acme, m.globex]) {
      const bad = site.recorder.entries({ kind: 'invocation' }).filter((e) => e.outcome !== 'ok');
      assert.deepEqual(bad.map((e) => `${e.moduleKey}: ${e.outcome} ${e.error ?? ''}`), [], `${site.name}: every invocation finished in time`);
      assert.deepEqual(site.recorder.entries({ kind: 'queue', op: 'drop' }), [], `${site.name}: no queue event dropped`);
      assert.ok(site.recorder.entries({ kind: 'queue', op: 'push' }).every((e) => (e.events ?? 0) <= 50));
    }
    assert.deepEqual(await m.acme.admin('admin/queue/list', { connectionId: m.connectionId }), []);

    // A second run finds nothing new to send.
    await m.acme.admin('admin/bulk/start', { connectionId: m.connectionId, projectKey: m.acme.project });
    await m.settle();
    const rerun = await m.acme.admin<BulkStatus>('admin/bulk/status', { connectionId: m.connectionId, projectKey: m.acme.project });
    assert.deepEqual([rerun.state, rerun.processed, rerun.queued], ['done', total, 0]);
    assert.equal((await m.globex.findBySummary('Bulk ')).length, ISSUES);
  });
});
