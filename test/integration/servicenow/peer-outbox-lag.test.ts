// The ServiceNow peer on storage whose queries lag far behind its writes. Forge's `kvs.query` and
// index queries are only eventually consistent; only `get` is strong. The peer finds what is due to
// Jira through such a query, so it must neither miss what it queued a moment ago nor send again
// (or send early) what the query still shows as it was; and it finds a record's pair through the
// pair index, so a record Liaison just created must not look new while that index lags.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
// The sandbox before anything that loads a Forge SDK (app-world imports it first).
import { POLL_INTERVAL_MS, startApp, type AppWorld } from './app-world';
import { DOCUMENTED_STRICTNESS } from '../../../sandbox/platform/kvs/kvs-strictness';
import { T0 } from '../jira-jira/support';
import type { SyncErrorView } from '../../../src/shared/resolver-contract';
import { INTEGRATION_USER } from './support';

const jiraWrite = (r: { method: string; path: string }) => r.method === 'PUT' && r.path.startsWith('/rest/api/3/issue/');
/** Far longer than a poll interval: every write stays out of storage queries for a day. */
const LONG_LAG_MS = 24 * 3_600_000;

describe('the ServiceNow peer outbox while storage queries lag', () => {
  let w: AppWorld;
  beforeEach(async () => {
    w = await startApp();
    await w.settle();
    // Stricter than the default bound on purpose (Forge documents no bound on the lag): every write
    // lags a day, so no test here depends on how long a drawn lag happens to be.
    w.acme.site.installation.store.strictness.configure({ ...DOCUMENTED_STRICTNESS, indexLagMaxMs: LONG_LAG_MS, indexLagMinMs: LONG_LAG_MS });
  });
  afterEach(() => w.close());

  /** Just past the next five-minute tick, running what falls due, without waiting for the index (settle() would). */
  async function nextPoll(): Promise<void> {
    const next = Math.floor((w.clock.now() - T0) / POLL_INTERVAL_MS + 1) * POLL_INTERVAL_MS + T0;
    await w.clock.advance(next - w.clock.now() + 1_000);
    await w.runDue();
  }

  async function until(at: number): Promise<void> {
    await w.clock.advance(Math.max(0, at - w.clock.now()));
    await w.runDue();
  }

  test('a record created between polls reaches Jira in the poll that found it, though the query does not show its message yet', async () => {
    await w.agentCreate({ short_description: 'Lagging: badge reader' });
    await nextPoll();
    const issue = await w.jiraIssue('Lagging: badge reader');
    assert.deepEqual(w.peerOutbox(), [], 'delivered, nothing left waiting');
    await nextPoll();
    assert.deepEqual(await w.summaryHistory(issue.key), ['Lagging: badge reader'], 'nothing applied again');
    assert.equal((await w.jiraIssues('Lagging: badge reader')).length, 1, 'created once');
  });

  test('a message Jira asked to wait for goes when Retry-After ends, not at the poll before, though the query still shows it due', async () => {
    const sysId = await w.agentCreate({ short_description: 'Patient: v1' });
    await nextPoll();
    const issue = await w.jiraIssue('Patient: v1');
    await w.clock.advance(1_000);
    await w.agent.update('incident', sysId, { short_description: 'Patient: v2' });

    // The first attempt meets a 503: the message waits 10 s (the retry policy's first step).
    w.acme.jira.faults.serverError({ next: 1, status: 503, when: jiraWrite });
    await nextPoll();
    const [first] = w.peerOutbox();
    assert.ok(first, 'the change waits');
    assert.equal(first.attempts, 1);
    // The query now shows the message as it stands: due 10 s from now.
    w.acme.site.installation.store.settleQueries();

    // The retry meets a 429 asking for 9 minutes; the query keeps showing it due from before.
    w.acme.jira.faults.rateLimit({ next: 1, retryAfterSeconds: 9 * 60, when: jiraWrite });
    await until(first.nextTryAt + 1_000);
    assert.equal(w.acme.jira.faults.counts.rateLimited, 1);
    const [waiting] = w.peerOutbox();
    assert.ok(waiting, 'still waiting');
    assert.ok(waiting.nextTryAt > w.clock.now() + POLL_INTERVAL_MS, `due when Retry-After ends (in ${(waiting.nextTryAt - w.clock.now()) / 1000} s)`);

    await nextPoll();
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Patient: v1', 'the poll before Retry-After ended did not send it');
    assert.deepEqual(w.peerOutbox(), [waiting], 'nor touched it');

    await until(waiting.nextTryAt + 1_000);
    assert.deepEqual(await w.summaryHistory(issue.key), ['Patient: v1', 'Patient: v2'], 'its wake-up sent it');
    assert.deepEqual(w.peerOutbox(), []);
    // The query still shows the delivered message; the polls after it send nothing again.
    await nextPoll();
    await nextPoll();
    assert.deepEqual(await w.summaryHistory(issue.key), ['Patient: v1', 'Patient: v2'], 'applied once');
    assert.deepEqual(w.peerOutbox(), [], 'nothing put back');
    assert.equal(w.acme.jira.faults.counts.rateLimited, 1);
    assert.equal(w.acme.jira.faults.counts.serverErrors, 1);
    assert.deepEqual((await w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId })).filter((e) => e.field === 'message'), []);
  });

  /** The business rule sends its notices at once; no ignoreUsers: the integration user's own writes notify too (push.test.ts). */
  function noticesAtOnce(): void {
    w.sn.enableBusinessRule({
      url: w.notice.url, secret: w.notice.secret, tables: ['incident'],
      post: async (url, body, headers) => {
        const u = new URL(url);
        return w.world.platform.handleWebTrigger({ method: 'POST', path: u.pathname + u.search, headers, body });
      },
    });
  }

  test("Liaison's own insert and link back, noticed while the pair index lags, do not come back to Jira as a new issue", async () => {
    noticesAtOnce();
    const issue = await w.acme.createIssue({ summary: 'Lagging: projector' });
    await until(w.clock.now() + 3 * 60_000);
    const [incident] = (await w.client.list('incident', { query: 'short_description=Lagging: projector', fields: ['sys_id', 'correlation_id', 'sys_updated_by'] })).records;
    assert.ok(incident, 'the incident was created');
    assert.equal(incident.correlation_id, issue.key, 'and linked back');
    assert.deepEqual(w.sn.noticeLog, { sent: 2, failed: 0 }, 'the insert and the link back were noticed, and accepted');
    assert.deepEqual((await w.jiraIssues('Lagging: projector')).map((i) => i.key), [issue.key], 'no second Jira issue for the incident');

    // The agent's edit after the lag still arrives, once.
    w.acme.site.installation.store.settleQueries();
    await w.clock.advance(1_000);
    await w.agent.update('incident', String(incident.sys_id), { short_description: 'Lagging: projector, room 4' });
    await until(w.clock.now() + 3 * 60_000);
    const history = await w.summaryHistory(issue.key);
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Lagging: projector, room 4');
    assert.equal(history.filter((v) => v === 'Lagging: projector, room 4').length, 1, `applied once: ${JSON.stringify(history)}`);
    assert.equal(incident.sys_updated_by, INTEGRATION_USER.username, 'the link back was the last write before the agent');
  });

  test("an agent's edit of the incident Liaison just made from a Jira issue, noticed while the pair index lags, reaches that issue: no second one", async () => {
    noticesAtOnce();
    const issue = await w.acme.createIssue({ summary: 'Lagging: scanner' });
    await until(w.clock.now() + 3 * 60_000);
    const [incident] = (await w.client.list('incident', { query: 'short_description=Lagging: scanner', fields: ['sys_id', 'correlation_id'] })).records;
    assert.ok(incident, 'the incident was created');
    assert.equal(incident.correlation_id, issue.key, 'and linked back');

    // The agent writes last now, and the index still shows no pair for the record (a day's lag).
    await w.clock.advance(1_000);
    w.acme.recorder.reset();
    await w.agent.update('incident', String(incident.sys_id), { short_description: 'Lagging: scanner, floor 2' });
    await until(w.clock.now() + 3 * 60_000);
    // The link names the issue's id ("Jira (Liaison) <id>"): its pair is read by key, with no Jira read of the key.
    const byKey = w.acme.recorder.entries({ kind: 'product' }).filter((e) => e.path.startsWith(`/rest/api/3/issue/${issue.key}`));
    assert.deepEqual(byKey.map((e) => `${e.method} ${e.path.split('?')[0]}`), [], 'no read of the issue by its key');
    await nextPoll();
    assert.deepEqual((await w.jiraIssues('Lagging: scanner')).map((i) => i.key), [issue.key], 'no second Jira issue for the incident');
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Lagging: scanner, floor 2', 'the edit reached the issue');
    const history = await w.summaryHistory(issue.key);
    assert.equal(history.filter((v) => v === 'Lagging: scanner, floor 2').length, 1, `applied once: ${JSON.stringify(history)}`);
    assert.deepEqual((await w.client.list('incident', { query: 'short_descriptionSTARTSWITHLagging: scanner', fields: ['sys_id'] })).records.map((r) => r.sys_id), [incident.sys_id], 'one incident');

    // A copy an agent makes carries the same link, but the issue's pair names the first record: the copy is new (d947182).
    await w.agentCreate({ short_description: 'Copied: scanner', correlation_id: issue.key, correlation_display: `Jira (Liaison) ${issue.id}` });
    await w.agentCreate({ short_description: 'Copied again: scanner', correlation_id: issue.key, correlation_display: 'Jira (Liaison)' });
    await until(w.clock.now() + 3 * 60_000);
    await nextPoll();
    assert.equal((await w.jiraIssues('Copied: scanner')).length, 1, 'the copy became an issue of its own');
    assert.equal((await w.jiraIssues('Copied again: scanner')).length, 1, 'so did a copy of a record linked before the id was kept');
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Lagging: scanner, floor 2', 'the first issue kept its summary');
  });
});
