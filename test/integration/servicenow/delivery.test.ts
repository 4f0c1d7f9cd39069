// ServiceNow → Jira when the Jira side cannot take a change: the ServiceNow peer keeps it in its
// persistent outbox and the core's retry policy decides when to try again — the record itself
// never changes again, so nothing but that outbox could bring the change. Push notices and polls
// together still apply every change once, and a change Jira refuses for good waits in the error
// list with a working retry button.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
// The sandbox before anything that loads a Forge SDK (app-world imports it first).
import { POLL_INTERVAL_MS, snRule, startApp, type AppWorld } from './app-world';
import type { SyncErrorView } from '../../../src/shared/resolver-contract';
import { INTEGRATION_USER } from './support';

const jiraWrite = (r: { method: string; path: string }) => r.method === 'PUT' && r.path.startsWith('/rest/api/3/issue/');

describe('ServiceNow → Jira deliveries that fail', () => {
  let w: AppWorld;
  afterEach(() => w.close());

  describe('with polling', () => {
    beforeEach(async () => {
      w = await startApp();
    });

    test("Jira's 503s: the polled change waits in the peer's outbox, is retried on the retry policy's schedule, and lands once", async () => {
      const sysId = await w.agentCreate({ short_description: 'Deliver: v1' });
      await w.nextPoll();
      const issue = await w.jiraIssue('Deliver: v1');
      await w.advance(1_000);
      await w.agent.update('incident', sysId, { short_description: 'Deliver: v2' });
      w.acme.jira.faults.serverError({ next: 2, status: 503, when: jiraWrite });

      await w.nextPoll();
      const [waiting] = w.peerOutbox();
      assert.ok(waiting, 'the change is kept in storage');
      assert.equal(waiting.attempts, 1);
      assert.match(waiting.lastError ?? '', /503/);
      assert.ok(waiting.nextTryAt > w.clock.now(), 'and backs off');
      const listed = await w.acme.admin<Array<{ id: string; attempts: number; lastError: string | null }>>('admin/queue/list', { connectionId: w.connectionId });
      assert.deepEqual(listed.map((e) => [e.id, e.attempts, /503/.test(e.lastError ?? '')]), [[waiting.id, 1, true]], "the admin's queue shows it waiting");
      assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Deliver: v1');

      // Well before the next poll, the wake-ups try again when the back-off ends: once more in vain, then it lands.
      await w.advance(2 * 60_000);
      assert.equal(w.acme.jira.faults.counts.serverErrors, 2);
      assert.deepEqual(w.peerOutbox(), []);
      assert.deepEqual(await w.summaryHistory(issue.key), ['Deliver: v1', 'Deliver: v2']);
      await w.nextPoll();
      await w.nextPoll();
      assert.deepEqual(await w.summaryHistory(issue.key), ['Deliver: v1', 'Deliver: v2'], 'applied once');
      assert.deepEqual((await w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId })).filter((e) => e.field === 'message'), []);
    });

    test("Jira's 429 with Retry-After: the peer tries again when it ends, not before (not even at a poll), and the change lands once", async () => {
      const sysId = await w.agentCreate({ short_description: 'Patience: v1' });
      await w.nextPoll();
      const issue = await w.jiraIssue('Patience: v1');
      await w.advance(1_000);
      await w.agent.update('incident', sysId, { short_description: 'Patience: v2' });
      w.acme.jira.faults.rateLimit({ next: 1, retryAfterSeconds: 9 * 60, when: jiraWrite });

      await w.nextPoll();
      const failedAt = w.clock.now() - 1_000;
      const [entry] = w.peerOutbox();
      assert.ok(entry, 'the change is kept');
      assert.ok(Math.abs(entry.nextTryAt - (failedAt + 9 * 60_000)) <= 1_000, `due when Jira's Retry-After ends (in ${(entry.nextTryAt - failedAt) / 1000} s)`);

      await w.nextPoll();
      // Waiting out Jira's rate limit is not a failed delivery: no attempt is counted for it.
      assert.deepEqual({ attempts: w.peerOutbox()[0]?.attempts, nextTryAt: w.peerOutbox()[0]?.nextTryAt }, { attempts: 0, nextTryAt: entry.nextTryAt }, 'the poll before Retry-After ended did not try');
      assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Patience: v1');

      await w.advance(entry.nextTryAt - w.clock.now() + 1_000);
      assert.deepEqual(w.peerOutbox(), []);
      assert.deepEqual(await w.summaryHistory(issue.key), ['Patience: v1', 'Patience: v2']);
      assert.equal(w.acme.jira.faults.counts.rateLimited, 1);
      await w.nextPoll();
      assert.deepEqual(await w.summaryHistory(issue.key), ['Patience: v1', 'Patience: v2'], 'applied once');
    });
  });

  test('a new incident Jira refuses to create is archived, and the retry button sends it once Jira accepts', async () => {
    w = await startApp({ rule: (c, p) => snRule(c, p, { incoming: { create: null } }) });
    await w.agentCreate({ short_description: 'Refused: printer' });
    await w.nextPoll();
    assert.deepEqual(await w.jiraIssues('Refused:'), []);
    const archived = (await w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId })).filter((e) => e.field === 'message');
    assert.equal(archived.length, 1, JSON.stringify(archived));
    assert.equal(archived[0]!.retryable, true);
    assert.match(archived[0]!.reason, /422/);
    assert.deepEqual(w.peerOutbox(), [], 'moved out of the outbox');
    await w.nextPoll();
    assert.deepEqual(await w.jiraIssues('Refused:'), [], 'an unchanged record is not sent again by itself');

    await w.saveRule(snRule(w.connectionId, w.acme.project), 'creates from ServiceNow welcome');
    await w.acme.admin('admin/errors/retry', { connectionId: w.connectionId, errorId: archived[0]!.id });
    await w.settle();
    const issue = await w.jiraIssue('Refused: printer');
    assert.deepEqual((await w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId })).filter((e) => e.field === 'message'), []);
    assert.equal((await w.acme.admin<Array<unknown>>('admin/queue/list', { connectionId: w.connectionId })).length, 0, "nothing went to the Jira side's own queue");
    await w.nextPoll();
    assert.equal((await w.jiraIssues('Refused:')).length, 1, 'created once');
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Refused: printer');
  });

  test('push and polling together: a pushed change whose delivery failed is sent again from the outbox, duplicated notices change nothing, each change applies once', async () => {
    w = await startApp();
    w.sn.enableBusinessRule({
      url: w.notice.url, secret: w.notice.secret, tables: ['incident'], ignoreUsers: [INTEGRATION_USER.username],
      post: async (url, body, headers) => {
        const u = new URL(url);
        return w.world.platform.handleWebTrigger({ method: 'POST', path: u.pathname + u.search, headers, body });
      },
    });
    // A poll run (started by the five-minute maintenance) lists the table by update time (app/servicenow/poll.ts).
    const polls = () => w.acme.recorder.entries({ kind: 'egress' }).filter((e) => e.kind === 'egress' && /\/api\/now\/table\/incident\?.*ORDERBYsys_updated_on/.test(decodeURIComponent(e.url))).length;
    const sysId = await w.agentCreate({ short_description: 'Pushed: v1' });
    await w.settle();
    const issue = await w.jiraIssue('Pushed: v1');
    assert.equal(polls(), 0, 'the notice brought it, not a poll');

    w.acme.jira.faults.serverError({ next: 1, status: 503, when: jiraWrite });
    await w.advance(1_000);
    await w.agent.update('incident', sysId, { short_description: 'Pushed: v2' });
    await w.settle();
    assert.equal(w.acme.jira.faults.counts.serverErrors, 1);
    assert.equal(w.peerOutbox().length, 1, 'the pushed change waits');
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Pushed: v1');

    await w.nextPoll();
    assert.ok(polls() >= 1);
    assert.deepEqual(w.peerOutbox(), []);
    assert.deepEqual(await w.summaryHistory(issue.key), ['Pushed: v1', 'Pushed: v2']);

    w.sn.faults.duplicateEvents({ fraction: 1 });
    await w.advance(1_000);
    await w.agent.update('incident', sysId, { short_description: 'Pushed: v3' });
    await w.agent.update('incident', sysId, { comments: 'Toner replaced' });
    await w.settle();
    assert.ok(w.sn.faults.counts.duplicatedEvents >= 2, 'every notice went twice');
    await w.advance(2 * POLL_INTERVAL_MS);
    assert.deepEqual(await w.summaryHistory(issue.key), ['Pushed: v1', 'Pushed: v2', 'Pushed: v3']);
    assert.equal((await w.acme.comments(issue.key)).filter((c) => c.text.includes('Toner replaced')).length, 1);
    assert.equal((await w.jiraIssues('Pushed:')).length, 1);
    assert.deepEqual(w.peerOutbox(), []);
  });
});
