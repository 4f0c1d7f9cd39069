// The transport on fetch: basic auth, OAuth client credentials (one token per instance of the
// transport, renewed once on a 401), instance URL checks, and credentials that never leak.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { forgeServiceNowHttp, instanceOrigin } from '../../../../src/adapters/servicenow/servicenow-http';

type Call = { url: string; method: string; headers: Record<string, string>; body?: string | ArrayBuffer };

function fakeFetch(answer: (call: Call) => { status: number; body?: string; headers?: Record<string, string> }) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: { method: string; headers: Record<string, string>; body?: string | ArrayBuffer }) => {
    const call = { url, ...init };
    calls.push(call);
    const a = answer(call);
    return new Response(a.status === 204 ? null : (a.body ?? ''), { status: a.status, headers: a.headers ?? {} });
  };
  return { calls, fetch };
}

const ok = { status: 200, body: '{"result":[]}', headers: { 'content-type': 'application/json', 'x-total-count': '0' } };

describe('forgeServiceNowHttp', () => {
  test('basic auth: one call with the Authorization header; headers come back lower-cased', async () => {
    const f = fakeFetch(() => ok);
    const http = forgeServiceNowHttp('https://acme.service-now.com/', { kind: 'basic', username: 'liaison.integration', password: 's3cret:pw' }, { fetch: f.fetch });
    const res = await http.request('GET', '/api/now/table/incident?sysparm_limit=1');
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-total-count'], '0');
    assert.equal(f.calls.length, 1);
    assert.equal(f.calls[0]!.url, 'https://acme.service-now.com/api/now/table/incident?sysparm_limit=1');
    assert.equal(f.calls[0]!.headers.Authorization, `Basic ${Buffer.from('liaison.integration:s3cret:pw').toString('base64')}`);
    assert.equal(f.calls[0]!.headers.Accept, 'application/json');
  });

  test('json and raw bodies carry their content types', async () => {
    const f = fakeFetch(() => ({ status: 201, body: '{"result":{}}' }));
    const http = forgeServiceNowHttp('https://acme.service-now.com', { kind: 'basic', username: 'u', password: 'p' }, { fetch: f.fetch });
    await http.request('POST', '/api/now/table/incident', { kind: 'json', value: { short_description: 'x' } });
    await http.request('POST', '/api/now/attachment/file?file_name=a.png', { kind: 'raw', contentType: 'image/png', bytes: new Uint8Array([1, 2, 3]) });
    assert.equal(f.calls[0]!.headers['Content-Type'], 'application/json');
    assert.equal(f.calls[0]!.body, '{"short_description":"x"}');
    assert.equal(f.calls[1]!.headers['Content-Type'], 'image/png');
    assert.deepEqual([...new Uint8Array(f.calls[1]!.body as ArrayBuffer)], [1, 2, 3]);
  });

  test('OAuth: the token is fetched once per transport with client credentials, then reused', async () => {
    const f = fakeFetch((c) => (c.url.endsWith('/oauth_token.do') ? { status: 200, body: '{"access_token":"tok-1","token_type":"Bearer","expires_in":1799}' } : ok));
    const http = forgeServiceNowHttp('https://acme.service-now.com', { kind: 'oauth', clientId: 'cid', clientSecret: 'csecret' }, { fetch: f.fetch });
    await http.request('GET', '/api/now/table/incident');
    await http.request('GET', '/api/now/table/incident');
    assert.equal(f.calls.length, 3);
    const token = f.calls[0]!;
    assert.equal(token.method, 'POST');
    assert.equal(token.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(token.body as string)), { grant_type: 'client_credentials', client_id: 'cid', client_secret: 'csecret' });
    assert.equal(f.calls[1]!.headers.Authorization, 'Bearer tok-1');
    assert.equal(f.calls[2]!.headers.Authorization, 'Bearer tok-1');
  });

  test('OAuth: a 401 renews the token and retries once; a second 401 is the answer', async () => {
    let tokens = 0;
    const f = fakeFetch((c) => {
      if (c.url.endsWith('/oauth_token.do')) return { status: 200, body: JSON.stringify({ access_token: `tok-${++tokens}` }) };
      return c.headers.Authorization === 'Bearer tok-2' && c.url.includes('good') ? ok : { status: 401, body: '{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}' };
    });
    const http = forgeServiceNowHttp('https://acme.service-now.com', { kind: 'oauth', clientId: 'cid', clientSecret: 'csecret' }, { fetch: f.fetch });
    assert.equal((await http.request('GET', '/api/now/table/good')).status, 200);
    assert.deepEqual(f.calls.map((c) => c.url.replace('https://acme.service-now.com', '')), ['/oauth_token.do', '/api/now/table/good', '/oauth_token.do', '/api/now/table/good']);
    const bad = await http.request('GET', '/api/now/table/bad');
    assert.equal(bad.status, 401);
    assert.equal(f.calls.length, 7, 'one call, one renewal, one retry: no loop');
  });

  test('OAuth: a refused client reads as 401 with the reason, without the secret', async () => {
    const f = fakeFetch(() => ({ status: 401, body: '{"error_description":"access_denied","error":"server_error"}' }));
    const http = forgeServiceNowHttp('https://acme.service-now.com', { kind: 'oauth', clientId: 'cid', clientSecret: 'csecret-value' }, { fetch: f.fetch });
    const res = await http.request('GET', '/api/now/table/incident');
    assert.equal(res.status, 401);
    assert.match(res.text, /OAuth token request refused/);
    assert.match(res.text, /server_error: access_denied/);
    assert.doesNotMatch(res.text, /csecret-value/);
    assert.equal(f.calls.length, 1);
  });

  test('OAuth: a rate-limited token endpoint passes its 429 on (transient, not bad credentials)', async () => {
    const f = fakeFetch(() => ({ status: 429, body: '', headers: { 'retry-after': '30' } }));
    const http = forgeServiceNowHttp('https://acme.service-now.com', { kind: 'oauth', clientId: 'cid', clientSecret: 's' }, { fetch: f.fetch });
    const res = await http.request('GET', '/api/now/table/incident');
    assert.equal(res.status, 429);
    assert.equal(res.headers['retry-after'], '30');
  });

  test('no answer rejects (the client turns it into a transient error)', async () => {
    const http = forgeServiceNowHttp('https://acme.service-now.com', { kind: 'basic', username: 'u', password: 'p' }, {
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await assert.rejects(http.request('GET', '/api/now/table/incident'), /fetch failed/);
  });

  test('instance URLs: https origin only, no path, no credentials; messages never echo a password', () => {
    assert.equal(instanceOrigin('https://acme.service-now.com/'), 'https://acme.service-now.com');
    assert.throws(() => instanceOrigin('http://acme.service-now.com'), /must use https/);
    assert.throws(() => instanceOrigin('acme.service-now.com'), /is not a URL/);
    assert.throws(() => instanceOrigin('https://acme.service-now.com/now/nav/ui'), /without a path/);
    assert.throws(() => instanceOrigin('https://u:pw@acme.service-now.com'), (e: Error) => /must not carry credentials/.test(e.message) && !e.message.includes('pw'));
    assert.throws(() => forgeServiceNowHttp('https://acme.service-now.com', { kind: 'basic', username: 'u', password: '' }), /the password is empty/);
    assert.throws(() => forgeServiceNowHttp('https://acme.service-now.com', { kind: 'oauth', clientId: 'c', clientSecret: '' }), /OAuth client secret is empty/);
  });

  test('a path must be instance-relative', async () => {
    const http = forgeServiceNowHttp('https://acme.service-now.com', { kind: 'basic', username: 'u', password: 'p' }, { fetch: fakeFetch(() => ok).fetch });
    await assert.rejects(http.request('GET', 'https://evil.example/api'), /must start with "\/"/);
  });
});
