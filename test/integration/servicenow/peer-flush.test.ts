// How the ServiceNow peer sends what it queued for the Jira side (the core-level world of support.ts:
// the real peer, tracker and emulator, an in-memory Jira side): due entries oldest first, a run of
// failures ends the flush instead of hammering a Jira side that is down, a budget leaves the rest
// for the next flush, and what waits goes out in order once Jira is back, once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import { partnerIssueId } from '../../../src/core/ids';
import type { MemoryOutbox } from '../../../src/core/ledger/memory-outbox';
import { basicHttp, CONN, startWorld, type World } from './support';

const AGENT = { username: 'beth.anglin', password: 'beth-initech-pw' };

/** An agent creates incidents, a second apart, after the seeded ones are out of the first poll's reach; their sys_ids. */
async function agentCreates(w: World, titles: string[]): Promise<string[]> {
  const agent = new ServiceNowClient(basicHttp(w.sn, AGENT));
  w.clock.t += 2 * 60_000;
  const out: string[] = [];
  for (const short_description of titles) {
    w.clock.t += 1_000;
    out.push(String((await agent.create('incident', { short_description }, { fields: ['sys_id'] })).sys_id));
  }
  return out;
}

/** The Jira issue of each incident: its summary, and its number in the order Jira created them. */
async function jiraCopies(w: World, sysIds: string[]): Promise<Array<{ summary: unknown; created: number }>> {
  return Promise.all(sysIds.map(async (sysId) => {
    const pair = await w.jira.store.findPairByPartnerIssue(CONN, partnerIssueId(sysId));
    assert.ok(pair?.localIssueId, `incident ${sysId} is paired on the Jira side`);
    const issue = await w.jira.tracker.getIssue(pair.localIssueId);
    return { summary: issue?.fields.summary?.value, created: Number(issue?.key.split('-')[1]) };
  }));
}

const isAscending = (ns: number[]) => ns.every((n, i) => i === 0 || ns[i - 1]! < n);

describe('the ServiceNow peer flushing its outbox', () => {
  test('Jira failing: the flush stops after three failed sends; once Jira is back everything goes, oldest first, once', async () => {
    const w = await startWorld();
    try {
      const created = await agentCreates(w, ['Queued 1', 'Queued 2', 'Queued 3', 'Queued 4']);
      // Every Jira write fails, as if Jira answered 503.
      let jiraDown = true;
      Object.defineProperty(w.jira.tracker, 'failNextWrite', { get: () => (jiraDown ? { transient: true, message: 'Jira unavailable (503)' } : null), set: () => {} });

      const report = await w.poll();
      assert.deepEqual(report.changed, created);
      assert.deepEqual(report.flushed, { sent: 0, retrying: 3, archived: 0, more: false });
      const outbox = w.peer.deps.outbox as MemoryOutbox;
      const waiting = outbox.all().sort((a, b) => a.createdAt - b.createdAt);
      assert.deepEqual(waiting.map((e) => e.attempts), [1, 1, 1, 0], 'the three oldest were tried, the fourth was left alone');

      jiraDown = false;
      w.clock.t += 60_000;
      assert.deepEqual(await w.peer.flush(), { sent: 4, retrying: 0, archived: 0, more: false });
      const copies = await jiraCopies(w, created);
      assert.deepEqual(copies.map((c) => c.summary), [1, 2, 3, 4].map((n) => ({ kind: 'text', text: `Queued ${n}` })));
      assert.ok(isAscending(copies.map((c) => c.created)), `created on Jira oldest first: ${copies.map((c) => c.created).join(', ')}`);
      assert.deepEqual(outbox.all(), []);
      assert.deepEqual((await w.poll()).flushed, { sent: 0, retrying: 0, archived: 0, more: false }, 'nothing twice');
    } finally {
      await w.close();
    }
  });

  test('a budget leaves the rest for the next flush, and says so', async () => {
    const w = await startWorld();
    try {
      const created = await agentCreates(w, ['Budget 1', 'Budget 2', 'Budget 3']);
      const report = await w.poll({ flushMax: 2 });
      assert.deepEqual(report.flushed, { sent: 2, retrying: 0, archived: 0, more: true });
      assert.equal((w.peer.deps.outbox as MemoryOutbox).all().length, 1);
      assert.deepEqual(await w.peer.flush({ max: 2 }), { sent: 1, retrying: 0, archived: 0, more: false });
      const copies = await jiraCopies(w, created);
      assert.deepEqual(copies.map((c) => c.summary), [1, 2, 3].map((n) => ({ kind: 'text', text: `Budget ${n}` })));
      assert.ok(isAscending(copies.map((c) => c.created)), 'oldest first across the two flushes');
    } finally {
      await w.close();
    }
  });
});
