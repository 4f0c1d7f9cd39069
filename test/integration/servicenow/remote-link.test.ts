// The Jira issue of a pair links to its ServiceNow record (a Jira remote link), whichever side
// created it: the record's URL reaches the Jira side in the peer's ack (a Jira-created issue) or in
// the replica's origin (a polled record). The panel points at the same page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
// The sandbox before anything that loads a Forge SDK (app-world imports it first).
import { startApp, type AppWorld } from './app-world';

describe('Jira → ServiceNow record links', () => {
  let w: AppWorld;
  before(async () => {
    w = await startApp();
  });
  after(() => w.close());

  async function expectLinked(issue: { id: string; key: string }, sysId: string): Promise<void> {
    const { number } = await w.record(sysId);
    const url = `${w.sn.instanceUrl}/incident.do?sys_id=${sysId}`;
    const links = await w.acme.remoteLinks(issue.key);
    assert.deepEqual(links.map((l) => ({ url: l.object.url, title: l.object.title })), [{ url, title: number }], `${issue.key} links to ${number}`);
    const [panelLink] = (await w.acme.panelView(issue)).links;
    assert.equal(panelLink?.partner.url, url, 'the panel opens the same record');
    assert.equal(panelLink?.partner.issueKey, number);
  }

  test('an issue created on Jira links to the incident the peer created', async () => {
    const issue = await w.acme.createIssue({ summary: 'Link me: from Jira' });
    await w.settle();
    const [incident] = (await w.client.list('incident', { query: 'short_description=Link me: from Jira', fields: ['sys_id'] })).records;
    assert.ok(incident);
    await expectLinked(issue, String(incident.sys_id));
  });

  test('an issue created from a polled incident links back to it, once, however often the record changes', async () => {
    const sysId = await w.agentCreate({ short_description: 'Link me: from ServiceNow' });
    await w.nextPoll();
    const issue = await w.jiraIssue('Link me: from ServiceNow');
    await expectLinked(issue, sysId);
    await w.advance(1_000);
    await w.agent.update('incident', sysId, { short_description: 'Link me: from ServiceNow, again' });
    await w.nextPoll();
    await expectLinked(issue, sysId);
  });
});
