// Bulk sync's cost stays flat in the project's size (issue 13): each page of the project is read
// once however often Forge delivers its event, and the items globex's Jira cannot take yet come back
// as batches, one wake-up per batch, instead of one queue event per issue that the queue's 500
// events a minute refuses. Manual clock, seeded deliveries: every queue event comes twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteSeed } from '../../../sandbox/jira/types';
import type { BulkStatus } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

const ISSUES = 116;
/** Issues per page (src/app/bulk-sync.ts BULK_PAGE_SIZE; app modules load after the sandbox, so not imported). */
const PAGE = 40;
/** Replicas per partner delivery (src/core/protocol/envelope.ts BATCH_MAX_ITEMS). */
const BATCH = 20;

const withIssues = (seed: SiteSeed): SiteSeed => ({
  ...seed,
  issues: [
    ...(seed.issues ?? []),
    ...Array.from({ length: ISSUES }, (_, i) => ({ project: 'ACME', issueType: 'Task', summary: `Backlog ${String(i + 1).padStart(3, '0')}`, priority: 'Medium', labels: ['backlog'] })),
  ],
});

describe('Jira ↔ Jira: bulk sync economics', () => {
  let m: Mirror;
  /** acme's searches by what they look for: the project's pages, or a page's issues read by id. */
  const searches = { pages: 0, reads: 0 };

  before(async () => {
    // Every queue event delivered twice: Forge promises "at least once", and a second delivery of a
    // page must not read it again (nor fork the chain of pages).
    m = await startMirror({ seeds: { acme: withIssues }, queue: { duplicateRate: 1 } });
    // globex's Jira takes 20 creates at once and 10 a second after that (the default is 350 and
    // 100: a test of a few hundred issues meets these as a 10,000-issue run meets the defaults).
    m.globex.jira.rateLimits.configure({ burstCapacity: 20, burstPerSecond: 10 });
    const jira = m.acme.jira;
    const request = jira.request.bind(jira);
    jira.request = async (req) => {
      if (req.path === '/rest/api/3/search/jql' && req.body) {
        const jql = String((JSON.parse(String(req.body)) as { jql?: unknown }).jql);
        if (/^project = ACME ORDER BY key ASC$/.test(jql)) searches.pages++;
        if (/^id in \(/.test(jql)) searches.reads++;
      }
      return request(req);
    };
  });
  after(() => m.close());

  test('every page is read once, and what globex defers comes back in batches, one wake-up each', async () => {
    const total = (await m.acme.rest<{ count: number }>('POST', '/rest/api/3/search/approximate-count', { jql: 'project = ACME' })).count;
    assert.equal(total, ISSUES + 4, 'the seeded issues and the demo ones');
    const pages = Math.ceil(total / PAGE);
    for (const site of [m.acme, m.globex]) site.recorder.reset();

    await m.acme.admin('admin/bulk/start', { connectionId: m.connectionId, projectKey: 'ACME' });
    await m.settle();
    // What globex deferred comes back after the waits it named: let those seconds pass.
    const onGlobex = async () => (await m.globex.rest<{ count: number }>('POST', '/rest/api/3/search/approximate-count', { jql: 'project = GLX AND labels = backlog' })).count;
    for (let s = 0; s < 300 && (await onGlobex()) < ISSUES; s++) {
      await m.clock.advance(1_000);
      await m.runDue();
    }

    const status = await m.acme.admin<BulkStatus>('admin/bulk/status', { connectionId: m.connectionId, projectKey: 'ACME' });
    assert.deepEqual([status.state, status.processed, status.queued], ['done', total, total], 'each issue counted once');
    assert.equal(await onGlobex(), ISSUES, 'each issue created once');

    // Pages: one search and one read of its issues each, though every page event came twice.
    assert.deepEqual(searches, { pages, reads: pages });
    const pageRuns = m.acme.recorder.entries({ kind: 'queue', op: 'deliver', moduleKey: 'background-work' }).length;
    const copies = m.acme.recorder.entries({ kind: 'queue', op: 'duplicate', moduleKey: 'background-work' }).length;
    assert.deepEqual([pageRuns, copies], [pages, pages], 'one page event per page, each delivered twice');

    // globex could not take everything at once: some items were sent again.
    const inbox = m.globex.recorder.count({ kind: 'invocation', moduleKey: 'partner-inbox' });
    assert.ok(inbox > Math.ceil(total / BATCH), `items went again (${inbox} deliveries for ${Math.ceil(total / BATCH)} batches)`);
    // They came back in batches: each outbox wake-up names a batch's deferred items, so there are
    // never more wake-ups than deliveries that could defer something, and none is refused.
    const wakeups = m.acme.recorder.entries({ kind: 'queue', op: 'push', queue: 'liaison-outbox' }).reduce((n, e) => n + (e.events ?? 0), 0);
    assert.ok(wakeups <= inbox, `${wakeups} outbox wake-ups for ${inbox} deliveries to globex`);
    assert.deepEqual(m.acme.recorder.entries({ kind: 'queue', op: 'refuse' }), [], 'no push refused by the queue');
    for (const site of [m.acme, m.globex]) {
      const failed = site.recorder.entries({ kind: 'invocation' }).filter((e) => e.outcome !== 'ok');
      assert.deepEqual(failed.map((e) => `${e.moduleKey}: ${e.outcome} ${e.error ?? ''}`), [], `${site.name}: no invocation failed`);
    }
    assert.deepEqual(await m.acme.admin('admin/queue/list', { connectionId: m.connectionId }), [], 'nothing left in the queue');
  });
});
