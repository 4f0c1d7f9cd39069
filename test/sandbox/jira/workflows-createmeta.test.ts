// POST /rest/api/3/workflows (the seed workflow in Jira's new workflow shape) and create metadata per
// project and issue type (GET /rest/api/3/issue/createmeta/...).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed, type SiteSeed } from '../../../sandbox/jira/index';
import { fixture, type Json } from './site-fixture';

function seedWithGlobalReopen(): SiteSeed {
  const seed = defaultSeed('acme');
  const project = seed.projects[0]!;
  project.workflow = {
    statuses: [
      { id: '1', name: 'Open', category: 'new' },
      { id: '2', name: 'In Review', category: 'indeterminate' },
      { id: '3', name: 'Closed', category: 'done' },
    ],
    initialStatusId: '2',
    transitions: [
      { id: '1', name: 'Review', from: ['1'], to: '2' },
      { id: '6', name: 'Close', from: ['1', '2'], to: '3' },
      { id: '7', name: 'Reopen', from: [], to: '1' },
    ],
  };
  seed.issues = [];
  seed.customFields.find((c) => c.id === 'customfield_10022')!.options!.push({ id: '10103', value: 'Retired', disabled: true });
  return seed;
}

const PAIR = { projectAndIssueTypes: [{ projectId: '10000', issueTypeId: '10001' }] };

describe('POST /rest/api/3/workflows', () => {
  const f = fixture({ seed: seedWithGlobalReopen() });
  after(() => f.site.close());

  test('one INITIAL transition, GLOBAL for from-anywhere, DIRECTED with one link per source status', async () => {
    const res = await f.call('POST', '/rest/api/3/workflows', PAIR);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.statuses.map((s: Json) => [s.id, s.name, s.statusReference, s.statusCategory]), [
      ['1', 'Open', '1', 'TODO'],
      ['2', 'In Review', '2', 'IN_PROGRESS'],
      ['3', 'Closed', '3', 'DONE'],
    ]);
    assert.equal(res.json.workflows.length, 1);
    const shape = res.json.workflows[0].transitions.map((t: Json) => ({ id: t.id, name: t.name, type: t.type, to: t.toStatusReference, from: t.links.map((l: Json) => l.fromStatusReference) }));
    assert.deepEqual(shape, [
      // the seed already uses id 1, so creation takes the next free one
      { id: '2', name: 'Create', type: 'INITIAL', to: '2', from: [] },
      { id: '1', name: 'Review', type: 'DIRECTED', to: '2', from: ['1'] },
      { id: '6', name: 'Close', type: 'DIRECTED', to: '3', from: ['1', '2'] },
      { id: '7', name: 'Reopen', type: 'GLOBAL', to: '1', from: [] },
    ]);
  });

  test('every issue type of a project shares the one workflow; it can also be read by id or name', async () => {
    const res = await f.call('POST', '/rest/api/3/workflows', { projectAndIssueTypes: [...PAIR.projectAndIssueTypes, { projectId: '10000', issueTypeId: '10002' }] });
    assert.equal(res.json.workflows.length, 1);
    const { id, name } = res.json.workflows[0];
    assert.deepEqual((await f.call('POST', '/rest/api/3/workflows', { workflowIds: [id] })).json.workflows.map((w: Json) => w.id), [id]);
    assert.deepEqual((await f.call('POST', '/rest/api/3/workflows', { workflowNames: [name] })).json.workflows.map((w: Json) => w.name), [name]);
    assert.deepEqual((await f.call('POST', '/rest/api/3/workflows', { workflowNames: ['nope'] })).json, { statuses: [], workflows: [] });
  });

  test('unknown project or issue type and malformed bodies are 400s; non-admins see no workflows', async () => {
    const noProject = await f.call('POST', '/rest/api/3/workflows', { projectAndIssueTypes: [{ projectId: '999', issueTypeId: '10001' }] });
    assert.equal(noProject.status, 400);
    assert.match(noProject.json.errorMessages[0], /project with ID '999'/);
    const noType = await f.call('POST', '/rest/api/3/workflows', { projectAndIssueTypes: [{ projectId: '10000', issueTypeId: '1' }] });
    assert.equal(noType.status, 400);
    assert.equal((await f.call('POST', '/rest/api/3/workflows', { projectAndIssueTypes: [{ projectId: 10000, issueTypeId: '10001' }] })).status, 400);
    assert.equal((await f.call('POST', '/rest/api/3/workflows', { projects: [] })).status, 400);
    assert.deepEqual((await f.call('POST', '/rest/api/3/workflows', PAIR, f.agent)).json, { statuses: [], workflows: [] });
  });
});

describe('GET /rest/api/3/issue/createmeta', () => {
  const f = fixture({ seed: seedWithGlobalReopen() });
  after(() => f.site.close());
  const BASE = '/rest/api/3/issue/createmeta/ACME/issuetypes';

  test('issue types of a project, by key or id, paged', async () => {
    const all = await f.call('GET', BASE);
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.json.issueTypes.map((t: Json) => t.name), ['Task', 'Bug', 'Story', 'Epic', 'Sub-task']);
    assert.deepEqual([all.json.startAt, all.json.maxResults, all.json.total], [0, 50, 5]);
    const second = await f.call('GET', '/rest/api/3/issue/createmeta/10000/issuetypes?startAt=1&maxResults=1');
    assert.deepEqual(second.json.issueTypes.map((t: Json) => t.id), ['10002']);
    assert.equal(second.json.total, 5);
  });

  test('fields of an issue type: requirements, defaults, priorities and enabled select options', async () => {
    const res = await f.call('GET', `${BASE}/10002?maxResults=200`);
    assert.equal(res.status, 200, res.text);
    const byId = new Map<string, Json>(res.json.fields.map((x: Json) => [x.fieldId, x]));
    assert.deepEqual([...byId.keys()], ['issuetype', 'project', 'summary', 'description', 'reporter', 'priority', 'labels', 'duedate', 'assignee', 'components', 'fixVersions', 'versions', 'customfield_10020', 'customfield_10021', 'customfield_10022']);
    assert.deepEqual(res.json.fields.filter((x: Json) => x.required).map((x: Json) => x.fieldId), ['issuetype', 'project', 'summary']);
    assert.deepEqual(byId.get('issuetype').allowedValues.map((t: Json) => t.name), ['Bug']);
    const priority = byId.get('priority');
    assert.deepEqual(priority.allowedValues.map((p: Json) => p.name), ['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    assert.equal(priority.hasDefaultValue, true);
    assert.equal(priority.defaultValue.name, 'Medium');
    assert.deepEqual(byId.get('labels').operations, ['add', 'set', 'remove']);
    assert.deepEqual(byId.get('customfield_10022').allowedValues.map((o: Json) => o.value), ['Sev 1', 'Sev 2', 'Sev 3']);
    assert.deepEqual(byId.get('customfield_10021').schema, { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10021 });
    assert.equal(byId.get('customfield_10020').schema.type, 'string');
    assert.equal(byId.get('customfield_10020').allowedValues, undefined);
    assert.deepEqual(byId.get('assignee').schema, { type: 'user', system: 'assignee' });
  });

  test('paging walks the fields; limits and unknown references are refused', async () => {
    const seen: string[] = [];
    for (let startAt = 0; ; startAt += 5) {
      const page = await f.call('GET', `${BASE}/10001?startAt=${startAt}&maxResults=5`);
      assert.equal(page.json.total, 15);
      if (page.json.fields.length === 0) break;
      seen.push(...page.json.fields.map((x: Json) => x.fieldId));
    }
    assert.equal(seen.length, 15);
    assert.equal(new Set(seen).size, 15);
    const tooMany = await f.call('GET', `${BASE}/10001?maxResults=201`);
    assert.equal(tooMany.status, 400);
    assert.deepEqual(tooMany.json.errorMessages, ["Parameter 'maxResults' must not exceed the limit '200'"]);
    assert.equal((await f.call('GET', `${BASE}/10001?startAt=x`)).status, 400);
    assert.equal((await f.call('GET', `${BASE}/1`)).status, 400);
    assert.equal((await f.call('GET', '/rest/api/3/issue/createmeta/NOPE/issuetypes')).status, 404);
    f.site.addUser({ accountId: 'outsider', displayName: 'Outsider', accountType: 'atlassian', groups: [] });
    assert.equal((await f.call('GET', BASE, undefined, 'outsider')).status, 404);
  });
});
