// Applying a plan with the fewest calls: one PUT for plain fields, POST per transition, comment
// and attachment calls, an idempotent create tagged with the pair, a remote link upsert.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId, pairId } from '../../../../src/core/ids';
import type { FieldEdit } from '../../../../src/core/planning/change-plan';
import type { RichDoc } from '../../../../src/core/richtext/model';
import { JiraApiError, JiraTracker, PAIR_PROPERTY } from '../../../../src/adapters/jira';
import { adfSchemaErrors } from './support/adf-schema';
import { FakeJiraHttp, reply } from './support/fake-jira-http';
import { agentOne } from './support/payloads';

const issue = localIssueId('10001');
const doc = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const e = (field: FieldEdit['field'], value: FieldEdit['value']): FieldEdit => ({ field, value, partnerField: field });

describe('updateFields', () => {
  test('all plain fields in one PUT, with what Jira stores', async () => {
    const http = new FakeJiraHttp()
      .on('PUT', /\/issue\/10001$/, reply(204))
      .on('GET', /\/user\/search$/, reply(200, [agentOne]));
    const stored = await new JiraTracker({ http }).updateFields(issue, [
      e('summary', { kind: 'text', text: 'Printer on fire' }),
      e('description', { kind: 'rich', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'degraded', text: '@Globex Agent', origin: 'mention' }] }] } }),
      e('priority', { kind: 'option', name: 'High' }),
      e('labels', { kind: 'options', names: ['hardware', 'urgent'] }),
      e('duedate', { kind: 'empty' }),
      e('assignee', { kind: 'user', displayName: 'Partner Person', email: 'agent1@acme.example' }),
      e('custom:10021', { kind: 'number', value: 4 }),
      e('custom:10022', { kind: 'option', name: 'Sev 1' }),
    ]);
    assert.equal(http.count('PUT'), 1);
    const put = http.sent.find((s) => s.method === 'PUT')!;
    const fields = (put.json as { fields: Record<string, unknown> }).fields;
    assert.equal(adfSchemaErrors(fields.description), null);
    assert.deepEqual({ ...fields, description: undefined }, {
      summary: 'Printer on fire', description: undefined, priority: { name: 'High' }, labels: ['hardware', 'urgent'], duedate: null,
      assignee: { accountId: agentOne.accountId }, customfield_10021: 4, customfield_10022: { value: 'Sev 1' },
    });
    assert.equal(http.sent.find((s) => s.method === 'GET')!.url.searchParams.get('query'), 'agent1@acme.example');
    // The mention arrives as plain text and the local person is who Jira will show.
    assert.deepEqual(stored.description, { kind: 'rich', doc: doc('@Globex Agent') });
    assert.deepEqual(stored.assignee, { kind: 'user', displayName: 'Acme Agent One', accountId: agentOne.accountId });
  });

  test('a person nobody matches falls back to the rule default, named by the local account', async () => {
    const http = new FakeJiraHttp()
      .on('PUT', /\/issue\/10001$/, reply(204))
      .on('GET', /\/user\/search$/, reply(200, []))
      .on('GET', /\/rest\/api\/3\/user$/, (req) => reply(200, { ...agentOne, accountId: req.url.searchParams.get('accountId'), displayName: 'Acme Triage' }));
    const tracker = new JiraTracker({ http, defaultAccountId: 'triage-1' });
    const stored = await tracker.updateFields(issue, [e('assignee', { kind: 'user', displayName: 'Unknown', email: 'nobody@globex.example' })]);
    assert.deepEqual(stored.assignee, { kind: 'user', displayName: 'Acme Triage', accountId: 'triage-1' });
  });

  test('without a match or default, the person is refused naming the field', async () => {
    const http = new FakeJiraHttp().on('GET', /\/user\/search$/, reply(200, []));
    const err = await new JiraTracker({ http }).updateFields(issue, [e('assignee', { kind: 'user', displayName: 'Unknown', email: 'nobody@globex.example' })]).catch((x: unknown) => x);
    assert.ok(err instanceof JiraApiError);
    assert.equal(err.transient, false);
    assert.equal(err.field, 'assignee');
    assert.match(err.message, /no local account for "Unknown" <nobody@globex.example>/);
    assert.equal(http.count('PUT'), 0);
  });

  test('status is refused: it only moves through transitions', async () => {
    const err = await new JiraTracker({ http: new FakeJiraHttp() }).updateFields(issue, [e('status', { kind: 'option', name: 'Done' })]).catch((x: unknown) => x);
    assert.ok(err instanceof JiraApiError && err.field === 'status' && !err.transient);
  });

  test('nothing to change costs nothing', async () => {
    const http = new FakeJiraHttp();
    assert.deepEqual(await new JiraTracker({ http }).updateFields(issue, []), {});
    assert.equal(http.count(), 0);
  });
});

describe('create, find by pair, transition, link', () => {
  test('create tags the issue with the pair in the same call', async () => {
    const http = new FakeJiraHttp().on('POST', /\/rest\/api\/3\/issue$/, reply(201, { id: '10050', key: 'ACME-50', self: 'https://acme.atlassian.net/rest/api/3/issue/10050' }));
    const out = await new JiraTracker({ http }).createIssue({ pairId: pairId('p-abc'), projectKey: 'ACME', issueType: 'Bug', edits: [e('summary', { kind: 'text', text: 'Mirrored' })] });
    // `url` is where a person opens it: the partner's remote link points there.
    assert.deepEqual(out, { id: '10050', key: 'ACME-50', url: 'https://acme.atlassian.net/browse/ACME-50', stored: { summary: { kind: 'text', text: 'Mirrored' }, issuetype: { kind: 'option', name: 'Bug' } } });
    assert.equal(http.count(), 1);
    assert.deepEqual(http.sent[0]!.json, {
      fields: { summary: 'Mirrored', project: { key: 'ACME' }, issuetype: { name: 'Bug' } },
      properties: [{ key: PAIR_PROPERTY, value: { pairId: 'p-abc' } }],
    });
  });

  test('findIssueByPair searches the indexed pair property with JQL', async () => {
    const http = new FakeJiraHttp().on('POST', /\/search\/jql$/, (req) =>
      reply(200, (req.json as { jql: string }).jql === 'issue.property[liaisonPair].pairId = "p-abc"' ? { issues: [{ id: '10050', key: 'ACME-50' }], isLast: true } : { issues: [], isLast: true }));
    const tracker = new JiraTracker({ http });
    assert.equal(await tracker.findIssueByPair(pairId('p-abc')), '10050');
    assert.equal(await tracker.findIssueByPair(pairId('p-zzz')), null);
  });

  test('a refused transition is recorded against status', async () => {
    const http = new FakeJiraHttp()
      .on('POST', /\/issue\/10001\/transitions$/, reply(204), 1)
      .on('POST', /\/issue\/10001\/transitions$/, reply(400, { errorMessages: ["Transition id '99' is not valid for this issue."], errors: {} }));
    const tracker = new JiraTracker({ http });
    await tracker.transition(issue, '21');
    assert.deepEqual(http.sent[0]!.json, { transition: { id: '21' } });
    const err = await tracker.transition(issue, '99').catch((x: unknown) => x);
    assert.ok(err instanceof JiraApiError && err.field === 'status' && !err.transient);
  });

  test('the partner link is upserted by globalId', async () => {
    const http = new FakeJiraHttp().on('POST', /\/issue\/10001\/remotelink$/, reply(201, { id: 10000, self: 'x' }));
    const id = await new JiraTracker({ http }).linkPartner(issue, { pairId: pairId('p-abc'), url: 'https://globex.atlassian.net/browse/GLX-7', title: 'GLX-7', resolved: false });
    assert.equal(id, 10000);
    assert.deepEqual(http.sent[0]!.json, {
      globalId: 'liaison:pair:p-abc', application: { type: 'com.liaison.sync', name: 'Liaison' }, relationship: 'mirrored by',
      object: { url: 'https://globex.atlassian.net/browse/GLX-7', title: 'GLX-7', status: { resolved: false } },
    });
  });
});

describe('comments', () => {
  test('an internal partner comment is posted agent-only, with its author named', async () => {
    const http = new FakeJiraHttp().on('POST', /\/issue\/10001\/comment$/, reply(201, { id: '10300', body: {} }));
    const id = await new JiraTracker({ http }).addComment(issue, { body: doc('Check the cache'), internal: true, author: { displayName: 'Globex Agent' } });
    assert.equal(id, '10300');
    const sent = http.sent[0]!.json as { body: unknown; properties: unknown };
    assert.equal(adfSchemaErrors(sent.body), null);
    assert.deepEqual(sent.properties, [{ key: 'liaisonAuthor', value: { displayName: 'Globex Agent' } }, { key: 'sd.public.comment', value: { internal: true } }]);
    assert.match(JSON.stringify(sent.body), /Globex Agent wrote:.*Check the cache/);
  });

  test('an edit keeps the author line; a delete of a gone comment is fine', async () => {
    const http = new FakeJiraHttp()
      .on('GET', /\/issue\/10001\/comment\/10300$/, reply(200, { id: '10300', body: {}, properties: [{ key: 'liaisonAuthor', value: { displayName: 'Globex Agent' } }] }))
      .on('PUT', /\/issue\/10001\/comment\/10300$/, reply(200, { id: '10300', body: {} }))
      .on('DELETE', /\/issue\/10001\/comment\/10399$/, reply(404, { errorMessages: ['Can not find a comment for the id: 10399.'], errors: {} }));
    const tracker = new JiraTracker({ http });
    await tracker.updateComment(issue, '10300', doc('Checked'));
    assert.equal(http.sent[0]!.url.searchParams.get('expand'), 'properties');
    assert.match(JSON.stringify(http.sent[1]!.json), /Globex Agent wrote:.*Checked/);
    await tracker.deleteComment(issue, '10399');
  });
});

describe('attachments', () => {
  const replica = { id: 'g-1', filename: 'trace "1".log', mimeType: 'text/plain', size: 5, ref: 'partner:att/1' };

  test('uploaded as multipart with the no-check header', async () => {
    const http = new FakeJiraHttp().on('POST', /\/issue\/10001\/attachments$/, reply(200, [{ id: '10201', filename: 'trace _1_.log', size: 5, mimeType: 'text/plain' }]));
    const id = await new JiraTracker({ http, attachments: { maxBytes: 10, source: async (ref) => (ref === 'partner:att/1' ? new TextEncoder().encode('hello') : new Uint8Array()) } }).addAttachment(issue, replica);
    assert.equal(id, '10201');
    const body = http.sent[0]!.body!;
    assert.equal(body.kind, 'raw');
    if (body.kind !== 'raw') return;
    assert.equal(body.headers?.['X-Atlassian-Token'], 'no-check');
    const boundary = /boundary=(.+)$/.exec(body.contentType)![1]!;
    assert.equal(Buffer.from(body.bytes).toString('utf8'),
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="trace _1_.log"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`);
  });

  test('the size cap holds for the bytes received, not only the declared size', async () => {
    const http = new FakeJiraHttp();
    const tracker = new JiraTracker({ http, attachments: { maxBytes: 4, source: async () => new Uint8Array(5) } });
    const declared = await tracker.addAttachment(issue, replica).catch((x: unknown) => x);
    assert.ok(declared instanceof JiraApiError && !declared.transient && /exceeds the 4-byte cap/.test(declared.message));
    const lying = await tracker.addAttachment(issue, { ...replica, size: 1 }).catch((x: unknown) => x);
    assert.ok(lying instanceof JiraApiError && /5 bytes exceeds/.test(lying.message));
    assert.equal(http.count(), 0);
  });
});
