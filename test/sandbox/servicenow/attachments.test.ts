// Attachment API: binary upload to a record, metadata list and read, byte-exact download, delete, the size
// cap, missing parameters and the parent record's ACL.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { basic, fixture } from './sn-fixture';

const ALL_BYTES = new Uint8Array(Array.from({ length: 512 }, (_, i) => i % 256));

describe('Attachment API', () => {
  const f = fixture({ attachmentMaxBytes: 4096 });
  after(() => f.sn.close());
  const incident = f.sn.sysIdOf('incident', '0');
  const upload = (query: string, body: Uint8Array | string, user = 'liaison.integration', contentType: string | null = 'application/octet-stream') =>
    f.raw('POST', `/api/now/attachment/file?${query}`, { Authorization: basic(user), ...(contentType ? { 'Content-Type': contentType } : {}) }, body);

  test('a binary upload round-trips byte for byte', async () => {
    const before = (await f.call('GET', `/api/now/table/incident/${incident}`)).json.result;
    f.clock.advance(10);
    const res = await upload(`table_name=incident&table_sys_id=${incident}&file_name=dump.bin`, ALL_BYTES);
    assert.equal(res.status, 201, res.text);
    const meta = res.json.result;
    assert.match(meta.sys_id, /^[0-9a-f]{32}$/);
    assert.equal(meta.file_name, 'dump.bin');
    assert.equal(meta.size_bytes, '512');
    assert.equal(meta.content_type, 'application/octet-stream');
    assert.equal(meta.table_name, 'incident');
    assert.equal(meta.table_sys_id, incident);
    assert.equal(meta.sys_created_by, 'liaison.integration');
    assert.equal(meta.download_link, `https://initech.service-now.com/api/now/attachment/${meta.sys_id}/file`);
    assert.equal(res.headers.location, `https://initech.service-now.com/api/now/attachment/${meta.sys_id}`);

    const file = await f.raw('GET', `/api/now/attachment/${meta.sys_id}/file`, { Authorization: basic('beth.anglin') });
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'application/octet-stream');
    assert.deepEqual(new Uint8Array(file.bytes!), ALL_BYTES);
    assert.equal(JSON.parse(file.headers['x-attachment-metadata']!).file_name, 'dump.bin');

    const after = (await f.call('GET', `/api/now/table/incident/${incident}`)).json.result;
    assert.equal(after.sys_updated_on, before.sys_updated_on, 'attaching does not update the parent record');
  });

  test('list by sysparm_query, read metadata, delete', async () => {
    const text = await upload(`table_name=incident&table_sys_id=${incident}&file_name=notes.txt`, 'hello', 'beth.anglin', 'text/plain');
    const id = text.json.result.sys_id;
    const list = await f.call('GET', `/api/now/attachment?sysparm_query=${encodeURIComponent(`table_sys_id=${incident}^ORDERBYfile_name`)}`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.result.map((a: { file_name: string }) => a.file_name), ['dump.bin', 'notes.txt']);
    const one = await f.call('GET', `/api/now/attachment/${id}`);
    assert.equal(one.json.result.content_type, 'text/plain');
    assert.equal(one.json.result.size_bytes, '5');
    assert.equal((await f.call('DELETE', `/api/now/attachment/${id}`)).status, 204);
    assert.equal((await f.call('GET', `/api/now/attachment/${id}`)).status, 404);
    assert.equal((await f.call('GET', `/api/now/attachment/${id}/file`)).status, 404);
    const table = await f.call('GET', `/api/now/table/sys_attachment?sysparm_query=table_sys_id=${incident}`);
    assert.equal(table.json.result.length, 1, 'sys_attachment is readable through the Table API too');
  });

  test('bad uploads: missing parameters, no Content-Type, unknown record, too large', async () => {
    const missing = await upload(`table_name=incident&file_name=x`, 'x');
    assert.equal(missing.status, 400);
    assert.match(missing.json.error.detail, /table_sys_id/);
    assert.equal((await upload(`table_name=incident&table_sys_id=${incident}&file_name=x`, 'x', 'liaison.integration', null)).status, 400);
    const unknown = await upload(`table_name=incident&table_sys_id=0123456789abcdef0123456789abcdef&file_name=x`, 'x');
    assert.equal(unknown.status, 404);
    assert.equal((await upload(`table_name=u_nothing&table_sys_id=${incident}&file_name=x`, 'x')).status, 404);
    const big = await upload(`table_name=incident&table_sys_id=${incident}&file_name=big`, new Uint8Array(4097));
    assert.equal(big.status, 400);
    assert.match(big.json.error.message, /too large/);
    assert.equal((await upload(`table_name=incident&table_sys_id=${incident}&file_name=fits`, new Uint8Array(4096))).status, 201);
  });

  test('a requester may read the attachments of their own incident but not add any', async () => {
    const denied = await upload(`table_name=incident&table_sys_id=${incident}&file_name=x`, 'x', 'abel.tuter');
    assert.equal(denied.status, 403);
    const list = await f.call('GET', `/api/now/attachment?sysparm_query=table_sys_id=${incident}`, undefined, 'abel.tuter');
    assert.ok(list.json.result.length >= 1);
    const other = await f.call('POST', '/api/now/table/incident', { short_description: 'Not Abel\'s' });
    await upload(`table_name=incident&table_sys_id=${other.json.result.sys_id}&file_name=secret.txt`, 's', 'liaison.integration', 'text/plain');
    const hidden = await f.call('GET', `/api/now/attachment?sysparm_query=table_sys_id=${other.json.result.sys_id}`, undefined, 'abel.tuter');
    assert.deepEqual(hidden.json.result, []);
  });
});
