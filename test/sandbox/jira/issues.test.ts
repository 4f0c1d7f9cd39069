// Issue endpoints through the in-process entry: create, read with field selection, edit (fields and
// update verbs), validation with Jira's field errors, delete.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, fixture } from './site-fixture';

describe('issues', () => {
  const f = fixture();
  after(() => f.site.close());

  test('create returns id, key and self, and the issue reads back with every field', async () => {
    const created = await f.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ACME' },
        issuetype: { name: 'Bug' },
        summary: 'Printer on fire',
        description: adf('Smoke everywhere'),
        priority: { name: 'Highest' },
        labels: ['hardware', 'urgent'],
        duedate: '2030-05-01',
        assignee: { accountId: f.agent },
        customfield_10020: 'CR-77',
        customfield_10021: 8.5,
        customfield_10022: { value: 'Sev 1' },
      },
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.key, /^ACME-\d+$/);
    assert.equal(created.json.self, `https://acme.atlassian.net/rest/api/3/issue/${created.json.id}`);
    const got = await f.call('GET', `/rest/api/3/issue/${created.json.key}`);
    const fields = got.json.fields;
    assert.equal(fields.summary, 'Printer on fire');
    assert.deepEqual(fields.description, adf('Smoke everywhere'));
    assert.equal(fields.priority.name, 'Highest');
    assert.deepEqual(fields.labels, ['hardware', 'urgent']);
    assert.equal(fields.duedate, '2030-05-01');
    assert.equal(fields.assignee.accountId, f.agent);
    assert.equal(fields.reporter.accountId, f.admin);
    assert.equal(fields.status.name, 'To Do');
    assert.equal(fields.status.statusCategory.key, 'new');
    assert.equal(fields.customfield_10020, 'CR-77');
    assert.equal(fields.customfield_10021, 8.5);
    assert.equal(fields.customfield_10022.value, 'Sev 1');
    assert.match(fields.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    // the same issue by numeric id
    const byId = await f.call('GET', `/rest/api/3/issue/${created.json.id}?fields=summary`);
    assert.equal(byId.json.key, created.json.key);
  });

  test('fields selection: names, *navigable, exclusions; expand names', async () => {
    const subset = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=summary,labels&expand=names');
    assert.deepEqual(Object.keys(subset.json.fields).sort(), ['labels', 'summary']);
    assert.deepEqual(subset.json.names, { summary: 'Summary', labels: 'Labels' });
    const navigable = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=*navigable,-description');
    assert.ok('summary' in navigable.json.fields);
    assert.ok(!('description' in navigable.json.fields));
    assert.ok(!('comment' in navigable.json.fields), 'comment is not a navigable field');
    const all = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=*all,-comment');
    assert.ok('attachment' in all.json.fields);
    assert.ok(!('comment' in all.json.fields));
    const rendered = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=description&expand=renderedFields');
    assert.match(rendered.json.renderedFields.description, /^<p>Customers see an error page/);
  });

  test('edit with fields and update verbs records one changelog entry', async () => {
    const res = await f.call('PUT', '/rest/api/3/issue/ACME-1', {
      fields: { summary: 'Login broken after reset', customfield_10022: { id: '10100' } },
      update: { labels: [{ add: 'sev1' }, { remove: 'customer' }], priority: [{ set: { name: 'Highest' } }] },
    });
    assert.equal(res.status, 204, res.text);
    const issue = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=summary,labels,priority,customfield_10022');
    assert.equal(issue.json.fields.summary, 'Login broken after reset');
    assert.deepEqual(issue.json.fields.labels, ['login', 'sev1']);
    assert.equal(issue.json.fields.priority.name, 'Highest');
    assert.equal(issue.json.fields.customfield_10022.value, 'Sev 1');
    const log = await f.call('GET', '/rest/api/3/issue/ACME-1/changelog');
    const last = log.json.values.at(-1);
    const byField = Object.fromEntries(last.items.map((i: { field: string }) => [i.field, i]));
    assert.deepEqual(byField.summary, {
      field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null,
      fromString: 'Login page returns 500 after password reset', to: null, toString: 'Login broken after reset',
    });
    assert.equal(byField.labels.fromString, 'login customer');
    assert.equal(byField.labels.toString, 'login sev1');
    assert.equal(byField.priority.from, '2');
    assert.equal(byField.priority.toString, 'Highest');
    assert.equal(byField.Severity.fieldtype, 'custom');
    assert.equal(byField.Severity.fieldId, 'customfield_10022');
    assert.equal(byField.Severity.fromString, 'Sev 2');
    assert.equal(byField.Severity.toString, 'Sev 1');
  });

  test('assignee and due date can be cleared with null', async () => {
    const res = await f.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { assignee: null, duedate: null } });
    assert.equal(res.status, 204);
    const issue = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=assignee,duedate');
    assert.equal(issue.json.fields.assignee, null);
    assert.equal(issue.json.fields.duedate, null);
  });

  test('bad values come back as Jira field errors and change nothing', async () => {
    const before = await f.call('GET', '/rest/api/3/issue/ACME-2?fields=summary,updated');
    const res = await f.call('PUT', '/rest/api/3/issue/ACME-2', {
      fields: {
        summary: 'x'.repeat(256),
        description: 'plain text is not ADF',
        labels: ['has space'],
        duedate: '2030-02-30',
        assignee: { accountId: 'nobody' },
        customfield_10021: 'five',
        customfield_10022: { value: 'Sev 9' },
        status: { name: 'Done' },
        customfield_99999: 'x',
      },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json.errorMessages, []);
    assert.deepEqual(res.json.errors, {
      summary: "Summary can't exceed 255 characters.",
      description: 'Operation value must be an Atlassian Document',
      labels: "The label 'has space' contains spaces which is invalid.",
      duedate: 'Error parsing date string: 2030-02-30',
      assignee: "User 'nobody' cannot be assigned issues.",
      customfield_10021: 'Operation value must be a number',
      customfield_10022: "Option value 'Sev 9' is not valid",
      status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
      customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    const afterwards = await f.call('GET', '/rest/api/3/issue/ACME-2?fields=summary,updated');
    assert.deepEqual(afterwards.json, before.json);
  });

  test('create requires project, issue type and summary', async () => {
    const noProject = await f.call('POST', '/rest/api/3/issue', { fields: { summary: 'x', issuetype: { name: 'Task' } } });
    assert.equal(noProject.status, 400);
    assert.equal(noProject.json.errors.project, 'Specify a valid project ID or key');
    const missing = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' } } });
    assert.deepEqual(missing.json.errors, { issuetype: 'Specify an issue type', summary: 'You must specify a summary of the issue.' });
    const badType = await f.call('POST', '/rest/api/3/issue', { fields: { project: { id: '10000' }, issuetype: { name: 'Initiative' }, summary: 'x' } });
    assert.equal(badType.json.errors.issuetype, 'The issue type selected is invalid.');
  });

  test('malformed JSON, a missing content type and unknown issues get Jira error shapes', async () => {
    const bad = await f.call('PUT', '/rest/api/3/issue/ACME-1', '{"fields": ');
    assert.equal(bad.status, 400);
    assert.ok(Array.isArray(bad.json.errorMessages) && bad.json.errorMessages.length === 1);
    const noType = await f.site.request({ method: 'PUT', path: '/rest/api/3/issue/ACME-1', headers: {}, body: '{}', actor: { accountId: f.admin } });
    assert.equal(noType.status, 415);
    const missing = await f.call('GET', '/rest/api/3/issue/NOPE-1');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    const unknownRoute = await f.call('GET', '/rest/api/3/nothing-here');
    assert.equal(unknownRoute.status, 404);
    const wrongMethod = await f.call('PATCH', '/rest/api/3/issue/ACME-1', {});
    assert.equal(wrongMethod.status, 405);
  });

  test('notifyUsers=false needs project admin rights', async () => {
    const agent = await f.call('PUT', '/rest/api/3/issue/ACME-3?notifyUsers=false', { fields: { summary: 'quiet' } }, f.agent);
    assert.equal(agent.status, 403);
    const admin = await f.call('PUT', '/rest/api/3/issue/ACME-3?notifyUsers=false', { fields: { summary: 'quiet' } });
    assert.equal(admin.status, 204);
  });

  test('an unknown actor is not authenticated; a user without product access cannot see issues', async () => {
    const stranger = await f.call('GET', '/rest/api/3/issue/ACME-1', undefined, 'no-such-account');
    assert.equal(stranger.status, 401);
    f.site.addUser({ accountId: 'guest-1', displayName: 'Guest', accountType: 'atlassian', groups: [] });
    const guest = await f.call('GET', '/rest/api/3/issue/ACME-1', undefined, 'guest-1');
    assert.equal(guest.status, 404);
  });

  test('delete answers 204 and the issue is gone', async () => {
    const created = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Temp' } });
    const del = await f.call('DELETE', `/rest/api/3/issue/${created.json.key}?deleteSubtasks=true`);
    assert.equal(del.status, 204);
    assert.equal((await f.call('GET', `/rest/api/3/issue/${created.json.key}`)).status, 404);
    assert.equal((await f.call('DELETE', `/rest/api/3/issue/${created.json.key}`)).status, 404);
  });
});
