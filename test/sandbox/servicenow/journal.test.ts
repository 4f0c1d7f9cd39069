// Journal fields: comments and work_notes append entries to sys_journal_field, read back empty on the
// record, render as history with display values, and count as an update of the record.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './sn-fixture';

describe('journal fields', () => {
  const f = fixture();
  after(() => f.sn.close());

  test('a comment and a work note are entries in sys_journal_field; the fields read back empty', async () => {
    const created = await f.call('POST', '/api/now/table/incident', { short_description: 'Journal', comments: 'Visible to the caller', work_notes: 'Agents only' });
    const id = created.json.result.sys_id;
    assert.equal(created.json.result.comments, '');
    assert.equal(created.json.result.work_notes, '');
    const q = encodeURIComponent(`element_id=${id}^ORDERBYsys_created_on`);
    const entries = await f.call('GET', `/api/now/table/sys_journal_field?sysparm_query=${q}`);
    assert.equal(entries.status, 200);
    const rows = entries.json.result.map((e: Record<string, string>) => [e.element, e.name, e.value, e.sys_created_by, e.element_id]);
    assert.deepEqual(rows, [
      ['comments', 'incident', 'Visible to the caller', 'liaison.integration', id],
      ['work_notes', 'incident', 'Agents only', 'liaison.integration', id],
    ]);
    assert.match(entries.json.result[0].sys_created_on, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  test('a journal-only update bumps the record and is queryable by element', async () => {
    const id = f.sn.sysIdOf('incident', '1');
    const before = (await f.call('GET', `/api/now/table/incident/${id}`)).json.result;
    f.clock.advance(30);
    const after = (await f.call('PATCH', `/api/now/table/incident/${id}`, { work_notes: 'Gateway rolled back' }, 'david.loo')).json.result;
    assert.equal(after.work_notes, '');
    assert.equal(Number(after.sys_mod_count), Number(before.sys_mod_count) + 1);
    assert.notEqual(after.sys_updated_on, before.sys_updated_on);
    assert.equal(after.sys_updated_by, 'david.loo');
    const q = encodeURIComponent(`element_id=${id}^element=work_notes^ORDERBYDESCsys_created_on`);
    const notes = await f.call('GET', `/api/now/table/sys_journal_field?sysparm_query=${q}&sysparm_fields=value,sys_created_by`);
    assert.deepEqual(notes.json.result[0], { value: 'Gateway rolled back', sys_created_by: 'david.loo' });
    assert.equal(notes.json.result.length, 2, 'the seeded work note is there too');
  });

  test('blank journal values add nothing', async () => {
    const id = f.sn.sysIdOf('incident', '2');
    const before = (await f.call('GET', `/api/now/table/incident/${id}`)).json.result;
    const same = (await f.call('PATCH', `/api/now/table/incident/${id}`, { comments: '   ' })).json.result;
    assert.equal(same.sys_mod_count, before.sys_mod_count);
    const entries = await f.call('GET', `/api/now/table/sys_journal_field?sysparm_query=element_id=${id}`);
    assert.deepEqual(entries.json.result, []);
  });

  test('display values render the history newest first with ServiceNow labels', async () => {
    const id = f.sn.sysIdOf('incident', '0');
    const res = await f.call('GET', `/api/now/table/incident/${id}?sysparm_display_value=true&sysparm_fields=comments,work_notes`);
    const stamp = '2025-03-01 09:00:00';
    assert.equal(
      res.json.result.comments,
      `${stamp} - Abel Tuter (Additional comments)\nAn older Android phone.\n\n${stamp} - Beth Anglin (Additional comments)\nCould you tell us which phone model you use?\n\n`,
    );
    assert.equal(res.json.result.work_notes, `${stamp} - Beth Anglin (Work notes)\nMail relay logs show throttling for this mailbox.\n\n`);
    const all = await f.call('GET', `/api/now/table/incident/${id}?sysparm_display_value=all&sysparm_fields=comments`);
    assert.equal(all.json.result.comments.value, '');
    assert.match(all.json.result.comments.display_value, /Abel Tuter/);
  });

  test('journal entries are for itil users: a requester sees none', async () => {
    const id = f.sn.sysIdOf('incident', '0');
    const res = await f.call('GET', `/api/now/table/sys_journal_field?sysparm_query=element_id=${id}`, undefined, 'abel.tuter');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.result, []);
  });

  test('deleting a record deletes its journal', async () => {
    const id = (await f.call('POST', '/api/now/table/incident', { short_description: 'Temp', comments: 'bye' })).json.result.sys_id;
    assert.equal((await f.call('DELETE', `/api/now/table/incident/${id}`, undefined, 'admin')).status, 204);
    const entries = await f.call('GET', `/api/now/table/sys_journal_field?sysparm_query=element_id=${id}`, undefined, 'admin');
    assert.deepEqual(entries.json.result, []);
  });
});
