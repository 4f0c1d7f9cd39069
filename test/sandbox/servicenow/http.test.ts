// The instance over real HTTP: Basic auth and OAuth with form bodies, JSON errors, paging links pointing
// at the served address, and a binary attachment round trip through fetch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHostResponse, toHostRequest } from '../../../sandbox/platform/http-util';
import type { HostHandler } from '../../../sandbox/platform/types';
import { CLIENT_CREDENTIALS_PROPERTY } from '../../../sandbox/servicenow';
import { basic, fixture, type Fixture, type Json } from './sn-fixture';

describe('HTTP', () => {
  let f: Fixture;
  before(async () => {
    f = fixture();
    f.sn.setProperty(CLIENT_CREDENTIALS_PROPERTY, 'true');
    await f.sn.listen();
  });
  after(() => f.sn.close());
  const http = (path: string, init: RequestInit = {}) => fetch(`${f.sn.baseUrl}${path}`, init);
  const auth = () => ({ Authorization: basic('liaison.integration'), Accept: 'application/json' });

  test('baseUrl is the bound loopback address; instanceUrl is the cloud address', () => {
    assert.match(f.sn.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(f.sn.instanceUrl, 'https://initech.service-now.com');
  });

  test('401 without credentials', async () => {
    const res = await http('/api/now/table/incident');
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as Json).error.message, 'User Not Authenticated');
  });

  test('create, update and read over the wire; links point at the served address', async () => {
    const created = await http('/api/now/table/incident', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ short_description: 'Over the wire', assigned_to: f.sn.sysIdOf('sys_user', 'beth.anglin') }) });
    assert.equal(created.status, 201);
    const record = ((await created.json()) as Json).result;
    assert.equal(created.headers.get('location'), `${f.sn.baseUrl}/api/now/table/incident/${record.sys_id}`);
    assert.ok(record.assigned_to.link.startsWith(`${f.sn.baseUrl}/api/now/table/sys_user/`));
    const patched = await http(`/api/now/table/incident/${record.sys_id}`, { method: 'PATCH', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"comments":"hi"}' });
    assert.equal(((await patched.json()) as Json).result.sys_mod_count, '1');
    const page = await http('/api/now/table/incident?sysparm_limit=2', { headers: auth() });
    assert.equal(page.headers.get('x-total-count'), '5');
    assert.match(page.headers.get('link') ?? '', new RegExp(`<${f.sn.baseUrl.replace(/[.]/g, '\\.')}/api/now/table/incident\\?`));
  });

  test('malformed JSON is a 400 failure envelope, never a crash', async () => {
    const res = await http('/api/now/table/incident', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{nope' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as Json;
    assert.equal(body.status, 'failure');
    assert.equal(body.error.message, 'Exception while reading request');
  });

  test('OAuth token over a form post, then Bearer calls', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: f.sn.sysIdOf('oauth_entity', 'liaison'), client_secret: 'liaison-initech-client-secret' });
    const tok = await http('/oauth_token.do', { method: 'POST', body: form });
    assert.equal(tok.status, 200);
    const { access_token } = (await tok.json()) as { access_token: string };
    const res = await http('/api/now/table/incident?sysparm_limit=1', { headers: { Authorization: `Bearer ${access_token}` } });
    assert.equal(res.status, 200);
  });

  test('binary attachment round trip', async () => {
    const bytes = new Uint8Array(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));
    const id = f.sn.sysIdOf('incident', '0');
    const up = await http(`/api/now/attachment/file?table_name=incident&table_sys_id=${id}&file_name=pic.png`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'image/png' }, body: bytes });
    assert.equal(up.status, 201);
    const meta = ((await up.json()) as Json).result;
    const down = await http(`/api/now/attachment/${meta.sys_id}/file`, { headers: auth() });
    assert.equal(down.status, 200);
    assert.equal(down.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await down.arrayBuffer()), bytes);
  });
});

describe('as a sandbox egress host', () => {
  const f = fixture();
  after(() => f.sn.close());

  test('serves the platform HostHandler contract: fetch Request in, fetch Response out, bytes intact', async () => {
    const host: HostHandler = f.sn;
    const send = async (url: string, init: RequestInit) => fromHostResponse(await host.request(await toHostRequest(new Request(url, init))));
    const id = f.sn.sysIdOf('incident', '0');
    const bytes = new Uint8Array([0, 255, 1, 254, 128]);
    const up = await send(`https://initech.service-now.com/api/now/attachment/file?table_name=incident&table_sys_id=${id}&file_name=x.bin`, {
      method: 'POST',
      headers: { Authorization: basic('liaison.integration'), 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    assert.equal(up.status, 201);
    const meta = ((await up.json()) as Json).result;
    assert.equal(meta.download_link, `https://initech.service-now.com/api/now/attachment/${meta.sys_id}/file`);
    const down = await send(meta.download_link, { headers: { Authorization: basic('liaison.integration') } });
    assert.deepEqual(new Uint8Array(await down.arrayBuffer()), bytes);
    const list = await send('https://initech.service-now.com/api/now/table/incident?sysparm_limit=1', { headers: { Authorization: basic('liaison.integration') } });
    assert.equal(list.headers.get('x-total-count'), '4');
  });
});
