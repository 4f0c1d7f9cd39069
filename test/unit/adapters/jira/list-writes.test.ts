// Components and versions of an existing issue are written as the values added and removed since
// the issue was read (Jira `update` verbs), not as a whole list: a value someone adds meanwhile, or
// an archived version the issue keeps, survives the write. A create still sets whole lists.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId, pairId } from '../../../../src/core/ids';
import type { FieldEdit } from '../../../../src/core/planning/change-plan';
import { JiraTracker } from '../../../../src/adapters/jira';
import { FakeJiraHttp, reply } from './support/fake-jira-http';

const issue = localIssueId('10001');
const list = (...names: string[]) => ({ kind: 'options' as const, names });
const e = (field: FieldEdit['field'], value: FieldEdit['value'], previous?: FieldEdit['value']): FieldEdit => ({ field, value, partnerField: field, ...(previous ? { previous } : {}) });

describe('list fields written by difference', () => {
  test('an edit adds and removes single values, beside the plain fields of the same PUT', async () => {
    const http = new FakeJiraHttp().on('PUT', /\/issue\/10001$/, reply(204));
    const stored = await new JiraTracker({ http }).updateFields(issue, [
      e('summary', { kind: 'text', text: 'Checkout fails' }),
      e('components', list('Portal', 'Billing'), list('Portal', 'Mobile')),
      e('fixVersions', list('2.0'), list()),
      e('versions', list('0.9', '1.0'), list('0.9')),
    ]);
    assert.equal(http.count('PUT'), 1);
    const body = http.sent.find((s) => s.method === 'PUT')!.json as { fields: Record<string, unknown>; update: Record<string, unknown> };
    assert.deepEqual(body.fields, { summary: 'Checkout fails' });
    assert.deepEqual(body.update, {
      components: [{ add: { name: 'Billing' } }, { remove: { name: 'Mobile' } }],
      fixVersions: [{ add: { name: '2.0' } }],
      versions: [{ add: { name: '1.0' } }],
    }, 'the archived 0.9 the issue keeps is not named');
    assert.deepEqual(stored.components, list('Portal', 'Billing'));
    assert.deepEqual(stored.versions, list('0.9', '1.0'));
  });

  test('without a value read first (a create, or an old plan), whole lists are set', async () => {
    const http = new FakeJiraHttp()
      .on('POST', /\/rest\/api\/3\/issue$/, reply(201, { id: '10002', key: 'GLX-2', self: 'https://globex.atlassian.net/rest/api/3/issue/10002' }))
      .on('PUT', /\/issue\/10001$/, reply(204));
    const tracker = new JiraTracker({ http });
    await tracker.createIssue({ pairId: pairId('p-1'), projectKey: 'GLX', issueType: 'Task', edits: [e('summary', { kind: 'text', text: 'New' }), e('components', list('Portal'), list('Mobile'))] });
    const created = http.sent.find((s) => s.method === 'POST')!.json as { fields: Record<string, unknown>; update?: unknown };
    assert.deepEqual(created.fields.components, [{ name: 'Portal' }]);
    assert.equal(created.update, undefined);
    await tracker.updateFields(issue, [e('components', list('Portal'))]);
    assert.deepEqual((http.sent.find((s) => s.method === 'PUT')!.json as { fields: unknown }).fields, { components: [{ name: 'Portal' }] });
  });
});
