// getMetadata: issue types, workflow graph, priorities, field kinds, options and limits, read once
// per adapter instance. Workflow payload shaped like the OpenAPI example of POST /rest/api/3/workflows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findTransitionPath } from '../../../../src/core/planning/transition-path';
import { JiraTracker, type CachedMetadata, type MetadataCache } from '../../../../src/adapters/jira';
import { FakeJiraHttp, reply } from './support/fake-jira-http';

const transition = (id: string, name: string, to: string, type: string, from: string[] = []) =>
  ({ actions: [], description: '', id, links: from.map((f, i) => ({ fromPort: 0, fromStatusReference: f, toPort: i })), name, properties: {}, toStatusReference: to, triggers: [], type, validators: [] });

const workflows = {
  statuses: [
    { description: '', id: '10000', name: 'To Do', scope: { type: 'GLOBAL' }, statusCategory: 'TODO', statusReference: '10000' },
    { description: '', id: '10001', name: 'In Progress', scope: { type: 'GLOBAL' }, statusCategory: 'IN_PROGRESS', statusReference: '10001' },
    { description: '', id: '10002', name: 'Done', scope: { type: 'GLOBAL' }, statusCategory: 'DONE', statusReference: '10002' },
  ],
  workflows: [{
    description: '', id: 'b9ff2384-d3b6-4d4e-9509-3ee19f607168', isEditable: true, name: 'ACME workflow', scope: { type: 'GLOBAL' },
    statuses: [{ deprecated: false, properties: {}, statusReference: '10000' }, { deprecated: false, properties: {}, statusReference: '10001' }, { deprecated: false, properties: {}, statusReference: '10002' }],
    transitions: [
      transition('1', 'Create', '10000', 'INITIAL'),
      transition('21', 'Start work', '10001', 'DIRECTED', ['10000']),
      transition('31', 'Done', '10002', 'DIRECTED', ['10001']),
      transition('11', 'Reopen', '10000', 'GLOBAL'),
    ],
    version: { id: 'f010ac1b-3dd3-43a3-aa66-0ee8a447f76e', versionNumber: 0 },
  }],
};

const createMeta = (severityOptions: string[], severityRequired: boolean) => ({
  maxResults: 50, startAt: 0, total: 3,
  fields: [
    { fieldId: 'summary', key: 'summary', name: 'Summary', required: true, schema: { type: 'string', system: 'summary' }, operations: ['set'], hasDefaultValue: false },
    { fieldId: 'priority', key: 'priority', name: 'Priority', required: false, schema: { type: 'priority', system: 'priority' }, operations: ['set'], hasDefaultValue: true,
      allowedValues: ['Highest', 'High', 'Medium', 'Low', 'Lowest'].map((name, i) => ({ self: `https://acme.atlassian.net/rest/api/3/priority/${i + 1}`, id: String(i + 1), name })) },
    { fieldId: 'customfield_10022', key: 'customfield_10022', name: 'Severity', required: severityRequired, schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10022 }, operations: ['set'], hasDefaultValue: false,
      allowedValues: severityOptions.map((value, i) => ({ self: 'x', value, id: String(10100 + i) })) },
  ],
});

const fieldList = [
  { id: 'summary', key: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } },
  { id: 'customfield_10020', key: 'customfield_10020', name: 'Customer Reference', custom: true, schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId: 10020 } },
  { id: 'customfield_10021', key: 'customfield_10021', name: 'Impact Score', custom: true, schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10021 } },
  { id: 'customfield_10022', key: 'customfield_10022', name: 'Severity', custom: true, schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10022 } },
  { id: 'customfield_10023', key: 'customfield_10023', name: 'Team', custom: true, schema: { type: 'team', custom: 'com.atlassian.teams:rm-teams-custom-field-team', customId: 10023 } },
];

function site(): FakeJiraHttp {
  return new FakeJiraHttp()
    .on('GET', /\/project\/ACME$/, reply(200, { id: '10000', key: 'ACME', name: 'Acme Support', issueTypes: [{ id: '10001', name: 'Task', subtask: false }, { id: '10002', name: 'Bug', subtask: false }, { id: '10009', name: 'Sub-task', subtask: true }] }))
    .on('GET', /\/rest\/api\/3\/field$/, reply(200, fieldList))
    .on('POST', /\/rest\/api\/3\/workflows$/, reply(200, workflows))
    .on('GET', /\/createmeta\/ACME\/issuetypes\/10001$/, reply(200, createMeta(['Sev 1', 'Sev 2'], true)))
    .on('GET', /\/createmeta\/ACME\/issuetypes\/10002$/, reply(200, createMeta(['Sev 2', 'Sev 3'], false)));
}

describe('getMetadata', () => {
  test('the project as the core checks it', async () => {
    const http = site();
    const meta = await new JiraTracker({ http }).getMetadata('ACME');
    // Sub-task types are issue type values too (a mirrored sub-task keeps its type); their create screens are not read.
    assert.deepEqual(meta.issueTypes, ['Task', 'Bug', 'Sub-task']);
    assert.deepEqual(meta.statuses, ['To Do', 'In Progress', 'Done']);
    assert.equal(meta.initialStatus, 'To Do');
    assert.deepEqual(meta.transitions, [
      { id: '21', name: 'Start work', from: ['To Do'], to: 'In Progress' },
      { id: '31', name: 'Done', from: ['In Progress'], to: 'Done' },
      { id: '11', name: 'Reopen', from: [], to: 'To Do' },
    ]);
    assert.deepEqual(findTransitionPath(meta.transitions, 'To Do', 'Done')!.map((t) => t.id), ['21', '31']);
    assert.deepEqual(meta.priorities, ['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    assert.deepEqual(meta.fields.summary, { kind: 'text', maxLength: 255, required: true });
    assert.deepEqual(meta.fields.description, { kind: 'rich', maxLength: 32767 });
    assert.deepEqual(meta.fields['custom:10020'], { kind: 'text', maxLength: 255 });
    assert.deepEqual(meta.fields['custom:10021'], { kind: 'number' });
    // Severity is required for Task only, so not for the project; its options add up.
    assert.deepEqual(meta.fields['custom:10022'], { kind: 'option', options: ['Sev 1', 'Sev 2', 'Sev 3'] });
    assert.equal(meta.fields['custom:10023'], undefined);
    const workflowCall = http.sent.find((s) => s.path === '/rest/api/3/workflows')!;
    assert.deepEqual(workflowCall.json, { projectAndIssueTypes: [{ projectId: '10000', issueTypeId: '10001' }, { projectId: '10000', issueTypeId: '10002' }] });
  });

  test('read once per adapter instance; field kinds learned there shape later writes', async () => {
    const http = site().on('PUT', /\/issue\/10001$/, reply(204));
    const tracker = new JiraTracker({ http });
    await tracker.getMetadata('ACME');
    const calls = http.count();
    await tracker.getMetadata('ACME');
    assert.equal(http.count(), calls);
    await tracker.updateFields('10001' as never, [{ field: 'custom:10020', value: { kind: 'text', text: 'CR-7' }, partnerField: 'custom:10020' }]);
    assert.deepEqual(http.sent.at(-1)!.json, { fields: { customfield_10020: 'CR-7' } });
  });

  test('a failed read is not cached', async () => {
    const http = site();
    http.failNext = new TypeError('fetch failed');
    const tracker = new JiraTracker({ http });
    await assert.rejects(tracker.getMetadata('ACME'), /no answer from Jira/);
    assert.equal((await tracker.getMetadata('ACME')).projectKey, 'ACME');
  });

  test('a cross-invocation cache: filled on a miss, read instead of Jira on a hit, rewritten when fresh', async () => {
    const stored = new Map<string, CachedMetadata>();
    const cache: MetadataCache = {
      read: async (key) => (stored.has(key) ? JSON.parse(JSON.stringify(stored.get(key))) as CachedMetadata : null),
      write: async (key, entry) => void stored.set(key, JSON.parse(JSON.stringify(entry)) as CachedMetadata),
    };
    const first = site();
    const fromJira = await new JiraTracker({ http: first, metadataCache: { cache } }).getMetadata('ACME');
    assert.ok(first.count() > 0);
    assert.ok(stored.has('ACME'));

    // A later invocation: no metadata reads, same answer, and field kinds still shape writes.
    const second = site().on('PUT', /\/issue\/10001$/, reply(204));
    const tracker = new JiraTracker({ http: second, metadataCache: { cache } });
    assert.deepEqual(await tracker.getMetadata('ACME'), fromJira);
    assert.equal(second.count(), 0);
    await tracker.updateFields('10001' as never, [{ field: 'custom:10020', value: { kind: 'text', text: 'CR-7' }, partnerField: 'custom:10020' }]);
    assert.deepEqual(second.sent.at(-1)!.json, { fields: { customfield_10020: 'CR-7' } });

    // Saving a rule reads fresh: Jira is asked again and the cache takes the new answer.
    stored.set('ACME', { ...stored.get('ACME')!, metadata: { ...fromJira, priorities: ['stale'] } });
    const fresh = site();
    const reread = await new JiraTracker({ http: fresh, metadataCache: { cache, fresh: true } }).getMetadata('ACME');
    assert.ok(fresh.count() > 0);
    assert.deepEqual(reread.priorities, fromJira.priorities);
    assert.deepEqual(stored.get('ACME')!.metadata.priorities, fromJira.priorities);
  });

  test('a failing cache costs Jira reads, never the answer', async () => {
    const cache: MetadataCache = { read: async () => { throw new Error('kvs down'); }, write: async () => { throw new Error('kvs down'); } };
    const http = site();
    const warn = console.warn;
    console.warn = () => {};
    try {
      assert.equal((await new JiraTracker({ http, metadataCache: { cache } }).getMetadata('ACME')).projectKey, 'ACME');
    } finally {
      console.warn = warn;
    }
  });
});
