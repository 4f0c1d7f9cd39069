// Closing a problem or a change request on a current instance: the data policies that make a code and
// notes mandatory (problem: Resolution code and what that code needs; change: Close code and Close
// notes), with the instance's own code choices. Sources in sandbox/servicenow/README.md.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './sn-fixture';

describe('closing problems and change requests', () => {
  const f = fixture();
  after(() => f.sn.close());
  const create = async (table: string, fields: Record<string, string> = {}) => (await f.call('POST', `/api/now/table/${table}`, { short_description: 'Close me', ...fields })).json.result;
  const patch = (table: string, id: string, body: Record<string, string>) => f.call('PATCH', `/api/now/table/${table}/${id}`, body);

  test('a problem resolved without a resolution code is refused, naming it; nothing is saved', async () => {
    const prb = await create('problem', { state: '103' });
    const refused = await patch('problem', prb.sys_id, { state: '106' });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json.error, { message: 'Operation Failed', detail: 'Data Policy Exception: The following fields are mandatory: Resolution code' });
    assert.equal((await f.call('GET', `/api/now/table/problem/${prb.sys_id}?sysparm_fields=state`)).json.result.state, '103');
  });

  test('each problem resolution code needs its own notes: Fix Applied cause and fix notes, Canceled close notes, Duplicate the problem it duplicates', async () => {
    const prb = await create('problem', { state: '103' });
    const fix = await patch('problem', prb.sys_id, { state: '106', resolution_code: 'fix_applied' });
    assert.equal(fix.json.error.detail, 'Data Policy Exception: The following fields are mandatory: Cause notes, Fix notes');
    const canceled = await patch('problem', prb.sys_id, { state: '107', resolution_code: 'canceled' });
    assert.equal(canceled.json.error.detail, 'Data Policy Exception: The following fields are mandatory: Close notes');
    const duplicate = await patch('problem', prb.sys_id, { state: '106', resolution_code: 'duplicate', close_notes: 'Same as the other' });
    assert.equal(duplicate.json.error.detail, 'Data Policy Exception: The following fields are mandatory: Duplicate of');
    const risk = await patch('problem', prb.sys_id, { state: '106', resolution_code: 'risk_accepted', close_notes: 'Accepted' });
    assert.equal(risk.json.error.detail, 'Data Policy Exception: The following fields are mandatory: Cause notes');
    // Notes an agent wrote earlier count: only what is still empty must come with the resolve.
    assert.equal((await patch('problem', prb.sys_id, { cause_notes: 'A certificate expired' })).status, 200);
    const resolved = await patch('problem', prb.sys_id, { state: '106', resolution_code: 'fix_applied', fix_notes: 'Resolved in Jira ACME-7' });
    assert.equal(resolved.status, 200);
    assert.equal(resolved.json.result.state, '106');
  });

  test('moving a problem to Fix in Progress needs cause and fix notes', async () => {
    const prb = await create('problem', { state: '103' });
    assert.equal((await patch('problem', prb.sys_id, { state: '104' })).json.error.detail, 'Data Policy Exception: The following fields are mandatory: Cause notes, Fix notes');
  });

  test('a resolution code that is no choice of the instance is dropped, and the policy then refuses the resolve', async () => {
    const prb = await create('problem', { state: '103' });
    const refused = await patch('problem', prb.sys_id, { state: '106', resolution_code: 'Solution provided', close_notes: 'x', cause_notes: 'x', fix_notes: 'x' });
    assert.equal(refused.status, 403);
    assert.match(refused.json.error.detail, /mandatory: Resolution code$/);
  });

  test('a change request closed without close code and notes is refused; Canceled needs neither', async () => {
    const chg = await create('change_request', { state: '-1' });
    const refused = await patch('change_request', chg.sys_id, { state: '3' });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.detail, 'Data Policy Exception: The following fields are mandatory: Close code, Close notes');
    assert.equal((await patch('change_request', chg.sys_id, { state: '3', close_code: 'successful', close_notes: 'Closed in Jira ACME-8' })).status, 200);
    const other = await create('change_request', { state: '-1' });
    assert.equal((await patch('change_request', other.sys_id, { state: '4' })).status, 200);
  });

  test('the codes are the instance\'s own sys_choice rows, readable by the integration user', async () => {
    const read = async (table: string, element: string) => (await f.call('GET', `/api/now/table/sys_choice?sysparm_query=${encodeURIComponent(`name=${table}^element=${element}^language=en^ORDERBYsequence`)}&sysparm_fields=value,label`)).json.result;
    assert.deepEqual((await read('problem', 'resolution_code')).map((c: { value: string }) => c.value), ['fix_applied', 'risk_accepted', 'duplicate', 'canceled']);
    assert.deepEqual((await read('change_request', 'close_code')).map((c: { label: string }) => c.label), ['Successful', 'Successful with issues', 'Unsuccessful']);
  });
});
