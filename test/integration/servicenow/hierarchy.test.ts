// Hierarchy between Jira and ServiceNow incidents: given acme's rule shares the parent both ways
// with the instance, when an agent puts a Jira issue under another mirrored one, then its incident's
// Parent Incident names the parent's incident; a child mirrored before its parent gets it when the
// parent arrives; taking the parent away clears it. Back the other way, an agent's Parent Incident
// sets the Jira parent where Jira's issue types allow it, and where they do not, the pair's error
// says why. A parent change costs the instance no more requests than a summary change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { snRule, startApp, type AppWorld } from './app-world';
import { relationProblems } from '../../../src/app/servicenow/rule-check';
import type { PreviewView, SyncErrorView } from '../../../src/shared/resolver-contract';

describe('Jira ↔ ServiceNow: parent and child incidents', () => {
  let w: AppWorld;
  before(async () => {
    w = await startApp({
      rule: (c, p) => snRule(c, p, {
        outgoing: { comments: { enabled: true, includeInternal: true }, relations: { hierarchy: true } },
        // Incidents made on ServiceNow arrive labelled, so they are in the scope too.
        incoming: { create: { projectKey: p, issueType: 'Task' }, valueMaps: (snRule(c, p) as { incoming: { valueMaps: unknown } }).incoming.valueMaps, defaults: { labels: { kind: 'options', names: ['shared'] } }, relations: { hierarchy: true } },
        scope: { labels: ['shared'] },
      }),
    });
  });
  after(() => w.close());

  /** The one incident with this short description: its sys_id and Parent Incident. */
  const incident = async (summary: string): Promise<{ sysId: string; parent: string }> => {
    const found = await w.client.list('incident', { query: `short_description=${summary}`, fields: ['sys_id', 'parent_incident'] });
    assert.equal(found.records.length, 1, `one incident "${summary}"`);
    return { sysId: String(found.records[0]!.sys_id), parent: String(found.records[0]!.parent_incident) };
  };
  const jiraParent = async (key: string): Promise<string | null> => ((await w.acme.issue(key, 'parent')).fields.parent as { key: string } | undefined)?.key ?? null;

  test('Jira → ServiceNow: the child incident names its parent; a child mirrored first is linked when the parent arrives; removing the parent clears it', async () => {
    const epic = await w.acme.createIssue({ summary: 'Checkout revamp', issuetype: { name: 'Epic' }, labels: ['shared'] });
    const story = await w.acme.createIssue({ summary: 'New payment form', issuetype: { name: 'Story' }, labels: ['shared'], parent: { key: epic.key } });
    await w.settle();
    const parent = await incident('Checkout revamp');
    assert.equal((await incident('New payment form')).parent, parent.sysId);
    // The preview says so too.
    const preview = await w.acme.admin<PreviewView>('admin/preview', { connectionId: w.connectionId, issueKey: story.key });
    assert.deepEqual(preview.relations, [{ text: `Parent ${epic.key}: shared, so its copy becomes the parent`, sent: true }]);

    // Taken out of the epic on Jira: out of the parent on ServiceNow, for the same requests a summary edit costs.
    let before = w.instanceRequests();
    await w.acme.edit(story.key, { summary: 'New payment form (v2)' });
    await w.settle();
    const perSummaryEdit = w.instanceRequests() - before;
    before = w.instanceRequests();
    await w.acme.edit(story.key, { parent: null });
    await w.settle();
    assert.equal((await incident('New payment form (v2)')).parent, '');
    assert.ok(w.instanceRequests() - before <= perSummaryEdit, `a parent change costs the instance no more requests than a summary change (${w.instanceRequests() - before} vs ${perSummaryEdit})`);

    // A child shared before its parent: no parent until the epic is shared too.
    const later = await w.acme.createIssue({ summary: 'Data retention', issuetype: { name: 'Epic' } });
    await w.acme.createIssue({ summary: 'Purge old logs', issuetype: { name: 'Story' }, labels: ['shared'], parent: { key: later.key } });
    await w.settle();
    assert.equal((await incident('Purge old logs')).parent, '', 'the epic is not on the instance yet');
    await w.acme.edit(later.key, { labels: ['shared'] });
    await w.settle();
    assert.equal((await incident('Purge old logs')).parent, (await incident('Data retention')).sysId);
  });

  test('ServiceNow → Jira: Parent Incident sets the Jira parent where the issue types allow it, else the error says why', async () => {
    const epic = await w.jiraIssue('Checkout revamp');
    const story = await w.jiraIssue('New payment form (v2)');
    const parent = await incident('Checkout revamp');
    const child = await incident('New payment form (v2)');

    // An agent puts the story's incident back under the epic's.
    await w.agent.update('incident', child.sysId, { parent_incident: parent.sysId });
    await w.nextPoll();
    assert.equal(await jiraParent(story.key), epic.key);

    // A new child incident: created in Jira as a Task under the epic.
    const fresh = await w.agentCreate({ short_description: 'Card reader times out', parent_incident: parent.sysId, impact: '3', urgency: '3' });
    await w.nextPoll();
    const task = await w.jiraIssue('Card reader times out');
    assert.equal(await jiraParent(task.key), epic.key);

    // Jira keeps no Task under a Task: the pair reports why, the rest of the change still applies.
    const other = await w.agentCreate({ short_description: 'Kiosk offline', impact: '3', urgency: '3' });
    await w.nextPoll();
    const kiosk = await w.jiraIssue('Kiosk offline');
    await w.agent.update('incident', other, { parent_incident: fresh, short_description: 'Kiosk offline in hall B' });
    await w.nextPoll();
    assert.equal((await w.acme.issue(kiosk.key, 'summary')).fields.summary, 'Kiosk offline in hall B');
    assert.equal(await jiraParent(kiosk.key), null);
    const errors = await w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId });
    const refused = errors.find((e) => e.field === 'parent');
    assert.ok(refused, JSON.stringify(errors));
    assert.match(refused.reason, /hierarchy/i);

    // Cleared on ServiceNow: out of the epic in Jira.
    await w.agent.update('incident', child.sysId, { parent_incident: '' });
    await w.nextPoll();
    assert.equal(await jiraParent(story.key), null);
  });

  test('a rule asking what the table cannot keep is refused at save, named: issue links, or hierarchy outside the incident table', async () => {
    const base = snRule(w.connectionId, w.acme.project) as { outgoing: Record<string, unknown> };
    const refused = await w.acme.adminResult('admin/rules/save', { rule: { ...base, outgoing: { ...base.outgoing, relations: { hierarchy: true, links: true } } }, comment: 'links too' });
    assert.ok(!refused.ok);
    const details = (refused.error as { details?: Array<{ path: string; message: string }> }).details ?? [];
    assert.deepEqual(details.map((d) => d.path), ['outgoing.relations.links']);
    assert.match(details[0]!.message, /ServiceNow records have no issue links/);
    assert.deepEqual(relationProblems('problem', { incoming: { relations: { hierarchy: true } } }).map((p) => p.path), ['incoming.relations.hierarchy']);
    assert.deepEqual(relationProblems('incident', { outgoing: { relations: { hierarchy: true } }, incoming: { relations: { hierarchy: true } } }), []);
  });
});
