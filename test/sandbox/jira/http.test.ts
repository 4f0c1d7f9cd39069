// The site over real HTTP: Basic auth (email:apiToken), JSON errors, attachments as multipart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, basic, fixture, type Fixture } from './site-fixture';

describe('HTTP with Basic auth', () => {
  let f: Fixture;
  let auth: string;
  before(async () => {
    f = fixture({ attachmentMaxBytes: 1024 });
    await f.site.listen();
    auth = basic('admin@acme.example', 'acme-admin-token');
  });
  after(() => f.site.close());

  const http = (path: string, init: RequestInit = {}) => fetch(`${f.site.baseUrl}${path}`, init);

  test('baseUrl is the bound loopback address; siteUrl is the cloud address', () => {
    assert.match(f.site.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(f.site.siteUrl, 'https://acme.atlassian.net');
  });

  test('401 without credentials or with a wrong token', async () => {
    const none = await http('/rest/api/3/myself');
    assert.equal(none.status, 401);
    assert.ok(Array.isArray(((await none.json()) as { errorMessages: string[] }).errorMessages));
    const wrong = await http('/rest/api/3/myself', { headers: { Authorization: basic('admin@acme.example', 'nope') } });
    assert.equal(wrong.status, 401);
    // an account without an API token cannot use Basic auth at all
    const tokenless = await http('/rest/api/3/myself', { headers: { Authorization: basic('agent2@acme.example', '') } });
    assert.equal(tokenless.status, 401);
  });

  test('authenticated requests act as the token owner', async () => {
    const me = await http('/rest/api/3/myself', { headers: { Authorization: basic('agent1@acme.example', 'acme-agent1-token') } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { accountId: string }).accountId, f.agent);
  });

  test('create, edit and read an issue over HTTP', async () => {
    const created = await http('/rest/api/3/issue', {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Over the wire', description: adf('hi') } }),
    });
    assert.equal(created.status, 201);
    const { key } = (await created.json()) as { key: string };
    const edit = await http(`/rest/api/3/issue/${key}`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ update: { labels: [{ add: 'wire' }] } }),
    });
    assert.equal(edit.status, 204);
    assert.equal(await edit.text(), '');
    const got = await http(`/rest/api/3/issue/${key}?fields=labels`, { headers: { Authorization: auth } });
    assert.deepEqual(((await got.json()) as { fields: { labels: string[] } }).fields.labels, ['wire']);
  });

  test('malformed JSON is a 400 ErrorCollection, never a crash', async () => {
    const res = await http('/rest/api/3/issue/ACME-1', { method: 'PUT', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: '{not json' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errorMessages: string[]; errors: Record<string, string> };
    assert.equal(body.errorMessages.length, 1);
    assert.deepEqual(body.errors, {});
    assert.equal((await http('/rest/api/3/serverInfo', { headers: { Authorization: auth } })).status, 200, 'still serving');
  });

  test('attachments: upload as multipart, read metadata and content, delete', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0, 1, 2, 250, 255])], { type: 'application/octet-stream' }), 'blob.bin');
    const noToken = await http('/rest/api/3/issue/ACME-1/attachments', { method: 'POST', headers: { Authorization: auth }, body: form });
    assert.equal(noToken.status, 403, 'X-Atlassian-Token: no-check is required');
    const up = await http('/rest/api/3/issue/ACME-1/attachments', { method: 'POST', headers: { Authorization: auth, 'X-Atlassian-Token': 'no-check' }, body: form });
    assert.equal(up.status, 200);
    const [meta] = (await up.json()) as { id: string; filename: string; size: number; mimeType: string }[];
    assert.equal(meta!.filename, 'blob.bin');
    assert.equal(meta!.size, 5);
    const info = await http(`/rest/api/3/attachment/${meta!.id}`, { headers: { Authorization: auth } });
    assert.equal(((await info.json()) as { id: number }).id, Number(meta!.id));
    const content = await http(`/rest/api/3/attachment/content/${meta!.id}`, { headers: { Authorization: auth } });
    assert.equal(content.headers.get('content-type'), 'application/octet-stream');
    assert.deepEqual([...new Uint8Array(await content.arrayBuffer())], [0, 1, 2, 250, 255]);
    // Jira's documented Range support (with redirect=false): 206 with Content-Range, 416 past the end.
    const ranged = (range: string) => http(`/rest/api/3/attachment/content/${meta!.id}?redirect=false`, { headers: { Authorization: auth, Range: range } });
    const slice = await ranged('bytes=1-3');
    assert.equal(slice.status, 206);
    assert.equal(slice.headers.get('content-range'), 'bytes 1-3/5');
    assert.deepEqual([...new Uint8Array(await slice.arrayBuffer())], [1, 2, 250]);
    const tail = await ranged('bytes=3-99');
    assert.equal(tail.headers.get('content-range'), 'bytes 3-4/5');
    assert.deepEqual([...new Uint8Array(await tail.arrayBuffer())], [250, 255]);
    assert.equal((await ranged('bytes=5-9')).status, 416);
    assert.equal((await ranged('lines=1-2')).status, 400);
    assert.equal((await http(`/rest/api/3/attachment/${meta!.id}`, { method: 'DELETE', headers: { Authorization: auth } })).status, 204);
    assert.equal((await http(`/rest/api/3/attachment/${meta!.id}`, { headers: { Authorization: auth } })).status, 404);
  });

  test('attachments over the size cap are refused with 413', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(2048)]), 'big.bin');
    const res = await http('/rest/api/3/issue/ACME-1/attachments', { method: 'POST', headers: { Authorization: auth, 'X-Atlassian-Token': 'no-check' }, body: form });
    assert.equal(res.status, 413);
    const list = await http('/rest/api/3/issue/ACME-1?fields=attachment', { headers: { Authorization: auth } });
    assert.deepEqual(((await list.json()) as { fields: { attachment: unknown[] } }).fields.attachment, []);
  });

  test('the same router answers HTTP and request() alike', async () => {
    const viaHttp = await http('/rest/api/3/issue/ACME-2?fields=summary,status', { headers: { Authorization: auth } });
    const inProcess = await f.call('GET', '/rest/api/3/issue/ACME-2?fields=summary,status');
    assert.deepEqual(await viaHttp.json(), inProcess.json);
  });
});
