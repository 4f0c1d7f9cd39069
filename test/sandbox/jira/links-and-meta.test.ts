// Issue properties, remote links (globalId upsert) and the read-only metadata endpoints.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './site-fixture';

describe('issue properties', () => {
  const f = fixture();
  after(() => f.site.close());

  test('PUT creates (201) then replaces (200); GET, list and DELETE', async () => {
    assert.equal((await f.call('PUT', '/rest/api/3/issue/ACME-1/properties/liaison', { v: 1 })).status, 201);
    assert.equal((await f.call('PUT', '/rest/api/3/issue/ACME-1/properties/liaison', { v: 2 })).status, 200);
    assert.deepEqual((await f.call('GET', '/rest/api/3/issue/ACME-1/properties/liaison')).json, { key: 'liaison', value: { v: 2 } });
    const keys = await f.call('GET', '/rest/api/3/issue/ACME-1/properties');
    assert.deepEqual(keys.json.keys, [{ key: 'liaison', self: 'https://acme.atlassian.net/rest/api/3/issue/ACME-1/properties/liaison' }]);
    const withProps = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=summary&properties=liaison');
    assert.deepEqual(withProps.json.properties, { liaison: { v: 2 } });
    assert.equal((await f.call('DELETE', '/rest/api/3/issue/ACME-1/properties/liaison')).status, 204);
    assert.equal((await f.call('GET', '/rest/api/3/issue/ACME-1/properties/liaison')).status, 404);
    assert.equal((await f.call('DELETE', '/rest/api/3/issue/ACME-1/properties/liaison')).status, 404);
  });

  test('values over 32 KB are refused', async () => {
    const res = await f.call('PUT', '/rest/api/3/issue/ACME-1/properties/big', { blob: 'x'.repeat(33_000) });
    assert.equal(res.status, 400);
  });
});

describe('remote links', () => {
  const f = fixture();
  after(() => f.site.close());
  const link = (title: string) => ({
    globalId: 'liaison:globex:GLX-7',
    application: { type: 'com.liaison', name: 'Liaison' },
    relationship: 'mirrored by',
    object: { title, url: 'https://globex.atlassian.net/browse/GLX-7' },
  });

  test('POST with a known globalId updates the same link', async () => {
    const first = await f.call('POST', '/rest/api/3/issue/ACME-1/remotelink', link('GLX-7'));
    assert.equal(first.status, 201);
    const second = await f.call('POST', '/rest/api/3/issue/ACME-1/remotelink', link('GLX-7 (renamed)'));
    assert.equal(second.status, 200);
    assert.equal(second.json.id, first.json.id);
    const all = await f.call('GET', '/rest/api/3/issue/ACME-1/remotelink');
    assert.equal(all.json.length, 1);
    assert.equal(all.json[0].object.title, 'GLX-7 (renamed)');
    const one = await f.call('GET', `/rest/api/3/issue/ACME-1/remotelink?globalId=${encodeURIComponent('liaison:globex:GLX-7')}`);
    assert.equal(one.json.id, first.json.id);
  });

  test('delete by globalId and by id', async () => {
    const a = await f.call('POST', '/rest/api/3/issue/ACME-2/remotelink', { ...link('A'), globalId: 'g-a' });
    await f.call('POST', '/rest/api/3/issue/ACME-2/remotelink', { ...link('B'), globalId: 'g-b' });
    assert.equal((await f.call('DELETE', '/rest/api/3/issue/ACME-2/remotelink?globalId=g-b')).status, 204);
    assert.equal((await f.call('DELETE', `/rest/api/3/issue/ACME-2/remotelink/${a.json.id}`)).status, 204);
    assert.deepEqual((await f.call('GET', '/rest/api/3/issue/ACME-2/remotelink')).json, []);
    assert.equal((await f.call('DELETE', '/rest/api/3/issue/ACME-2/remotelink?globalId=g-b')).status, 404);
    assert.equal((await f.call('DELETE', '/rest/api/3/issue/ACME-2/remotelink')).status, 400);
  });
});

describe('site metadata', () => {
  const f = fixture();
  after(() => f.site.close());

  test('myself, user and user search', async () => {
    const me = await f.call('GET', '/rest/api/3/myself', undefined, f.agent);
    assert.equal(me.json.accountId, f.agent);
    assert.equal(me.json.emailAddress, 'agent1@acme.example');
    const user = await f.call('GET', `/rest/api/3/user?accountId=${f.admin}`);
    assert.equal(user.json.displayName, 'Acme Admin');
    assert.equal((await f.call('GET', '/rest/api/3/user?accountId=ghost')).status, 404);
    assert.equal((await f.call('GET', '/rest/api/3/user')).status, 400);
    const found = await f.call('GET', '/rest/api/3/user/search?query=agent');
    assert.deepEqual(found.json.map((u: { displayName: string }) => u.displayName).sort(), ['Acme Agent One', 'Acme Agent Two']);
  });

  test('fields list system and custom fields with their schemas', async () => {
    const fields = await f.call('GET', '/rest/api/3/field');
    const severity = fields.json.find((x: { id: string }) => x.id === 'customfield_10022');
    assert.equal(severity.name, 'Severity');
    assert.equal(severity.schema.custom, 'com.atlassian.jira.plugin.system.customfieldtypes:select');
    assert.deepEqual(severity.clauseNames, ['cf[10022]', 'Severity']);
    assert.ok(fields.json.some((x: { id: string; custom: boolean }) => x.id === 'summary' && !x.custom));
  });

  test('priorities, statuses, issue types and projects', async () => {
    assert.deepEqual((await f.call('GET', '/rest/api/3/priority')).json.map((p: { name: string }) => p.name), ['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    assert.deepEqual((await f.call('GET', '/rest/api/3/status')).json.map((s: { name: string }) => s.name), ['To Do', 'In Progress', 'Done']);
    assert.deepEqual((await f.call('GET', '/rest/api/3/issuetype')).json.map((t: { name: string }) => t.name), ['Task', 'Bug', 'Story', 'Epic', 'Sub-task']);
    const projects = await f.call('GET', '/rest/api/3/project/search');
    assert.deepEqual(projects.json.values.map((p: { key: string; name: string }) => [p.key, p.name]), [['ACME', 'Acme Support']]);
    const project = await f.call('GET', '/rest/api/3/project/ACME');
    assert.equal(project.json.lead.accountId, f.admin);
    assert.equal((await f.call('GET', '/rest/api/3/project/NOPE')).status, 404);
  });

  test('mypermissions separates admins from agents', async () => {
    const q = '/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS&projectKey=ACME';
    const have = (res: { json: { permissions: Record<string, { havePermission: boolean }> } }) =>
      Object.fromEntries(Object.entries(res.json.permissions).map(([k, v]) => [k, v.havePermission]));
    assert.deepEqual(have(await f.call('GET', q)), { ADMINISTER: true, BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER_PROJECTS: true });
    assert.deepEqual(have(await f.call('GET', q, undefined, f.agent)), { ADMINISTER: false, BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER_PROJECTS: false });
    assert.equal((await f.call('GET', '/rest/api/3/mypermissions')).status, 400);
    assert.equal((await f.call('GET', '/rest/api/3/mypermissions?permissions=FLY')).status, 400);
    assert.equal((await f.call('GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=ACME-99')).status, 404);
  });

  test('an app user lands in atlassian-addons-admin and holds admin rights', async () => {
    f.site.addUser({ accountId: 'app-liaison', displayName: 'Liaison', accountType: 'app' });
    const res = await f.call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', undefined, 'app-liaison');
    assert.equal(res.json.permissions.ADMINISTER.havePermission, true);
    const me = await f.call('GET', '/rest/api/3/myself?expand=groups', undefined, 'app-liaison');
    assert.equal(me.json.accountType, 'app');
    assert.deepEqual(me.json.groups.items.map((g: { name: string }) => g.name), ['atlassian-addons-admin']);
  });

  test('serverInfo names the site', async () => {
    const info = await f.call('GET', '/rest/api/3/serverInfo');
    assert.equal(info.json.baseUrl, 'https://acme.atlassian.net');
    assert.equal(info.json.deploymentType, 'Cloud');
  });
});
