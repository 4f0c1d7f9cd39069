// Table API: the result envelope, system fields, numbers, create/read/update/delete, priority lookup,
// task state stamps, field selection and ServiceNow's error answers.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { glideDateTime } from '../../../sandbox/servicenow/index';
import { fixture } from './sn-fixture';

const HEX32 = /^[0-9a-f]{32}$/;
const GLIDE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

describe('Table API', () => {
  const f = fixture();
  after(() => f.sn.close());

  test('lists records in the result envelope with every value a string', async () => {
    const res = await f.call('GET', '/api/now/table/incident');
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-total-count'], '4');
    assert.equal(res.json.result.length, 4);
    const first = res.json.result[0];
    assert.equal(first.number, 'INC0010001');
    assert.match(first.sys_id, HEX32);
    assert.match(first.sys_created_on, GLIDE);
    assert.match(first.sys_updated_on, GLIDE);
    assert.equal(first.sys_class_name, 'incident');
    assert.equal(first.comments, '');
    for (const [k, v] of Object.entries(first)) {
      assert.ok(typeof v === 'string' || (typeof v === 'object' && v !== null && 'link' in v), `${k} is ${JSON.stringify(v)}`);
    }
  });

  test('creates a record: 201, Location, number, system fields, defaults and computed priority', async () => {
    const res = await f.call('POST', '/api/now/table/incident', { short_description: 'Laptop will not boot', impact: '1', urgency: 2, description: 'Black screen' });
    assert.equal(res.status, 201, res.text);
    const r = res.json.result;
    assert.equal(res.headers.location, `https://initech.service-now.com/api/now/table/incident/${r.sys_id}`);
    assert.equal(r.number, 'INC0010005');
    assert.equal(r.state, '1');
    assert.equal(r.priority, '2');
    assert.equal(r.active, 'true');
    assert.equal(r.sys_mod_count, '0');
    assert.equal(r.sys_created_by, 'liaison.integration');
    assert.equal(r.sys_updated_by, 'liaison.integration');
    assert.equal(r.opened_by.value, f.sn.sysIdOf('sys_user', 'liaison.integration'));
    assert.equal(r.sys_created_on, '2025-03-01 09:00:00');
    const next = await f.call('POST', '/api/now/table/incident', { short_description: 'Second' });
    assert.equal(next.json.result.number, 'INC0010006');
  });

  test('unknown fields are ignored and system fields cannot be set, but a new sys_id can be chosen', async () => {
    const chosen = 'aaaabbbbccccddddeeeeffff00001111';
    const res = await f.call('POST', '/api/now/table/incident', { sys_id: chosen, short_description: 'Mine', no_such_field: 'x', sys_created_by: 'mallory', sys_mod_count: '99', number: 'INC9999999' });
    assert.equal(res.status, 201);
    assert.equal(res.json.result.sys_id, chosen);
    assert.equal(res.json.result.sys_created_by, 'liaison.integration');
    assert.equal(res.json.result.sys_mod_count, '0');
    assert.notEqual(res.json.result.number, 'INC9999999');
    assert.equal('no_such_field' in res.json.result, false);
    const again = await f.call('POST', '/api/now/table/incident', { sys_id: chosen, short_description: 'Clash' });
    assert.equal(again.status, 400);
  });

  test('reads one record; a missing one is 404 with the ServiceNow body', async () => {
    const id = f.sn.sysIdOf('incident', '1');
    const res = await f.call('GET', `/api/now/table/incident/${id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.result.short_description, 'VPN drops every 10 minutes');
    const missing = await f.call('GET', '/api/now/table/incident/0123456789abcdef0123456789abcdef');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" }, status: 'failure' });
  });

  test('PATCH and PUT update only the fields sent, bump sys_mod_count and stamp the updater', async () => {
    const created = (await f.call('POST', '/api/now/table/incident', { short_description: 'Before', description: 'keep me' })).json.result;
    f.clock.advance(5);
    const patched = await f.call('PATCH', `/api/now/table/incident/${created.sys_id}`, { short_description: 'After' }, 'beth.anglin');
    assert.equal(patched.status, 200);
    assert.equal(patched.json.result.short_description, 'After');
    assert.equal(patched.json.result.description, 'keep me');
    assert.equal(patched.json.result.sys_mod_count, '1');
    assert.equal(patched.json.result.sys_updated_by, 'beth.anglin');
    assert.equal(patched.json.result.sys_updated_on, '2025-03-01 09:00:05');
    const put = await f.call('PUT', `/api/now/table/incident/${created.sys_id}`, { urgency: '1' });
    assert.equal(put.json.result.short_description, 'After', 'PUT keeps fields that are not in the body');
    assert.equal(put.json.result.sys_mod_count, '2');
  });

  test('an update that changes nothing saves nothing', async () => {
    const id = f.sn.sysIdOf('incident', '2');
    const before = (await f.call('GET', `/api/now/table/incident/${id}`)).json.result;
    f.clock.advance(3);
    const same = await f.call('PATCH', `/api/now/table/incident/${id}`, { short_description: before.short_description, impact: before.impact });
    assert.equal(same.json.result.sys_mod_count, before.sys_mod_count);
    assert.equal(same.json.result.sys_updated_on, before.sys_updated_on);
  });

  test('priority follows the default impact × urgency lookup and cannot be set directly', async () => {
    const expected: Record<string, string> = { '11': '1', '12': '2', '13': '3', '21': '2', '22': '3', '23': '4', '31': '3', '32': '4', '33': '5' };
    for (const [iu, priority] of Object.entries(expected)) {
      const r = await f.call('POST', '/api/now/table/incident', { short_description: `p${iu}`, impact: iu[0], urgency: iu[1], priority: '1' });
      assert.equal(r.json.result.priority, priority, `impact ${iu[0]} urgency ${iu[1]}`);
    }
    const id = f.sn.sysIdOf('incident', '2');
    const raised = await f.call('PATCH', `/api/now/table/incident/${id}`, { impact: '1', urgency: '1' });
    assert.equal(raised.json.result.priority, '1');
  });

  test('resolving and closing an incident stamps resolved_at/closed_at and clears active', async () => {
    const id = (await f.call('POST', '/api/now/table/incident', { short_description: 'Lifecycle' })).json.result.sys_id;
    f.clock.advance(60);
    const resolved = (await f.call('PATCH', `/api/now/table/incident/${id}`, { state: '6', close_code: 'Solution provided', close_notes: 'Fixed' })).json.result;
    assert.equal(resolved.resolved_at, glideDateTime(f.clock.ms));
    assert.equal(resolved.resolved_by.value, f.sn.sysIdOf('sys_user', 'liaison.integration'));
    assert.equal(resolved.active, 'true');
    const closed = (await f.call('PATCH', `/api/now/table/incident/${id}`, { state: '7' })).json.result;
    assert.equal(closed.active, 'false');
    assert.match(closed.closed_at, GLIDE);
    const reopened = (await f.call('PATCH', `/api/now/table/incident/${id}`, { state: '2' })).json.result;
    assert.equal(reopened.active, 'true');
    assert.equal(reopened.closed_at, '');
  });

  test('sysparm_fields selects fields (dot-walking included) and ignores unknown names', async () => {
    const id = f.sn.sysIdOf('incident', '0');
    const res = await f.call('GET', `/api/now/table/incident/${id}?sysparm_fields=number,state,bogus,caller_id.user_name,assigned_to`);
    assert.deepEqual(Object.keys(res.json.result), ['number', 'state', 'caller_id.user_name', 'assigned_to']);
    assert.equal(res.json.result['caller_id.user_name'], 'abel.tuter');
    assert.deepEqual(res.json.result.assigned_to, {
      link: `https://initech.service-now.com/api/now/table/sys_user/${f.sn.sysIdOf('sys_user', 'beth.anglin')}`,
      value: f.sn.sysIdOf('sys_user', 'beth.anglin'),
    });
    const bare = await f.call('GET', `/api/now/table/incident/${id}?sysparm_fields=assigned_to&sysparm_exclude_reference_link=true`);
    assert.deepEqual(bare.json.result, { assigned_to: f.sn.sysIdOf('sys_user', 'beth.anglin') });
  });

  test('X-no-response-body suppresses the body', async () => {
    const res = await f.call('POST', '/api/now/table/incident', { short_description: 'quiet' }, undefined, { 'X-no-response-body': 'true' });
    assert.equal(res.status, 201);
    assert.equal(res.text, '');
    assert.match(res.headers.location ?? '', /\/api\/now\/table\/incident\/[0-9a-f]{32}$/);
  });

  test('DELETE answers 204 and needs admin; the record is gone afterwards', async () => {
    const id = (await f.call('POST', '/api/now/table/incident', { short_description: 'Delete me' })).json.result.sys_id;
    const denied = await f.call('DELETE', `/api/now/table/incident/${id}`, undefined, 'beth.anglin');
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.json.error, { message: 'Operation Failed', detail: 'ACL Exception Delete Failed due to security constraints' });
    const gone = await f.call('DELETE', `/api/now/table/incident/${id}`, undefined, 'admin');
    assert.equal(gone.status, 204);
    assert.equal(gone.text, '');
    assert.equal((await f.call('GET', `/api/now/table/incident/${id}`)).status, 404);
  });

  test('versioned URLs reach the same API', async () => {
    const res = await f.call('GET', '/api/now/v2/table/problem?sysparm_limit=1');
    assert.equal(res.status, 200);
    assert.match(res.json.result[0].number, /^PRB004\d{4}$/);
  });

  test('other task tables have their own numbers and states', async () => {
    const chg = await f.call('POST', '/api/now/table/change_request', { short_description: 'Patch servers' });
    assert.match(chg.json.result.number, /^CHG003\d{4}$/);
    assert.equal(chg.json.result.state, '-5');
    const ritm = await f.call('POST', '/api/now/table/sc_req_item', { short_description: 'Monitor' });
    assert.match(ritm.json.result.number, /^RITM001\d{4}$/);
  });
});

describe('Table API errors', () => {
  const f = fixture();
  after(() => f.sn.close());

  test('an unknown table is a 400 "Invalid table"', async () => {
    for (const [method, path] of [['GET', '/api/now/table/u_nothing'], ['POST', '/api/now/table/u_nothing'], ['GET', '/api/now/table/u_nothing/0123456789abcdef0123456789abcdef']] as const) {
      const res = await f.call(method, path, method === 'POST' ? { a: 1 } : undefined);
      assert.equal(res.status, 400, `${method} ${path}`);
      assert.deepEqual(res.json, { error: { message: 'Invalid table u_nothing', detail: null }, status: 'failure' });
    }
  });

  test('unknown paths and methods', async () => {
    const nowhere = await f.call('GET', '/api/now/nothing');
    assert.equal(nowhere.status, 400);
    assert.equal(nowhere.json.error.message, 'Requested URI does not represent any resource');
    const method = await f.call('DELETE', '/api/now/table/incident');
    assert.equal(method.status, 405);
    assert.equal(method.json.status, 'failure');
  });

  test('bad bodies get clear 400/415 answers and change nothing', async () => {
    const id = f.sn.sysIdOf('incident', '0');
    const before = (await f.call('GET', `/api/now/table/incident/${id}`)).json.result;
    const cases: [string | object, Record<string, string>, number][] = [
      ['{not json', { 'Content-Type': 'application/json' }, 400],
      ['', { 'Content-Type': 'application/json' }, 400],
      ['"a string"', { 'Content-Type': 'application/json' }, 400],
      ['short_description=x', { 'Content-Type': 'text/plain' }, 415],
      [{ state: 'In Progress' }, {}, 400],
      [{ opened_at: 'yesterday' }, {}, 400],
      [{ active: 'maybe' }, {}, 400],
      [{ short_description: { nested: true } }, {}, 400],
    ];
    for (const [body, headers, status] of cases) {
      const res = await f.call('PATCH', `/api/now/table/incident/${id}`, body, undefined, headers);
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${res.text}`);
      assert.equal(res.json.status, 'failure');
      assert.equal(typeof res.json.error.message, 'string');
    }
    const after = (await f.call('GET', `/api/now/table/incident/${id}`)).json.result;
    assert.deepEqual(after, before);
  });

  test('an array body works on its first record, as ServiceNow does', async () => {
    const res = await f.call('POST', '/api/now/table/incident', [{ short_description: 'first' }, { short_description: 'second' }]);
    assert.equal(res.status, 201);
    assert.equal(res.json.result.short_description, 'first');
  });

  test('sysparm_input_display_value accepts choice labels and reference display values', async () => {
    const res = await f.call('POST', '/api/now/table/incident?sysparm_input_display_value=true', { short_description: 'Labels', state: 'On Hold', assigned_to: 'David Loo' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.result.state, '3');
    assert.equal(res.json.result.assigned_to.value, f.sn.sysIdOf('sys_user', 'david.loo'));
  });

  test('bad paging numbers are a 400', async () => {
    assert.equal((await f.call('GET', '/api/now/table/incident?sysparm_limit=ten')).status, 400);
    assert.equal((await f.call('GET', '/api/now/table/incident?sysparm_offset=-1')).status, 400);
  });
});
