// Forge delivers async events "at least once" and redelivers a handled product event after a
// platform-level error (sandbox/platform/README.md). Here every queue event and every trigger event
// comes twice — alongside its original, or up to two minutes after it — and Liaison must still
// create each issue once, add each comment once, and end with the latest values on both sides.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BulkStatus } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

/**
 * Every delivery duplicated, copies up to 2 minutes late, half of the queue's copies running
 * alongside their original (the default is 1 in 20, right after the original).
 */
const EVERYTHING_TWICE = {
  queue: { duplicateRate: 1, duplicateDelayMaxMs: 120_000, duplicateAlongsideShare: 0.5 },
  productEvents: { duplicateRate: 1, duplicateDelayMaxMs: 120_000 },
};

const texts = async (m: Mirror, site: Mirror['acme'], key: string) => (await site.comments(key)).map((c) => c.text.replace(/^.*wrote:\s*/s, '')).sort();

type ErrorRow = { field: string; wording?: { cause?: string } };

/** Nothing left queued, and no error but those the seed data causes anyway (`expected`). */
async function assertClean(m: Mirror, expected: (e: ErrorRow) => boolean = () => false): Promise<void> {
  for (const site of [m.acme, m.globex]) {
    assert.deepEqual(await site.admin('admin/queue/list', { connectionId: m.connectionId }), [], `${site.name}: nothing left queued`);
    const errors = await site.admin<ErrorRow[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.deepEqual(errors.filter((e) => !expected(e)), [], `${site.name}: no errors`);
  }
}

/** The seeded ACME-1 is assigned to an acme agent globex's rule has no account for (as in bulk.test.ts). */
const unmappedAssignee = (e: ErrorRow) => (e.field === 'assignee' || e.field === 'partner:assignee') && e.wording?.cause === 'no-account';

type Changelog = { values: Array<{ items: Array<{ field: string; toString: string | null }> }> };
const summaryHistory = async (m: Mirror, key: string) =>
  (await m.globex.rest<Changelog>('GET', `/rest/api/3/issue/${key}/changelog`)).values.flatMap((v) => v.items).filter((i) => i.field === 'summary').map((i) => i.toString);

describe('Jira ↔ Jira with every Forge delivery duplicated', () => {
  test('globex unreachable while every outbox wake-up comes twice: the backlog still drains in the order the changes were made', async () => {
    // A second delivery of a wake-up whose attempt failed used to send the entry again at once:
    // an extra attempt, a longer back-off for that entry, and the pair's later edits overtook it.
    const m = await startMirror({ queue: { duplicateRate: 1 } });
    try {
      const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Order: v0' });
      const host = new URL(m.globex.site.installation.webTriggerUrl('partner-inbox')).hostname;
      const handler = m.world.platform.hosts.resolve(host)!;
      m.world.platform.hosts.unregister(host);
      for (const summary of ['Order: v1', 'Order: v2', 'Order: v3']) {
        await m.acme.edit(source.key, { summary });
        await m.settle();
      }
      await m.advance(2 * 60_000);
      m.world.platform.hosts.register(host, handler);
      await m.advance(20 * 60_000);
      assert.deepEqual(await summaryHistory(m, mirror.key), ['Order: v0', 'Order: v1', 'Order: v2', 'Order: v3'], 'applied in the order they were made');
      assert.ok(m.acme.recorder.count({ kind: 'queue', op: 'duplicate' }) > 0);
      await assertClean(m);
    } finally {
      await m.close();
    }
  });

  test('creates, edits, comments and status changes both ways: one issue, each comment once, the latest values', async () => {
    const m = await startMirror(EVERYTHING_TWICE);
    try {
      const source = await m.acme.createIssue({ summary: 'Twice: created' });
      await m.advance(3 * 60_000);
      assert.equal((await m.globex.findBySummary('Twice:')).length, 1, 'one issue on globex');
      const mirror = await m.partnerOf(m.acme, source);

      await m.acme.edit(source.key, { summary: 'Twice: edited', priority: { name: 'High' } });
      await m.acme.addComment(source.key, 'From acme, once');
      await m.acme.transition(source.key, 'In Progress');
      await m.globex.addComment(mirror.key, 'From globex, once');
      // globex refuses writes for a while: acme's outbox takes over through its queue (duplicated too).
      m.globex.jira.faults.serverError({ next: 3, status: 503, when: (r) => r.method !== 'GET' });
      await m.acme.edit(source.key, { summary: 'Twice: after the outage' });
      await m.acme.addComment(source.key, 'Sent through the queue, once');
      await m.advance(3 * 60_000);
      await m.advance(15 * 60_000);

      assert.equal((await m.globex.findBySummary('Twice:')).length, 1, 'still one issue on globex');
      assert.equal((await m.acme.findBySummary('Twice:')).length, 1, 'no echo created on acme');
      const copy = (await m.globex.issue(mirror.key, 'summary,priority')).fields;
      assert.equal(copy.summary, 'Twice: after the outage');
      assert.equal((copy.priority as { name: string }).name, 'High');
      assert.equal(await m.globex.status(mirror.key), 'In Progress');
      assert.deepEqual(await texts(m, m.globex, mirror.key), ['From acme, once', 'From globex, once', 'Sent through the queue, once']);
      assert.deepEqual(await texts(m, m.acme, source.key), ['From acme, once', 'From globex, once', 'Sent through the queue, once']);
      assert.ok(m.acme.recorder.count({ kind: 'queue', op: 'duplicate' }) > 0, 'queue events did come twice');
      assert.ok(m.acme.recorder.count({ kind: 'event', op: 'duplicate' }) > 0, 'trigger events did come twice');
      await assertClean(m);
    } finally {
      await m.close();
    }
  });

  test('a paused backlog resumed and a bulk sync, every work event twice: each issue once, each edit landed', async () => {
    const m = await startMirror(EVERYTHING_TWICE);
    try {
      const linked = [];
      for (let i = 1; i <= 3; i++) linked.push(await m.createMirrored(m.acme, { summary: `Held ${i}` }));
      await m.acme.admin('admin/connections/change', { connectionId: m.connectionId, change: 'pause' });
      for (const { source } of linked) await m.acme.edit(source.key, { summary: `${source.key} edited while paused` });
      await m.advance(3 * 60_000);
      await m.acme.admin('admin/connections/change', { connectionId: m.connectionId, change: 'resume' });
      await m.advance(3 * 60_000);
      for (const { source, mirror } of linked) assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, `${source.key} edited while paused`);

      await m.saveRule(m.acme, (r) => {
        (r as Record<string, unknown>).scope = { manualStart: true };
      }, 'not yet');
      for (let i = 1; i <= 45; i++) await m.acme.createIssue({ summary: `Bulk twice ${String(i).padStart(2, '0')}` });
      await m.advance(3 * 60_000);
      await m.saveRule(m.acme, undefined, 'share everything');
      await m.acme.admin('admin/bulk/start', { connectionId: m.connectionId, projectKey: m.acme.project });
      let status = await m.acme.admin<BulkStatus>('admin/bulk/status', { connectionId: m.connectionId, projectKey: m.acme.project });
      for (let run = 0; run < 12 && status.state === 'running'; run++) {
        await m.advance(60_000);
        status = await m.acme.admin<BulkStatus>('admin/bulk/status', { connectionId: m.connectionId, projectKey: m.acme.project });
      }
      await m.advance(5 * 60_000);
      assert.equal(status.state, 'done');
      const mirrored = await m.globex.findBySummary('Bulk twice ');
      assert.equal(mirrored.length, 45);
      assert.equal(new Set(mirrored.map((i) => i.fields.summary)).size, 45, 'each issue once');
      assert.ok(m.acme.recorder.count({ kind: 'queue', op: 'duplicate' }) > 0, 'work events did come twice');
      await assertClean(m, unmappedAssignee);
    } finally {
      await m.close();
    }
  });
});
