// Jira's time spent reaches ServiceNow's "Time worked": given acme's rule with the instance sends
// time spent, when an agent logs, changes or deletes work on the Jira issue, then the incident's
// time_worked timer holds the worklogs' total. It goes one way: Jira adds up time spent from
// worklogs, so a rule that would take it in is refused at save, naming why.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { snRule, startApp } from './app-world';
import { adfText } from '../jira-jira/support';

describe('Jira time spent → ServiceNow time worked', () => {
  test('the incident follows the worklogs total, and the rule cannot take time spent in', async () => {
    const app = await startApp({
      rule: (c, p) => snRule(c, p, { fields: { summary: { direction: 'both', conflict: 'latest' }, timespent: { direction: 'out' } } }),
    });
    try {
      const issue = await app.acme.createIssue({ summary: 'Badge readers offline in hall B' });
      await app.settle();
      const found = await app.client.list('incident', { query: 'short_descriptionLIKEBadge readers', fields: ['sys_id', 'time_worked'] });
      assert.equal(found.records.length, 1);
      const sysId = String(found.records[0]!.sys_id);
      const timeWorked = async () => String((await app.client.get('incident', sysId, { fields: ['time_worked'] }))!.time_worked);
      assert.equal(await timeWorked(), '', 'no time logged yet');

      const log = (seconds: number) => app.acme.rest<{ id: string }>('POST', `/rest/api/3/issue/${issue.key}/worklog`, { timeSpentSeconds: seconds, started: '2030-01-07T09:00:00.000+0000', comment: adfText('On site') });
      const first = await log(5_400);
      await log(27 * 3_600);
      await app.settle();
      assert.equal(await timeWorked(), '1970-01-02 04:30:00', '1 h 30 min + 27 h');

      await app.acme.rest('PUT', `/rest/api/3/issue/${issue.key}/worklog/${first.id}`, { timeSpentSeconds: 1_800 });
      await app.settle();
      assert.equal(await timeWorked(), '1970-01-02 03:30:00');

      await app.acme.rest('DELETE', `/rest/api/3/issue/${issue.key}/worklog/${first.id}`);
      await app.settle();
      assert.equal(await timeWorked(), '1970-01-02 03:00:00');

      const refused = await app.acme.adminResult('admin/rules/save', {
        rule: snRule(app.connectionId, app.acme.project, { fields: { timespent: { direction: 'in' } } }), comment: 'time spent both ways',
      });
      assert.ok(!refused.ok);
      const details = (refused.error as { details?: Array<{ path: string; message: string }> }).details ?? [];
      assert.deepEqual(details.map((d) => d.path), ['fields["timespent"].direction']);
      assert.match(details[0]!.message, /only "out": Jira adds up time spent from worklogs/);
    } finally {
      await app.close();
    }
  });
});
