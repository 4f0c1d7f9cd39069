// Jira → ServiceNow while the instance is down (5xx) or rate-limiting (429 with Retry-After): the
// Jira side's changes wait in its queue, honour Retry-After, and drain in the order they were made
// once the instance answers again; each reaches the record once. The other way, polls that fail
// lose nothing: what changed before the outage arrives after it.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
// The sandbox before anything that loads a Forge SDK (app-world imports it first).
import { startApp, type AppWorld } from './app-world';
import type { SyncErrorView } from '../../../src/shared/resolver-contract';
import { INTEGRATION_USER } from './support';

type QueueView = Array<{ attempts: number; nextTryAt: number; lastError: string | null }>;

describe('Jira ↔ ServiceNow while the instance fails', () => {
  let w: AppWorld;
  beforeEach(async () => {
    w = await startApp();
  });
  afterEach(() => w.close());

  /** A Jira issue and its incident; the short descriptions the integration user writes to it from now on, in order. */
  async function mirrored(summary: string) {
    const issue = await w.acme.createIssue({ summary });
    await w.settle();
    const [incident] = (await w.client.list('incident', { query: `short_description=${summary}`, fields: ['sys_id'] })).records;
    assert.ok(incident, 'the incident was created');
    const sysId = String(incident.sys_id);
    const written: string[] = [];
    w.sn.onRecordChange((e) => {
      if (e.table !== 'incident' || e.sysId !== sysId || e.user !== INTEGRATION_USER.username) return;
      // Only writes that set the short description: with Forge's delivery delay on, a later write of
      // other columns (the link back, a work note) can land after the create and is not an edit.
      if (e.changed && !e.changed.includes('short_description')) return;
      const value = String(e.record.short_description);
      if (written[written.length - 1] !== value) written.push(value);
    });
    return { issue, sysId, written };
  }

  const queue = () => w.acme.admin<QueueView>('admin/queue/list', { connectionId: w.connectionId });

  test('the instance down: edits and a comment queue on Jira, then drain in order once it is back', async () => {
    const { issue, sysId, written } = await mirrored('Outage: v0');
    w.sn.faults.serverError({ fraction: 1, status: 503 });
    for (const summary of ['Outage: v1', 'Outage: v2', 'Outage: v3']) {
      await w.acme.edit(issue.key, { summary });
      await w.settle();
    }
    await w.acme.addComment(issue.key, 'Sent during the outage');
    await w.advance(2 * 60_000);
    const waiting = await queue();
    assert.equal(waiting.length, 4, 'every change waits in the queue');
    assert.ok(waiting.every((e) => e.attempts > 0 && /503/.test(e.lastError ?? '')), JSON.stringify(waiting));

    w.sn.faults.reset();
    const failures = w.sn.faults.counts.serverErrors;
    assert.ok(failures >= 4);
    assert.equal((await w.record(sysId)).short_description, 'Outage: v0');
    await w.advance(20 * 60_000);
    assert.equal((await w.record(sysId)).short_description, 'Outage: v3');
    assert.deepEqual(written, ['Outage: v1', 'Outage: v2', 'Outage: v3'], 'applied in the order they were made');
    const journal = await w.client.journal('incident', sysId);
    assert.equal(journal.filter((e) => e.value.includes('Sent during the outage')).length, 1);
    assert.deepEqual(await queue(), []);
    assert.deepEqual((await w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId })).filter((e) => e.field === 'message'), []);
    // And nothing comes back to Jira from the instance's copies of Jira's own changes.
    await w.nextPoll();
    assert.deepEqual(await w.summaryHistory(issue.key), ['Outage: v0', 'Outage: v1', 'Outage: v2', 'Outage: v3']);
  });

  test("the instance rate-limits Jira's writes: Jira waits as long as Retry-After says, then the change lands once", async () => {
    const { issue, sysId, written } = await mirrored('Limit: before');
    w.sn.faults.rateLimit({ next: 2, retryAfterSeconds: 120, when: (r) => r.method === 'PATCH' });
    await w.acme.edit(issue.key, { summary: 'Limit: after' });
    await w.settle();
    const [entry] = await queue();
    assert.ok(entry, 'the change waits');
    // Measured from ServiceNow's answer: settle() moves the clock on until storage queries are current.
    const refusals = w.acme.recorder.entries({ kind: 'egress', status: 429 });
    assert.equal(refusals.length, 1, 'one attempt so far, refused');
    const refusedAt = refusals[0]!.at;
    assert.equal(entry.nextTryAt - refusedAt, 120_000, "the peer passed on ServiceNow's Retry-After and Jira honours it");

    await w.advance(refusedAt + 119_000 - w.clock.now());
    assert.equal((await w.record(sysId)).short_description, 'Limit: before', 'not retried early');
    await w.advance(20 * 60_000);
    assert.equal((await w.record(sysId)).short_description, 'Limit: after');
    assert.equal(w.sn.faults.counts.rateLimited, 2);
    assert.deepEqual(written, ['Limit: after'], 'written once');
    assert.deepEqual(await queue(), []);
  });

  test('the instance down when the polls come: what changed before the outage arrives after it, once', async () => {
    const sysId = await w.agentCreate({ short_description: 'Asleep: v1' });
    await w.nextPoll();
    const issue = await w.jiraIssue('Asleep: v1');
    await w.advance(1_000);
    await w.agent.update('incident', sysId, { short_description: 'Asleep: v2' });
    await w.agent.update('incident', sysId, { comments: 'Written just before the outage' });
    w.sn.faults.serverError({ fraction: 1, status: 503 });
    await w.nextPoll();
    await w.nextPoll();
    assert.ok(w.sn.faults.counts.serverErrors >= 2, 'both polls failed');
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Asleep: v1');

    w.sn.faults.reset();
    await w.nextPoll();
    assert.deepEqual(await w.summaryHistory(issue.key), ['Asleep: v1', 'Asleep: v2']);
    await w.nextPoll();
    assert.deepEqual(await w.summaryHistory(issue.key), ['Asleep: v1', 'Asleep: v2'], 'applied once');
    assert.equal((await w.acme.comments(issue.key)).filter((c) => c.text.includes('Written just before the outage')).length, 1);
  });
});
