// The shipped business-rule script (docs/servicenow/liaison-business-rule.js), run with stand-ins for
// ServiceNow's server-side APIs, sends exactly the notice the emulator sends and the web trigger verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { noticeHeaders } from '../../../sandbox/servicenow/business-rule';
import { verifyNotice } from '../../../src/app/servicenow/notice';
import { appRoot } from '../../support/paths';

const script = readFileSync(join(appRoot, 'docs/servicenow/liaison-business-rule.js'), 'utf8');
const NOW = Date.UTC(2030, 0, 7, 9, 0, 42, 500);
const SYS_ID = '0123456789abcdef0123456789abcdef';

type Sent = { endpoint: string; method: string; headers: Record<string, string>; body: string };

const ATTACHMENT_ID = 'fedcba9876543210fedcba9876543210';

/** `on`: the table the rule runs on — the mirrored table, or sys_attachment for a file added to a record. */
type Scope = 'global' | 'scoped';

const mac = (keyBase64: string, algorithm: string, data: string) => {
  assert.equal(algorithm, 'HmacSHA256');
  return createHmac('sha256', Buffer.from(keyBase64, 'base64')).update(data).digest('base64');
};

function run(properties: Record<string, string>, operation: 'insert' | 'update', on: 'incident' | 'sys_attachment' = 'incident', options: { scope?: Scope; user?: string } = {}) {
  const sent: Sent[] = [];
  const warnings: string[] = [];
  class RESTMessageV2 {
    private readonly r: Sent = { endpoint: '', method: '', headers: {}, body: '' };
    setEndpoint(u: string) { this.r.endpoint = u; }
    setHttpMethod(m: string) { this.r.method = m; }
    setHttpTimeout() {}
    setRequestHeader(k: string, v: string) { this.r.headers[k] = v; }
    setRequestBody(b: string) { this.r.body = b; }
    execute() { sent.push(this.r); return { getStatusCode: () => 202, getErrorMessage: () => '', getBody: () => '' }; }
  }
  const values: Record<string, string> =
    on === 'incident'
      ? { sys_updated_on: '2030-01-07 09:00:42', number: 'INC0010001' }
      : { sys_updated_on: '2030-01-07 09:00:43', table_name: 'incident', table_sys_id: SYS_ID, file_name: 'trace.log' };
  runInNewContext(script, {
    gs: {
      getProperty: (name: string, dflt: string) => properties[name] ?? dflt,
      base64Encode: (s: string) => Buffer.from(s, 'utf8').toString('base64'),
      warn: (m: string) => warnings.push(m),
      getUserName: () => options.user ?? 'beth.anglin',
    },
    GlideDateTime: class { getNumericValue() { return NOW; } },
    // Each scope offers only its own API: Global has GlideCertificateEncryption, a scoped app CertificateEncryption.
    ...(options.scope === 'scoped' ? { CertificateEncryption: class { generateMac = mac } } : { GlideCertificateEncryption: class { generateMac = mac } }),
    sn_ws: { RESTMessageV2 },
    current: { operation: () => operation, getTableName: () => on, getUniqueValue: () => (on === 'incident' ? SYS_ID : ATTACHMENT_ID), getValue: (f: string) => values[f] ?? '' },
    previous: null,
  });
  return { sent, warnings };
}

test('the shipped script posts the documented, verifiable notice', () => {
  const secret = 'pasted-from-the-admin-page';
  const { sent, warnings } = run({ 'liaison.notice.url': 'https://x.hello.atlassian-dev.net/x1/abc?connection=c1', 'liaison.notice.secret': secret }, 'update');
  assert.deepEqual(warnings, []);
  assert.equal(sent.length, 1);
  const req = sent[0]!;
  assert.equal(req.endpoint, 'https://x.hello.atlassian-dev.net/x1/abc?connection=c1');
  assert.equal(req.method, 'post');
  assert.equal(req.body, JSON.stringify({ table: 'incident', sys_id: SYS_ID, sys_updated_on: '2030-01-07 09:00:42', operation: 'update' }));
  // Byte for byte what the emulator's business rule sends for the same change at the same time.
  assert.deepEqual(req.headers, noticeHeaders(secret, req.body, NOW));
  const check = { connectionId: 'c1', body: req.body, timestamp: req.headers['X-Liaison-Timestamp'], signature: req.headers['X-Liaison-Signature'] };
  assert.deepEqual(verifyNotice(secret, check, NOW + 1_000), { ok: true });
  assert.equal(verifyNotice('another-secret', check, NOW).ok, false);
  assert.equal(run({ 'liaison.notice.url': 'https://x/y', 'liaison.notice.secret': secret }, 'insert').sent[0]!.body.endsWith('"operation":"insert"}'), true);
});

test('on sys_attachment, the notice names the record the file was added to, as an update', () => {
  const secret = 'pasted-from-the-admin-page';
  const { sent, warnings } = run({ 'liaison.notice.url': 'https://x/y?connection=c1', 'liaison.notice.secret': secret }, 'insert', 'sys_attachment');
  assert.deepEqual(warnings, []);
  assert.equal(sent[0]!.body, JSON.stringify({ table: 'incident', sys_id: SYS_ID, sys_updated_on: '2030-01-07 09:00:43', operation: 'update' }));
  assert.deepEqual(sent[0]!.headers, noticeHeaders(secret, sent[0]!.body, NOW));
});

test('in a scoped application the script signs with CertificateEncryption, the same verifiable notice', () => {
  const secret = 'pasted-from-the-admin-page';
  const props = { 'liaison.notice.url': 'https://x/y?connection=c1', 'liaison.notice.secret': secret };
  const scoped = run(props, 'update', 'incident', { scope: 'scoped' });
  assert.deepEqual(scoped.warnings, []);
  assert.deepEqual(scoped.sent[0]!.headers, run(props, 'update').sent[0]!.headers);
  const h = scoped.sent[0]!.headers;
  assert.deepEqual(verifyNotice(secret, { connectionId: 'c1', body: scoped.sent[0]!.body, timestamp: h['X-Liaison-Timestamp'], signature: h['X-Liaison-Signature'] }, NOW), { ok: true });
});

test("the integration user's own writes send nothing", () => {
  const props = { 'liaison.notice.url': 'https://x/y?connection=c1', 'liaison.notice.secret': 's', 'liaison.integration.user': 'liaison.integration' };
  assert.equal(run(props, 'update', 'incident', { user: 'liaison.integration' }).sent.length, 0);
  assert.equal(run(props, 'update', 'incident', { user: 'beth.anglin' }).sent.length, 1);
});

test('without its system properties the script warns and sends nothing', () => {
  const { sent, warnings } = run({}, 'update');
  assert.equal(sent.length, 0);
  assert.match(warnings[0] ?? '', /liaison\.notice\.url/);
});
