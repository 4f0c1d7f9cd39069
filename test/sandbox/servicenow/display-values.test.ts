// sysparm_display_value=false|true|all with and without sysparm_exclude_reference_link, on choice,
// reference, date and empty fields.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './sn-fixture';

describe('display values', () => {
  const f = fixture();
  after(() => f.sn.close());
  const id = f.sn.sysIdOf('incident', '0');
  const beth = f.sn.sysIdOf('sys_user', 'beth.anglin');
  const link = `https://initech.service-now.com/api/now/table/sys_user/${beth}`;
  const get = async (params: string) =>
    (await f.call('GET', `/api/now/table/incident/${id}?sysparm_fields=state,priority,impact,assigned_to,resolved_by,opened_at,short_description&${params}`)).json.result;

  test('false (the default): actual values, references as {link, value}', async () => {
    const r = await get('');
    assert.equal(r.state, '2');
    assert.equal(r.priority, '3');
    assert.deepEqual(r.assigned_to, { link, value: beth });
    assert.equal(r.resolved_by, '', 'an empty reference is an empty string');
    assert.equal(r.opened_at, '2025-03-01 09:00:00');
  });

  test('true: labels and display names, references as {display_value, link}', async () => {
    const r = await get('sysparm_display_value=true');
    assert.equal(r.state, 'In Progress');
    assert.equal(r.priority, '3 - Moderate');
    assert.equal(r.impact, '2 - Medium');
    assert.deepEqual(r.assigned_to, { display_value: 'Beth Anglin', link });
    assert.equal(r.resolved_by, '');
    assert.equal(r.short_description, 'Email not syncing on mobile');
  });

  test('true with excluded links: plain display strings', async () => {
    const r = await get('sysparm_display_value=true&sysparm_exclude_reference_link=true');
    assert.equal(r.assigned_to, 'Beth Anglin');
  });

  test('all: both, for every field', async () => {
    const r = await get('sysparm_display_value=all');
    assert.deepEqual(r.state, { display_value: 'In Progress', value: '2' });
    assert.deepEqual(r.assigned_to, { display_value: 'Beth Anglin', link, value: beth });
    assert.deepEqual(r.resolved_by, { display_value: '', value: '' });
    const bare = await get('sysparm_display_value=all&sysparm_exclude_reference_link=true');
    assert.deepEqual(bare.assigned_to, { display_value: 'Beth Anglin', value: beth });
  });

  test('an unknown mode falls back to actual values', async () => {
    const r = await get('sysparm_display_value=sometimes');
    assert.equal(r.state, '2');
  });

  test('lists honour the same options', async () => {
    const res = await f.call('GET', '/api/now/table/incident?sysparm_display_value=true&sysparm_fields=number,state&sysparm_query=ORDERBYnumber&sysparm_limit=2');
    assert.deepEqual(res.json.result, [{ number: 'INC0010001', state: 'In Progress' }, { number: 'INC0010002', state: 'New' }]);
  });
});
