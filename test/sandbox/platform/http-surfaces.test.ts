// Product REST, egress and web triggers: the app's HTTP surfaces, through the real @forge/api.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { world, call, type World } from './harness';

describe('product REST, egress and web triggers', () => {
  let w: World;
  before(async () => {
    w = await world();
    w.hosts.register('acme.service-now.com', {
      async request(req) {
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ echoed: req.path, method: req.method, body: req.body ?? null }) };
      },
    });
  });
  after(() => w.platform.close());

  test('asApp calls reach the product as the app account, asUser as the invoking user', async () => {
    const asApp = await call(w.acme, 'jira', { issueKey: 'ACME-7' }, 'user-42');
    assert.deepEqual(asApp, { status: 200, body: { key: 'ACME-7', fields: { summary: 'Summary of ACME-7' } } });
    await call(w.acme, 'jira', { issueKey: 'ACME-8', asUser: true }, 'user-42');
    assert.deepEqual(w.jira.calls.slice(-2), [
      { method: 'GET', path: '/rest/api/3/issue/ACME-7?fields=summary', accountId: 'app-acme' },
      { method: 'GET', path: '/rest/api/3/issue/ACME-8?fields=summary', accountId: 'user-42' },
    ]);
    assert.equal(w.acme.recorder.count({ kind: 'product', asUser: true, accountId: 'user-42' }), 1);
  });

  test('asUser without a user fails the way Forge fails it', async () => {
    const before = w.jira.calls.length;
    await assert.rejects(
      w.acme.invokeResolver('probe-panel', 'jira', { issueKey: 'ACME-9', asUser: true }, {}),
      (e: Error) => e.name === 'NEEDS_AUTHENTICATION_ERR',
    );
    assert.equal(w.jira.calls.length, before);
  });

  test('egress reaches a declared wildcard host through the host registry', async () => {
    const r = await call(w.acme, 'egress', { url: 'https://acme.service-now.com/api/now/table/incident?sysparm_limit=1', method: 'POST', body: '{"a":1}' });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body as string), { echoed: '/api/now/table/incident?sysparm_limit=1', method: 'POST', body: '{"a":1}' });
  });

  test('egress to an undeclared host is refused by the proxy with REQUEST_EGRESS_ALLOWLIST_ERR', async () => {
    w.hosts.register('evil.example.com', { request: async () => ({ status: 200, headers: {}, body: 'leaked' }) });
    const r = await call(w.acme, 'egress', { url: 'https://evil.example.com/steal' });
    assert.equal(r.status, 403);
    assert.equal(r.proxyError, 'REQUEST_EGRESS_ALLOWLIST_ERR');
    // a wildcard never covers its own parent domain
    const parent = await call(w.acme, 'egress', { url: 'https://service-now.com/' });
    assert.equal(parent.status, 403);
    assert.equal(w.acme.recorder.count({ kind: 'egress', host: 'evil.example.com', status: 403 }), 1);
  });

  test('plain http egress is refused as Forge refuses it (HTTPS only), even to a declared and served host', async () => {
    const r = await call(w.acme, 'egress', { url: 'http://acme.service-now.com/api/now/table/incident' });
    assert.equal(r.status, 400);
    assert.match(r.body as string, /HTTPS only/);
    assert.equal(w.acme.recorder.count({ kind: 'egress', host: 'acme.service-now.com', status: 400 }), 1);
  });

  test('a v2 web trigger (urlFormat: v2) has an installation-based *.webtrigger.atlassian.app URL and answers like v1', async () => {
    const v2 = w.globex.webTriggerUrl('inbox-v2');
    assert.match(v2, /^https:\/\/[0-9a-f-]{36}\.webtrigger\.atlassian\.app\/public\/[A-Za-z0-9_-]+$/);
    assert.equal(new URL(v2).hostname.split('.')[0], new URL(w.globex.webTriggerUrl('inbox')).hostname.split('.')[0], 'one host label per installation');
    const r = await call(w.acme, 'egress', { url: `${v2}/extra?x=1`, method: 'POST', body: '{}' });
    assert.equal(r.status, 202);
    const echoed = JSON.parse(r.body as string) as { request: { path: string; userPath: string }; moduleKey: string };
    assert.equal(echoed.moduleKey, 'inbox-v2');
    assert.equal(echoed.request.userPath, '/extra');
    assert.equal(echoed.request.path, `${new URL(v2).pathname}/extra`);
  });

  test('a declared host nobody serves fails like a DNS failure', async () => {
    const r = await call(w.acme, 'egress', { url: 'https://api.partner.example/v1' });
    assert.deepEqual(r, { thrown: 'fetch failed', cause: 'ENOTFOUND' });
  });

  test('webTrigger.getUrl answers the stable URL of the real form', async () => {
    const { url } = (await call(w.acme, 'webtrigger-url', { key: 'inbox' })) as { url: string };
    assert.match(url, /^https:\/\/[0-9a-f-]{36}\.hello\.atlassian-dev\.net\/x1\/[A-Za-z0-9_-]+$/);
    assert.equal(url, w.acme.webTriggerUrl('inbox'));
    assert.notEqual(url, w.globex.webTriggerUrl('inbox'));
  });

  test("one installation's fetch reaches another installation's web trigger with Forge's request shape", async () => {
    const url = w.globex.webTriggerUrl('inbox');
    const r = await call(w.acme, 'egress', { url: `${url}/extra?x=1&x=2&y=z`, method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Sig': 'abc' }, body: '{"hello":1}' });
    assert.equal(r.status, 202);
    assert.equal(r.contentType, 'application/json');
    const echoed = JSON.parse(r.body as string) as { request: Record<string, unknown>; moduleKey: string; cloudId: string };
    assert.equal(echoed.moduleKey, 'inbox');
    assert.equal(echoed.cloudId, w.globex.cloudId);
    assert.equal(echoed.request.method, 'POST');
    assert.equal(echoed.request.body, '{"hello":1}');
    assert.equal(echoed.request.path, `${new URL(url).pathname}/extra`);
    assert.deepEqual(echoed.request.queryParameters, { x: ['1', '2'], y: ['z'] });
    const headers = echoed.request.headers as Record<string, string[]>;
    assert.deepEqual(headers['x-sig'], ['abc']);
    assert.deepEqual(headers['content-type'], ['application/json']);
    assert.equal(w.globex.recorder.count({ kind: 'invocation', moduleType: 'webtrigger', moduleKey: 'inbox', outcome: 'ok' }), 1);
  });

  test('a web trigger that answers in the wrong shape is a 500', async () => {
    const r = await call(w.acme, 'egress', { url: w.globex.webTriggerUrl('broken') });
    assert.equal(r.status, 500);
  });

  test('web triggers are served over loopback HTTP', async () => {
    const server = await w.platform.listen();
    const res = await fetch(server.loopbackUrl(w.acme.webTriggerUrl('inbox')) + '?q=1', { method: 'PUT', body: 'plain' });
    assert.equal(res.status, 202);
    assert.equal(res.headers.get('x-probe'), 'a, b');
    const body = (await res.json()) as { request: { method: string; body: string; queryParameters: unknown } };
    assert.equal(body.request.method, 'PUT');
    assert.equal(body.request.body, 'plain');
    assert.deepEqual(body.request.queryParameters, { q: ['1'] });
    const missing = await fetch(`${server.origin}/x1/unknown`);
    assert.equal(missing.status, 404);
  });

  test("a web trigger's request keeps each header name as the caller spelled it, as Forge's request does", async () => {
    const server = await w.platform.listen();
    const target = new URL(server.loopbackUrl(w.acme.webTriggerUrl('inbox')));
    // node:http sends names exactly as given (fetch would lower-case them on the wire).
    const echoed = await new Promise<{ request: { headers: Record<string, string[]> } }>((resolve, reject) => {
      const req = httpRequest(target, { method: 'POST', headers: { 'X-Liaison-Signature': 'sha256=abc', 'content-type': 'text/plain' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(JSON.parse(text) as { request: { headers: Record<string, string[]> } }));
      });
      req.on('error', reject);
      req.end('signed');
    });
    assert.deepEqual(echoed.request.headers['X-Liaison-Signature'], ['sha256=abc']);
    assert.equal(echoed.request.headers['x-liaison-signature'], undefined, 'not lower-cased by the platform');
    assert.deepEqual(echoed.request.headers['content-type'], ['text/plain']);
  });
});
