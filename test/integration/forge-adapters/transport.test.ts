// The partner transport on @forge/api fetch, through the sandbox's egress: every way a delivery can
// end is mapped to the TransportResult the core's retry policy decides on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostRequest, HostResponse } from '../../../sandbox/platform';
import type { TransportResult } from '../../../src/core/ports/transport';
import { probeState } from '../../fixtures/apps/forge-adapter-probe/src/probe-state';
import { port, probeWorld, type ProbeWorld } from './probe';

const PARTNER = 'api.partner.example';
const MESSAGE = JSON.stringify({ v: 1, kind: 'replica', messageId: 'm-1', sig: 'abc' });

/** A partner whose answer depends on the path, and which remembers what it was sent. */
function fakePartner(releaseSlow: Promise<void>) {
  const seen: HostRequest[] = [];
  const json = { 'content-type': 'application/json' };
  const answers: Record<string, () => Promise<HostResponse> | HostResponse> = {
    '/ok': () => ({ status: 200, headers: json, body: '{"kind":"ack"}' }),
    '/bad-signature': () => ({ status: 401, headers: json, body: '{"reason":"bad signature"}' }),
    '/refused': () => ({ status: 422, headers: json, body: 'x'.repeat(5000) }),
    '/rate-limited': () => ({ status: 429, headers: { 'retry-after': '120' }, body: '' }),
    '/maintenance': () => ({ status: 503, headers: { 'retry-after': new Date(Date.UTC(2025, 5, 2, 9, 1, 30)).toUTCString() }, body: 'down for maintenance' }),
    '/bad-gateway': () => ({ status: 502, headers: {}, body: '' }),
    '/slow': async () => {
      await releaseSlow;
      return { status: 200, headers: json, body: 'late' };
    },
  };
  return {
    seen,
    async request(req: HostRequest): Promise<HostResponse> {
      seen.push(req);
      const answer = answers[req.path];
      return answer ? answer() : { status: 404, headers: {}, body: 'no such path' };
    },
  };
}

describe('FetchTransport', () => {
  let w: ProbeWorld;
  let release!: () => void;
  let partner: ReturnType<typeof fakePartner>;
  before(async () => {
    w = await probeWorld();
    partner = fakePartner(new Promise<void>((resolve) => (release = resolve)));
    w.hosts.register(PARTNER, partner);
  });
  after(async () => {
    release();
    await w.close();
  });

  const send = (path: string, options?: { transportTimeoutMs?: number }) =>
    port(w.acme, 'transport', options).send(`https://${PARTNER}${path}`, MESSAGE) as Promise<TransportResult>;

  test('a 2xx answer is delivered with its body; the message goes out as a JSON POST', async () => {
    assert.deepEqual(await send('/ok'), { ok: true, status: 200, body: '{"kind":"ack"}' });
    const req = partner.seen.at(-1)!;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.body, MESSAGE);
  });

  test("the partner's real web trigger answers through the platform", async () => {
    const url = w.globex.webTriggerUrl('partner-inbox');
    const result = (await port(w.acme, 'transport').send(url, MESSAGE)) as TransportResult;
    assert.deepEqual(result, { ok: true, status: 202, body: JSON.stringify({ accepted: true, bytes: MESSAGE.length }) });
    assert.deepEqual(probeState.inbox.at(-1), { body: MESSAGE, contentType: 'application/json' });
  });

  test('a 4xx is an http error carrying the (capped) body', async () => {
    assert.deepEqual(await send('/bad-signature'), { ok: false, error: { kind: 'http', status: 401, body: '{"reason":"bad signature"}' } });
    const refused = await send('/refused');
    assert.ok(!refused.ok && refused.error.kind === 'http' && refused.error.status === 422 && refused.error.body?.length === 2000);
  });

  test('429 and 503 carry Retry-After, in seconds or as an HTTP date', async () => {
    assert.deepEqual(await send('/rate-limited'), { ok: false, error: { kind: 'http', status: 429, retryAfterMs: 120_000 } });
    assert.deepEqual(await send('/maintenance'), { ok: false, error: { kind: 'http', status: 503, retryAfterMs: 90_000, body: 'down for maintenance' } });
    assert.deepEqual(await send('/bad-gateway'), { ok: false, error: { kind: 'http', status: 502 } });
  });

  test('an unknown host is a network failure naming the DNS error', async () => {
    const result = (await port(w.acme, 'transport').send('https://gone.partner.example/inbox', MESSAGE)) as TransportResult;
    assert.ok(!result.ok && result.error.kind === 'network');
    assert.match(result.error.kind === 'network' ? result.error.message : '', /^gone\.partner\.example: ENOTFOUND/);
  });

  test('a host missing from the egress permissions is a permanent 403 that says why', async () => {
    const result = (await port(w.acme, 'transport').send('https://elsewhere.example/inbox', MESSAGE)) as TransportResult;
    assert.deepEqual(result, { ok: false, error: { kind: 'http', status: 403, body: 'Forge egress proxy refused the request: REQUEST_EGRESS_ALLOWLIST_ERR' } });
  });

  test('no answer within the timeout is a timeout', async () => {
    const result = await send('/slow', { transportTimeoutMs: 50 });
    assert.deepEqual(result, { ok: false, error: { kind: 'timeout', message: `${PARTNER}: no answer within 50 ms` } });
  });

  test('an endpoint that is not an http(s) URL is a bug and is refused loudly', async () => {
    await assert.rejects(port(w.acme, 'transport').send('not a url', MESSAGE), /partner endpoint "not a url" is not a URL/);
    await assert.rejects(port(w.acme, 'transport').send('ftp://api.partner.example/x', MESSAGE), /is not http\(s\)/);
  });
});
