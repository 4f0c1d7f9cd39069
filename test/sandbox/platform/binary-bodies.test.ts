// Binary bodies through the runtime: product requests (requestJira to the real Jira emulator) and
// egress fetches (an in-process host and a loopback server) must carry every byte value unaltered.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ForgePlatform, HostRegistry, SandboxClock, loadApp, type HostRequest, type Installation } from '../../../sandbox/platform';
import { JiraSite } from '../../../sandbox/jira';
import { PROBE_DIR, call } from './harness';

// Every byte value, including the ones invalid in UTF-8 (0x80-0xff) that a text round trip mangles.
const ALL_BYTES = Array.from({ length: 256 }, (_, i) => i);
const APP_ACCOUNT = '712020:probe-app-account';

describe('binary bodies through requestJira and egress fetch', () => {
  let platform: ForgePlatform;
  let hosts: HostRegistry;
  let jira: JiraSite;
  let inst: Installation;
  let echo: Server;
  const seen: HostRequest[] = [];

  before(async () => {
    hosts = new HostRegistry();
    platform = new ForgePlatform({ clock: new SandboxClock({ mode: 'manual', start: Date.UTC(2025, 0, 1) }), hosts });
    jira = new JiraSite({ name: 'acme' });
    jira.addUser({ accountId: APP_ACCOUNT, displayName: 'Probe', accountType: 'app' });
    inst = await platform.install(await loadApp(PROBE_DIR), { siteName: 'acme', appAccountId: APP_ACCOUNT, product: jira });
    hosts.register('bytes.service-now.com', {
      async request(req) {
        seen.push(req);
        const reversed = Uint8Array.from(req.bytes ?? []).reverse();
        return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: '', bytes: reversed };
      },
    });
    echo = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    hosts.register('loopback.service-now.com', `http://127.0.0.1:${(echo.address() as AddressInfo).port}`);
  });
  after(async () => {
    await platform.close();
    await jira.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  test('an attachment of bytes 0..255 uploaded with requestJira downloads back identical', async () => {
    const up = await call(inst, 'jira-attach', { issueKey: 'ACME-1', filename: 'all-bytes.bin', bytes: ALL_BYTES });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const [meta] = up.body as { id: string; size: number; filename: string }[];
    assert.equal(meta?.size, 256);
    assert.equal(meta?.filename, 'all-bytes.bin');
    const down = await call(inst, 'jira-download', { id: meta?.id });
    assert.equal(down.status, 200);
    assert.equal(down.contentType, 'application/octet-stream');
    assert.deepEqual(down.bytes, ALL_BYTES);
    assert.equal(inst.recorder.count({ kind: 'product', method: 'POST', status: 200 }), 1);
  });

  test('egress to an in-process host: the host receives the exact bytes and its binary answer arrives intact', async () => {
    const r = await call(inst, 'egress-bytes', { url: 'https://bytes.service-now.com/upload', bytes: ALL_BYTES });
    assert.equal(r.status, 200);
    assert.deepEqual(Array.from(seen.at(-1)?.bytes ?? []), ALL_BYTES);
    assert.deepEqual(r.bytes, [...ALL_BYTES].reverse());
  });

  test('egress proxied to a loopback server keeps the bytes both ways', async () => {
    const r = await call(inst, 'egress-bytes', { url: 'https://loopback.service-now.com/echo', bytes: ALL_BYTES });
    assert.equal(r.status, 200);
    assert.deepEqual(r.bytes, ALL_BYTES);
  });
});
