// A first sync of an issue with many worklogs: given acme and globex sharing worklogs, when an issue
// that already holds 45 worklogs comes into the scope, then globex logs all 45, once each, and no
// message acme sent carried more than the per-message limit (20 by default): acme splits the first
// sync itself, and splits again when globex's admin has set a lower limit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adfText, startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

type AuditRow = { record: { action: string; detail: string } };
const refusals = (site: SiteHandle) =>
  site.site.installation.store.all('entity:liaison-audit-entry').map((r) => (JSON.parse(r.value) as AuditRow).record).filter((a) => a.action === 'limit-refused' && a.detail.includes('worklogsPerMessage'));
const waitingOnAcme = (m: Mirror) => m.acme.site.installation.store.all('entity:liaison-outbox-entry').length;
const worklogCount = async (site: SiteHandle, key: string) => (await site.rest<{ total: number }>('GET', `/rest/api/3/issue/${key}/worklog?maxResults=1`)).total;

const sharing = (rule: { outgoing: object; incoming: object }) => ({
  ...rule, scope: { labels: ['billable'] },
  outgoing: { ...rule.outgoing, worklogs: { enabled: true } }, incoming: { ...rule.incoming, worklogs: { enabled: true } },
});

/** An acme issue out of the scope with `n` worklogs, logged a few at a time as an agent would. */
async function issueWithWorklogs(m: Mirror, summary: string, n: number): Promise<IssueRef> {
  const issue = await m.acme.createIssue({ summary });
  for (let i = 0; i < n; i++) {
    await m.acme.rest('POST', `/rest/api/3/issue/${issue.key}/worklog`, { timeSpentSeconds: 900 * (1 + (i % 4)), started: '2030-01-03T09:00:00.000+0000', comment: adfText(`Session ${i + 1}`) });
    // Jira's per-issue write rate holds for people too: a pause every few worklogs.
    if (i % 10 === 9) await m.advance(10_000);
  }
  await m.settle();
  return issue;
}

/** Moves virtual time on in steps until `done` holds. */
async function until(m: Mirror, what: string, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 60 && !(await done()); i++) await m.advance(30_000);
  assert.ok(await done(), `${what} did not happen; acme still waits on ${waitingOnAcme(m)} message(s)`);
}

describe('jira ↔ jira: a first sync with many worklogs goes in pieces within the limit', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await m.saveRule(m.acme, sharing);
    await m.saveRule(m.globex, sharing);
    await m.settle();
  });
  after(() => m.close());

  test('45 worklogs arrive on globex, once each, without globex refusing a message: acme sent at most 20 at a time', async () => {
    const issue = await issueWithWorklogs(m, 'Quarterly maintenance hours', 45);
    await m.acme.edit(issue.key, { labels: ['billable'] });
    await m.settle();
    const copy = await m.partnerOf(m.acme, issue);
    await until(m, '45 worklogs on globex', async () => (await worklogCount(m.globex, copy.key)) >= 45);
    assert.equal(await worklogCount(m.globex, copy.key), 45, 'each worklog once');
    assert.deepEqual(refusals(m.globex), [], 'no message went over globex\'s 20 worklogs per message');
    await m.advance(120_000);
    assert.equal(await worklogCount(m.globex, copy.key), 45);
    assert.equal(await worklogCount(m.acme, issue.key), 45, 'nothing came back');
    assert.equal(waitingOnAcme(m), 0, 'nothing left waiting');
  });

  test('globex lowers the limit to 8: its refusal names worklogsPerMessage, acme splits further and all 30 arrive', async () => {
    await m.globex.admin('admin/connections/limits', { connectionId: m.connectionId, limits: { worklogsPerMessage: 8 } });
    await m.settle();
    const issue = await issueWithWorklogs(m, 'Onboarding hours', 30);
    await m.acme.edit(issue.key, { labels: ['billable'] });
    await m.settle();
    const copy = await m.partnerOf(m.acme, issue);
    await until(m, '30 worklogs on globex', async () => (await worklogCount(m.globex, copy.key)) >= 30);
    assert.equal(await worklogCount(m.globex, copy.key), 30, 'each worklog once');
    assert.ok(refusals(m.globex).length > 0, 'globex refused a piece of 20 first, naming the limit');
    assert.ok(refusals(m.globex).every((a) => /worklogsPerMessage: \d+ is over this connection's limit of 8/.test(a.detail)));
    await m.advance(120_000);
    assert.equal(waitingOnAcme(m), 0, 'nothing left waiting');
  });
});
