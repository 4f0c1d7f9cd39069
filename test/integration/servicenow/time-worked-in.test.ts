// ServiceNow's time worked reaches Jira: given acme's rule accepts worklogs from the instance, when
// an agent on ServiceNow records time on an incident (its Time worked timer, a running total), then
// the Jira issue shows one worklog "Time worked in ServiceNow (INC…)" holding that total: added,
// edited as the total moves, gone when it is back at zero, and added again when time is recorded
// later. A retried delivery finds the worklog it logged instead of logging it twice. The rule
// cannot take it while it also sends Jira's time spent into the same timer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRead } from '../../../sandbox/jira/point-cost';
import { snRule, startApp, type AppWorld } from './app-world';
import { INTEGRATION_USER } from './support';
import type { Json } from '../jira-jira/support';

type Worklog = { id: string; timeSpentSeconds: number; comment?: unknown };

/** acme's rule with the instance, taking worklogs in (and, when asked, sending time spent out). */
function rule(c: string, p: string, fields: Json = {}): Json {
  const base = snRule(c, p) as { fields: Json; incoming: Json };
  return { ...base, fields: { ...base.fields, ...fields }, incoming: { ...base.incoming, worklogs: { enabled: true } } };
}

async function world(): Promise<AppWorld> {
  const w = await startApp({ rule: (c, p) => rule(c, p) });
  // The shipped business rule tells the app of each agent's save (Liaison's own writes left out).
  w.sn.enableBusinessRule({
    url: w.notice.url, secret: w.notice.secret, tables: ['incident'], ignoreUsers: [INTEGRATION_USER.username],
    post: async (url, body, headers) => {
      const u = new URL(url);
      return w.world.platform.handleWebTrigger({ method: 'POST', path: u.pathname + u.search, headers, body });
    },
  });
  return w;
}

/** A mirrored pair: the Jira issue and its incident's sys_id and number. */
async function pair(w: AppWorld, summary: string) {
  const issue = await w.acme.createIssue({ summary });
  await w.settle();
  const found = await w.client.list('incident', { query: `short_description=${summary}`, fields: ['sys_id', 'number'] });
  assert.equal(found.records.length, 1, `one incident "${summary}"`);
  return { issue, sysId: String(found.records[0]!.sys_id), number: String(found.records[0]!.number) };
}

const worklogs = async (w: AppWorld, key: string): Promise<Worklog[]> => (await w.acme.rest<{ worklogs: Worklog[] }>('GET', `/rest/api/3/issue/${key}/worklog`)).worklogs;

/** The agent records time: the timer's new total, as the form saves it. */
async function timeWorked(w: AppWorld, sysId: string, total: string): Promise<void> {
  await w.advance(1_000);
  await w.agent.update('incident', sysId, { time_worked: total });
  await w.settle();
}

describe('ServiceNow time worked → Jira worklog', () => {
  test('0 → 15 min → 45 min → 0 → 30 min: one worklog follows the total, gone at zero, back after', async () => {
    const w = await world();
    try {
      const { issue, sysId, number } = await pair(w, 'Laptop screen flickers');
      assert.deepEqual(await worklogs(w, issue.key), [], 'no time worked yet: no worklog');
      // The instance keeps the timer as a duration: a date-time from 1970, shown in words.
      await timeWorked(w, sysId, '1970-01-01 00:15:00');
      const read = await w.agent.get('incident', sysId, { fields: ['time_worked'], displayValue: 'all' });
      assert.deepEqual(read!.time_worked, { display_value: '15 Minutes', value: '1970-01-01 00:15:00' });

      const first = await worklogs(w, issue.key);
      assert.deepEqual(first.map((l) => l.timeSpentSeconds), [900]);
      assert.match(JSON.stringify(first[0]!.comment), new RegExp(`Time worked in ServiceNow \\(${number}\\)`));

      await timeWorked(w, sysId, '1970-01-01 00:45:00');
      const second = await worklogs(w, issue.key);
      assert.deepEqual(second.map((l) => [l.id, l.timeSpentSeconds]), [[first[0]!.id, 2_700]], 'the same worklog, edited');
      assert.equal((await w.acme.issue(issue.key, 'timespent')).fields.timespent, 2_700);

      await timeWorked(w, sysId, '1970-01-01 00:00:00');
      assert.deepEqual(await worklogs(w, issue.key), [], 'back at zero: the worklog is gone');

      await timeWorked(w, sysId, '1970-01-01 00:30:00');
      assert.deepEqual((await worklogs(w, issue.key)).map((l) => l.timeSpentSeconds), [1_800], 'time recorded again: a worklog again');
      // Nothing of it went back: the incident's timer is the agent's.
      assert.equal(String((await w.client.get('incident', sysId, { fields: ['time_worked'] }))!.time_worked), '1970-01-01 00:30:00');
    } finally {
      await w.close();
    }
  });

  test('a total under a minute goes to the nearest minute: 20 s is no worklog yet, 1 min 40 s is 2 m', async () => {
    const w = await world();
    try {
      const { issue, sysId } = await pair(w, 'Badge printer jams');
      await timeWorked(w, sysId, '1970-01-01 00:00:20');
      assert.deepEqual(await worklogs(w, issue.key), []);
      await timeWorked(w, sysId, '1970-01-01 00:01:40');
      assert.deepEqual((await worklogs(w, issue.key)).map((l) => l.timeSpentSeconds), [120]);
    } finally {
      await w.close();
    }
  });

  test('a retried delivery finds the worklog it logged: Jira took the add but its answer was lost', async () => {
    const w = await world();
    try {
      const { issue, sysId } = await pair(w, 'VPN drops every hour');
      // The worklog POST lands on Jira, then the gateway answers 504: the apply fails and is sent again.
      w.acme.jira.faults.serverError({ next: 1, status: 504, landed: true, when: (r) => r.method === 'POST' && /\/worklog$/.test(r.path) });
      await timeWorked(w, sysId, '1970-01-01 00:15:00');
      await w.advance(120_000);
      assert.equal(w.acme.jira.faults.counts.serverErrors, 1, 'the add was answered with a 504 once');
      assert.deepEqual((await worklogs(w, issue.key)).map((l) => l.timeSpentSeconds), [900], 'logged once');
      // And it is the pair's worklog: the next change edits it.
      await timeWorked(w, sysId, '1970-01-01 00:20:00');
      assert.deepEqual((await worklogs(w, issue.key)).map((l) => l.timeSpentSeconds), [1_200]);
    } finally {
      await w.close();
    }
  });

  test('cost: a time worked change is no more instance requests and storage operations than a summary change (at most 8, both sides), one Jira read and one worklog write', async () => {
    const w = await world();
    try {
      const { issue, sysId } = await pair(w, 'Conference room display dead');
      const measure = async (change: () => Promise<unknown>) => {
        await w.advance(1_000);
        // The instance's requests are the app's egress, in the same recorder.
        w.acme.recorder.reset();
        await change();
        await w.settle();
        const calls = w.acme.recorder.entries({ kind: 'product' }).map((e) => ({ call: `${e.method} ${e.path.split('?')[0]}`, read: isRead(e.method, e.path.split('?')[0]!) }));
        const kvs = w.acme.recorder.entries({ kind: 'kvs' }).map((e) => (e as { op: string }).op);
        return { instance: w.instanceRequests(), calls, kvs };
      };
      const summary = await measure(() => w.agent.update('incident', sysId, { short_description: 'Conference room display dead (B2)' }));
      for (const [total, write] of [['1970-01-01 00:15:00', 'POST'], ['1970-01-01 00:45:00', 'PUT'], ['1970-01-01 00:00:00', 'DELETE']] as const) {
        const cost = await measure(() => w.agent.update('incident', sysId, { time_worked: total }));
        assert.ok(cost.instance <= summary.instance, `${total}: ${cost.instance} instance requests, a summary change ${summary.instance}`);
        assert.ok(cost.calls.filter((c) => c.read).length <= 1, `${total}: Jira reads ${cost.calls.map((c) => c.call).join(', ')}`);
        const writes = cost.calls.filter((c) => !c.read).map((c) => c.call);
        assert.deepEqual(writes.map((c) => c.replace(/\/worklog\/\d+$/, '/worklog/ID')), [`${write} /rest/api/3/issue/${issue.id}/worklog${write === 'POST' ? '' : '/ID'}`], `${total}: ${writes.join(', ')}`);
        assert.ok(cost.kvs.length <= Math.min(8, summary.kvs.length), `${total}: storage operations, both sides: ${cost.kvs.join(', ')} (a summary change: ${summary.kvs.join(', ')})`);
      }
      assert.deepEqual(await worklogs(w, issue.key), []);
    } finally {
      await w.close();
    }
  });

  test('the rule cannot send time spent into the timer and take the timer back as a worklog', async () => {
    const w = await world();
    try {
      const refused = await w.acme.adminResult('admin/rules/save', { rule: rule(w.connectionId, w.acme.project, { timespent: { direction: 'out' } }), comment: 'time both ways' });
      assert.ok(!refused.ok);
      const details = (refused.error as { details?: Array<{ path: string; message: string }> }).details ?? [];
      assert.deepEqual(details.map((d) => d.path), ['fields["timespent"].direction']);
      assert.match(details[0]!.message, /fields\["timespent"\] with direction "out" writes the record's Time worked \(time_worked\), and incoming\.worklogs\.enabled brings that Time worked back/);
      // Either one alone is fine.
      const base = snRule(w.connectionId, w.acme.project) as { fields: Json };
      assert.ok((await w.acme.adminResult('admin/rules/save', { rule: { ...base, fields: { ...base.fields, timespent: { direction: 'out' } } }, comment: 'time spent out' })).ok);
    } finally {
      await w.close();
    }
  });
});
