// The Table API client: what it asks for (sysparm_* parameters, bodies) and how it reads the
// answers (envelope, X-Total-Count and Link paging, journal entries, attachment metadata).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceNowClient } from '../../../../src/adapters/servicenow/servicenow-client';
import { ServiceNowApiError } from '../../../../src/adapters/servicenow/servicenow-errors';
import { FakeServiceNowHttp, failure, reply } from './support/fake-sn-http';
import { attachments, INCIDENT_ID, incident, journal } from './support/records';

describe('ServiceNowClient', () => {
  test('list sends the query, fields, limit and offset and reads paging from the headers', async () => {
    const http = new FakeServiceNowHttp().on('GET', /^\/api\/now\/table\/incident$/, reply(200, { result: [incident] }, {
      'x-total-count': '3',
      link: '<https://acme.service-now.com/api/now/table/incident?sysparm_offset=1&sysparm_limit=1>;rel="next"',
    }));
    const page = await new ServiceNowClient(http).list('incident', { query: 'active=true^ORDERBYnumber', fields: ['sys_id', 'number'], limit: 1, offset: 0, displayValue: 'all' });
    const q = http.sent[0]!.url.searchParams;
    assert.equal(q.get('sysparm_query'), 'active=true^ORDERBYnumber');
    assert.equal(q.get('sysparm_fields'), 'sys_id,number');
    assert.equal(q.get('sysparm_limit'), '1');
    assert.equal(q.get('sysparm_offset'), '0');
    assert.equal(q.get('sysparm_display_value'), 'all');
    assert.equal(q.get('sysparm_exclude_reference_link'), 'true');
    assert.equal(page.records.length, 1);
    assert.equal(page.total, 3);
    assert.equal(page.hasMore, true);
  });

  test('without a Link header, X-Total-Count says whether more pages follow', async () => {
    const http = new FakeServiceNowHttp().on('GET', /incident$/, reply(200, { result: [incident] }, { 'x-total-count': '1' }));
    assert.equal((await new ServiceNowClient(http).list('incident', { limit: 1 })).hasMore, false);
  });

  test('get reads one record; 404 means gone', async () => {
    const http = new FakeServiceNowHttp()
      .on('GET', new RegExp(`/incident/${INCIDENT_ID}$`), reply(200, { result: incident }))
      .on('GET', /\/incident\/missing$/, failure(404, 'No Record found', 'Record doesn\'t exist or ACL restricts the record retrieval'));
    const client = new ServiceNowClient(http);
    assert.equal(((await client.get('incident', INCIDENT_ID)) as typeof incident).number.value, 'INC0010001');
    assert.equal(await client.get('incident', 'missing'), null);
  });

  test('create POSTs and update PATCHes JSON, asking only for the fields needed back', async () => {
    const http = new FakeServiceNowHttp()
      .on('POST', /\/api\/now\/table\/incident$/, reply(201, { result: { sys_id: INCIDENT_ID, number: 'INC0010002' } }))
      .on('PATCH', new RegExp(`/incident/${INCIDENT_ID}$`), reply(200, { result: { sys_id: INCIDENT_ID, sys_mod_count: '5' } }));
    const client = new ServiceNowClient(http);
    const created = await client.create('incident', { short_description: 'Printer on fire' }, { fields: ['sys_id', 'number'] });
    assert.equal(created.number, 'INC0010002');
    await client.update('incident', INCIDENT_ID, { state: '6' }, { fields: ['sys_id', 'sys_mod_count'] });
    assert.deepEqual(http.sent[0]!.json, { short_description: 'Printer on fire' });
    assert.equal(http.sent[0]!.url.searchParams.get('sysparm_fields'), 'sys_id,number');
    assert.equal(http.sent[1]!.method, 'PATCH');
    assert.deepEqual(http.sent[1]!.json, { state: '6' });
  });

  test('journal reads sys_journal_field for the record, oldest first, page after page', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ ...journal[0]!, sys_id: `j${String(i).padStart(4, '0')}` }));
    const http = new FakeServiceNowHttp().on('GET', /sys_journal_field$/, (req) => {
      const offset = Number(req.url.searchParams.get('sysparm_offset'));
      const limit = Number(req.url.searchParams.get('sysparm_limit'));
      return reply(200, { result: many.slice(offset, offset + limit) }, { 'x-total-count': String(many.length) });
    });
    const entries = await new ServiceNowClient(http).journal('incident', INCIDENT_ID);
    assert.equal(entries.length, 501);
    assert.equal(http.sent.length, 2);
    assert.equal(http.sent[0]!.url.searchParams.get('sysparm_query'), `name=incident^element_id=${INCIDENT_ID}^elementINcomments,work_notes^ORDERBYsys_created_on^ORDERBYsys_id`);
  });

  test('attachments: metadata by table and record, content by id, upload as raw bytes', async () => {
    const http = new FakeServiceNowHttp()
      .on('GET', /^\/api\/now\/attachment$/, reply(200, { result: attachments }))
      .on('GET', /\/attachment\/615ea769c0a80166001cf5f2367302f5\/file$/, { status: 200, headers: { 'content-type': 'image/png' }, text: '', bytes: new Uint8Array([137, 80, 78, 71]) })
      .on('POST', /\/attachment\/file$/, reply(201, { result: { ...attachments[0], sys_id: 'new1', file_name: 'log.txt', size_bytes: '5' } }));
    const client = new ServiceNowClient(http);
    const list = await client.attachments('incident', INCIDENT_ID);
    assert.equal(list[0]!.size_bytes, 462);
    assert.equal(http.sent[0]!.url.searchParams.get('sysparm_query'), `table_name=incident^table_sys_id=${INCIDENT_ID}^ORDERBYsys_created_on`);
    assert.deepEqual([...(await client.attachmentContent('615ea769c0a80166001cf5f2367302f5'))], [137, 80, 78, 71]);
    const up = await client.uploadAttachment('incident', INCIDENT_ID, { filename: 'log.txt', mimeType: 'text/plain', bytes: new TextEncoder().encode('hello') });
    assert.equal(up.sys_id, 'new1');
    const sent = http.sent[2]!;
    assert.deepEqual(Object.fromEntries(sent.url.searchParams), { table_name: 'incident', table_sys_id: INCIDENT_ID, file_name: 'log.txt' });
    assert.equal(sent.body?.kind === 'raw' && sent.body.contentType, 'text/plain');
  });

  test('users by email and choices by column; carets in values are escaped', async () => {
    const http = new FakeServiceNowHttp()
      .on('GET', /sys_user$/, reply(200, { result: [{ sys_id: 'u1', name: 'Beth Anglin', email: 'beth^x@example.com', user_name: 'beth.anglin' }] }))
      .on('GET', /sys_choice$/, reply(200, { result: [{ value: '-5', label: 'New' }, { value: '-4', label: 'Assess' }] }));
    const client = new ServiceNowClient(http);
    assert.equal((await client.findUserByEmail('beth^x@example.com'))?.sys_id, 'u1');
    assert.equal(http.sent[0]!.url.searchParams.get('sysparm_query'), 'email=beth^^x@example.com^active=true');
    assert.deepEqual(await client.choices('change_request', 'state'), [{ value: '-5', label: 'New' }, { value: '-4', label: 'Assess' }]);
  });

  test('bad table names and unexpected answers are clear errors', async () => {
    const client = new ServiceNowClient(new FakeServiceNowHttp().on('GET', /incident$/, { status: 200, headers: { 'content-type': 'text/html' }, text: '<html>Your instance is hibernating</html>' }));
    await assert.rejects(client.list('incident; drop'), /not a ServiceNow table name/);
    await assert.rejects(client.list('incident'), (e: unknown) => e instanceof ServiceNowApiError && /answered 200 with a body that is not JSON/.test(e.message));
    const odd = new ServiceNowClient(new FakeServiceNowHttp().on('GET', /attachment$/, reply(200, { result: [{ sys_id: 'x' }] })));
    await assert.rejects(odd.attachments('incident', INCIDENT_ID), /unexpected answer from ServiceNow at 0\.file_name/);
  });
});
