// getIssue: one GET with only the fields the rules need, turned into the core's snapshot.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../../src/core/ids';
import { sharingRuleSchema } from '../../../../src/core/rules/schema';
import { JiraTracker, readPlanFor } from '../../../../src/adapters/jira';
import { readIssueAhead } from '../../../../src/adapters/jira/issue-project';
import { FakeJiraHttp, reply } from './support/fake-jira-http';
import { comment, issueBean } from './support/payloads';

const rule = (extra: Record<string, unknown> = {}) =>
  sharingRuleSchema.parse({
    connectionId: 'c1',
    projectKey: 'ACME',
    fields: { summary: { direction: 'both', conflict: 'latest' }, assignee: { direction: 'out' }, 'custom:10022': { direction: 'out' } },
    ...extra,
  });

describe('getIssue', () => {
  test('one GET naming only the needed fields, internal comments told apart by jsdPublic', async () => {
    const http = new FakeJiraHttp().on('GET', /\/rest\/api\/3\/issue\/10001$/, reply(200, issueBean()));
    const tracker = new JiraTracker({ http, read: readPlanFor([rule()]) });
    const snap = await tracker.getIssue(localIssueId('10001'));
    assert.equal(http.count(), 1);
    const q = http.sent[0]!.url.searchParams;
    assert.deepEqual(q.get('fields')!.split(',').sort(), ['assignee', 'comment', 'customfield_10022', 'project', 'summary', 'updated']);
    assert.equal(q.get('expand'), 'schema'); // the custom field's kind is not known yet
    assert.ok(snap);
    assert.equal(snap.key, 'ACME-1');
    assert.equal(snap.projectKey, 'ACME');
    assert.equal(snap.updatedAt, Date.parse('2025-11-20T10:00:00.000Z'));
    assert.deepEqual(snap.fields.summary, { value: { kind: 'text', text: 'Login page returns 500 after password reset' } });
    // The rule shares display names only: no email in the snapshot.
    assert.deepEqual(snap.fields.assignee, { value: { kind: 'user', displayName: 'Acme Agent One', accountId: '5b10ac8d82e05b22cc7d4ef5' } });
    assert.deepEqual(snap.fields['custom:10022'], { value: { kind: 'option', name: 'Sev 2' } });
    assert.equal(snap.fields.description, undefined);
    assert.deepEqual(snap.comments.map((c) => [c.id, c.internal]), [['10100', false], ['10101', true]]);
    assert.deepEqual(snap.comments[0]!.body, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Reproduced on staging.' }] }] });
    assert.deepEqual(snap.attachments, []);
  });

  test('an issue read ahead with every field (an event naming it by id) is the same snapshot, with no second GET, once', async () => {
    const http = new FakeJiraHttp().on('GET', /\/issue\/10001$/, reply(200, issueBean()));
    const ahead = (await readIssueAhead(http, '10001'))!;
    const q = http.sent[0]!.url.searchParams;
    assert.deepEqual([q.get('fields'), q.get('expand'), q.get('properties')], ['*all', 'schema', 'liaisonPair']);
    assert.equal(ahead.projectKey, 'ACME');
    const plain = await new JiraTracker({ http, read: readPlanFor([rule()]) }).getIssue(localIssueId('10001'));
    const tracker = new JiraTracker({ http, read: readPlanFor([rule()]), readAhead: ahead });
    const before = http.count();
    // Decoded under the project's plan: its fields only, and no email where the rule shares names only.
    assert.deepEqual(await tracker.getIssue(localIssueId('10001')), plain);
    assert.equal(http.count(), before);
    // A later read in the same invocation sees Jira again.
    await tracker.getIssue(localIssueId('10001'));
    assert.equal(http.count(), before + 1);
  });

  test('every standard field, attachments, and emails when the rule shares them', async () => {
    const http = new FakeJiraHttp().on('GET', /\/issue\/10001$/, reply(200, issueBean()));
    const r = rule({
      fields: { summary: { direction: 'out' }, description: { direction: 'out' }, priority: { direction: 'out' }, status: { direction: 'out' }, labels: { direction: 'out' }, duedate: { direction: 'out' }, reporter: { direction: 'out' } },
      outgoing: { userPrivacy: 'displayNameAndEmail', attachments: { enabled: true, maxBytes: 1000, mimeTypes: ['text/*'] } },
    });
    const snap = (await new JiraTracker({ http, read: readPlanFor([r]) }).getIssue(localIssueId('10001')))!;
    assert.equal(http.sent[0]!.url.searchParams.get('expand'), null);
    assert.deepEqual(snap.fields.priority?.value, { kind: 'option', name: 'High' });
    assert.deepEqual(snap.fields.status?.value, { kind: 'option', name: 'In Progress' });
    assert.deepEqual(snap.fields.labels?.value, { kind: 'options', names: ['login', 'customer'] });
    assert.deepEqual(snap.fields.duedate?.value, { kind: 'date', date: '2030-01-15' });
    assert.equal(snap.fields.description?.value.kind, 'rich');
    assert.deepEqual(snap.fields.reporter?.value, { kind: 'user', displayName: 'Acme Agent One', accountId: '5b10ac8d82e05b22cc7d4ef5', email: 'agent1@acme.example' });
    assert.equal(snap.comments[0]!.author.email, 'agent1@acme.example');
    assert.deepEqual(snap.attachments, [{ id: '10200', filename: 'trace.log', mimeType: 'text/plain', size: 2048, ref: 'https://acme.atlassian.net/rest/api/3/attachment/content/10200' }]);
  });

  test('a group-restricted comment counts as internal', async () => {
    const restricted = comment('10102', 'Admins only', { visibility: { type: 'group', value: 'jira-administrators' } });
    const http = new FakeJiraHttp().on('GET', /\/issue\/10001$/, reply(200, issueBean({}, [restricted])));
    const snap = (await new JiraTracker({ http }).getIssue(localIssueId('10001')))!;
    assert.equal(snap.comments[0]!.internal, true);
  });

  test('comments past the first page are fetched, or they would look deleted', async () => {
    const bean = issueBean();
    bean.fields.comment.total = 3;
    const http = new FakeJiraHttp()
      .on('GET', /\/issue\/10001$/, reply(200, bean))
      .on('GET', /\/issue\/10001\/comment$/, reply(200, { startAt: 2, maxResults: 100, total: 3, comments: [comment('10103', 'third')] }));
    const snap = (await new JiraTracker({ http }).getIssue(localIssueId('10001')))!;
    assert.deepEqual(snap.comments.map((c) => c.id), ['10100', '10101', '10103']);
    assert.equal(http.sent[1]!.url.searchParams.get('startAt'), '2');
  });

  test('a deleted issue reads as null', async () => {
    const http = new FakeJiraHttp().on('GET', /\/issue\/10009$/, reply(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }));
    assert.equal(await new JiraTracker({ http }).getIssue(localIssueId('10009')), null);
  });

  test('custom fields decode by schema: a date field is a date, a textarea is rich text', async () => {
    const bean = { ...issueBean({ customfield_10030: '2026-02-01', customfield_10031: { type: 'doc', version: 1, content: [] } }), schema: {
      customfield_10030: { type: 'date', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker', customId: 10030 },
      customfield_10031: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', customId: 10031 },
    } };
    const http = new FakeJiraHttp().on('GET', /\/issue\/10001$/, reply(200, bean));
    const read = { fields: ['custom:10030', 'custom:10031'] as const, comments: false, attachments: false, includeEmail: false };
    const snap = (await new JiraTracker({ http, read: { ...read, fields: [...read.fields] } }).getIssue(localIssueId('10001')))!;
    assert.deepEqual(snap.fields['custom:10030']?.value, { kind: 'date', date: '2026-02-01' });
    assert.deepEqual(snap.fields['custom:10031']?.value, { kind: 'rich', doc: { type: 'doc', content: [] } });
  });
});
