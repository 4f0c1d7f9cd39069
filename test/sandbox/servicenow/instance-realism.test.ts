// What a real instance does that an integration trips over: the close-info data policy, journal rows an
// itil user may not read (hidden or refused), labels in the user's own language, an admin's own priority
// lookup, invalid choices dropped without a word, client credentials off until enabled, and the
// correlation fields on task.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_CREDENTIALS_PROPERTY } from '../../../sandbox/servicenow';
import { basic, fixture } from './sn-fixture';

describe('a real instance, not a kind one', () => {
  const f = fixture();
  after(() => f.sn.close());
  const create = async (fields: Record<string, string>) => (await f.call('POST', '/api/now/table/incident', { short_description: 'Realism', ...fields })).json.result;

  test('resolving an incident without resolution code and notes is refused by the data policy, naming both fields', async () => {
    const inc = await create({ state: '2' });
    const refused = await f.call('PATCH', `/api/now/table/incident/${inc.sys_id}`, { state: '6' });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json.error, { message: 'Operation Failed', detail: 'Data Policy Exception: The following fields are mandatory: Resolution code, Resolution notes' });
    assert.equal((await f.call('GET', `/api/now/table/incident/${inc.sys_id}?sysparm_fields=state`)).json.result.state, '2', 'nothing was saved');
    const half = await f.call('PATCH', `/api/now/table/incident/${inc.sys_id}`, { state: '7', close_code: 'Solution provided' });
    assert.match(half.json.error.detail, /mandatory: Resolution notes$/);
    const done = await f.call('PATCH', `/api/now/table/incident/${inc.sys_id}`, { state: '6', close_code: 'Solution provided', close_notes: 'Resolved in Jira ACME-5' });
    assert.equal(done.status, 200);
    assert.equal(done.json.result.state, '6');
    // The policy holds while the incident stays resolved: emptying the notes is refused too.
    assert.equal((await f.call('PATCH', `/api/now/table/incident/${inc.sys_id}`, { close_notes: '' })).status, 403);
  });

  test('journal rows are hidden from a plain itil user (200, no rows) unless a read ACL grants them; a denying ACL answers 403', async () => {
    const inc = await create({ comments: 'Hello' });
    const q = `/api/now/table/sys_journal_field?sysparm_query=${encodeURIComponent(`element_id=${inc.sys_id}`)}`;
    const asAgent = await f.call('GET', q, undefined, 'beth.anglin');
    assert.equal(asAgent.status, 200);
    assert.deepEqual(asAgent.json.result, []);
    assert.equal((await f.call('GET', q)).json.result.length, 1, 'the integration user holds the granted role');
    f.sn.grantRead('sys_journal_field', null);
    assert.deepEqual((await f.call('GET', q)).json.result, []);
    f.sn.grantRead('sys_journal_field', ['liaison_integration']);
    f.sn.denyAccess({ when: ({ path }) => path.includes('sys_journal_field') });
    const denied = await f.call('GET', q);
    f.sn.denyAccess(null);
    assert.equal(denied.status, 403);
    assert.match(denied.json.error.detail, /ACL Exception Read Failed/);
  });

  test('a German-speaking user reads German labels; stored values and sys_choice in English are the same', async () => {
    f.sn.addUser({ user_name: 'klaus.integration', name: 'Klaus Integration', password: 'pw', roles: ['itil'], preferred_language: 'de' });
    const inc = await create({ state: '2', impact: '1', urgency: '1' });
    const asKlaus = await f.raw('GET', `/api/now/table/incident/${inc.sys_id}?sysparm_display_value=all&sysparm_fields=state,priority`, { Authorization: basic('klaus.integration', 'pw') });
    assert.deepEqual(asKlaus.json.result.state, { display_value: 'In Bearbeitung', value: '2' });
    assert.deepEqual(asKlaus.json.result.priority, { display_value: '1 - Kritisch', value: '1' });
    const english = await f.raw('GET', `/api/now/table/sys_choice?sysparm_query=${encodeURIComponent('name=incident^element=state^language=en^ORDERBYsequence')}&sysparm_fields=value,label`, { Authorization: basic('klaus.integration', 'pw') });
    assert.deepEqual(english.json.result.map((c: { label: string }) => c.label), ['New', 'In Progress', 'On Hold', 'Resolved', 'Closed', 'Canceled']);
  });

  test('an admin who renames a label changes what everyone reads, not the stored value', async () => {
    const row = (await f.call('GET', `/api/now/table/sys_choice?sysparm_query=${encodeURIComponent('name=incident^element=state^value=3^language=en')}`)).json.result[0];
    assert.equal((await f.call('PATCH', `/api/now/table/sys_choice/${row.sys_id}`, { label: 'Waiting' }, 'admin')).status, 200);
    const inc = await create({ state: '3' });
    const read = await f.call('GET', `/api/now/table/incident/${inc.sys_id}?sysparm_display_value=all&sysparm_fields=state`);
    assert.deepEqual(read.json.result.state, { display_value: 'Waiting', value: '3' });
  });

  test("priority follows the instance's own lookup rules; only admins or data_lookup_admin read them unless granted", async () => {
    const rules = await f.call('GET', '/api/now/table/dl_u_priority?sysparm_query=impact=1^urgency=1', undefined, 'admin');
    assert.equal(rules.json.result[0].priority, '1');
    assert.deepEqual((await f.call('GET', '/api/now/table/dl_u_priority')).json.result, [], 'hidden from the integration user');
    assert.equal((await f.call('PATCH', `/api/now/table/dl_u_priority/${rules.json.result[0].sys_id}`, { priority: '2' }, 'admin')).status, 200);
    const inc = await create({ impact: '1', urgency: '1', priority: '1' });
    assert.equal(inc.priority, '2', 'the changed rule wins over the priority sent');
    f.sn.grantRead('dl_u_priority', ['liaison_integration']);
    assert.equal((await f.call('GET', '/api/now/table/dl_u_priority')).json.result.length, 9);
  });

  test('a value that is no choice of the field is dropped without an error; the field keeps its value', async () => {
    const inc = await create({ state: '2', category: 'network' });
    const res = await f.call('PATCH', `/api/now/table/incident/${inc.sys_id}`, { state: '99', category: 'plumbing', short_description: 'Still saved' });
    assert.equal(res.status, 200);
    assert.equal(res.json.result.state, '2');
    assert.equal(res.json.result.category, 'network');
    assert.equal(res.json.result.short_description, 'Still saved');
  });

  test('client credentials are refused until the system property enables them', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: f.sn.sysIdOf('oauth_entity', 'liaison'), client_secret: 'liaison-initech-client-secret' }).toString();
    const token = () => f.raw('POST', '/oauth_token.do', { 'content-type': 'application/x-www-form-urlencoded' }, form);
    const off = await token();
    assert.equal(off.status, 401);
    assert.deepEqual(off.json, { error_description: 'access_denied', error: 'server_error' });
    f.sn.setProperty(CLIENT_CREDENTIALS_PROPERTY, 'true');
    assert.equal((await token()).status, 200);
  });

  test('task records carry correlation_id and correlation_display', async () => {
    const inc = await create({ correlation_id: 'ACME-5', correlation_display: 'Jira' });
    const read = await f.call('GET', `/api/now/table/incident?sysparm_query=correlation_id=ACME-5&sysparm_fields=sys_id,correlation_id,correlation_display`);
    assert.deepEqual(read.json.result, [{ sys_id: inc.sys_id, correlation_id: 'ACME-5', correlation_display: 'Jira' }]);
  });
});
