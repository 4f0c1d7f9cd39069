// "Test connection" in plain words: each thing an admin can get wrong maps to one problem.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseConnection } from '../../../../src/adapters/servicenow/connection-diagnosis';
import { FakeServiceNowHttp, failure, reply } from './support/fake-sn-http';

const readable = () => new FakeServiceNowHttp()
  .on('GET', /\/table\/incident$/, reply(200, { result: [{ sys_id: 'a9e30c7dc61122760116894de7bcc7bd' }] }))
  .on('GET', /\/table\/sys_journal_field$/, reply(200, { result: [] }));

describe('diagnoseConnection', () => {
  test('a user that can read the table and its journal is fine', async () => {
    const http = readable();
    assert.deepEqual(await diagnoseConnection(http, 'incident'), { ok: true });
    assert.equal(http.sent.length, 2);
    assert.equal(http.sent.every((s) => s.method === 'GET'), true, 'a test never writes');
  });

  test('401: bad credentials', async () => {
    const http = new FakeServiceNowHttp().on('GET', /incident$/, failure(401, 'User Not Authenticated', 'Required to provide Auth information'));
    const d = await diagnoseConnection(http, 'incident');
    assert.equal(d.ok === false && d.problem, 'bad-credentials');
    assert.match(d.ok ? '' : d.message, /did not accept the credentials.*User Not Authenticated/);
  });

  test('OAuth client refused: bad credentials too', async () => {
    const http = new FakeServiceNowHttp().on('GET', /incident$/, failure(401, 'OAuth token request refused', 'server_error: access_denied'));
    const d = await diagnoseConnection(http, 'incident');
    assert.equal(d.ok === false && d.problem, 'bad-credentials');
  });

  test('403 on the table: missing role', async () => {
    const http = new FakeServiceNowHttp().on('GET', /incident$/, failure(403, 'User Not Authorized', 'Not sufficient permissions'));
    const d = await diagnoseConnection(http, 'incident');
    assert.equal(d.ok === false && d.problem, 'missing-role');
    assert.match(d.ok ? '' : d.message, /may not read the incident table.*itil/);
  });

  test('403 on journal entries: missing role, naming comments and work notes', async () => {
    const http = new FakeServiceNowHttp()
      .on('GET', /\/table\/incident$/, reply(200, { result: [] }))
      .on('GET', /sys_journal_field$/, failure(403, 'User Not Authorized', 'Not sufficient permissions'));
    const d = await diagnoseConnection(http, 'incident');
    assert.equal(d.ok === false && d.problem, 'missing-role');
    assert.match(d.ok ? '' : d.message, /journal entries \(sys_journal_field\).*comments and work notes/);
  });

  test('unknown table: "Invalid table", or a name that cannot be one', async () => {
    const http = new FakeServiceNowHttp().on('GET', /incidnet$/, failure(400, 'Invalid table incidnet'));
    const d = await diagnoseConnection(http, 'incidnet');
    assert.equal(d.ok === false && d.problem, 'unknown-table');
    assert.match(d.ok ? '' : d.message, /no table named "incidnet"/);
    const bad = await diagnoseConnection(new FakeServiceNowHttp(), 'incident/../sys_user');
    assert.equal(bad.ok === false && bad.problem, 'unknown-table');
  });

  test('unreachable: no answer, an outage, a hibernating instance, Forge egress', async () => {
    const down = new FakeServiceNowHttp();
    down.failNext = new TypeError('getaddrinfo ENOTFOUND acme.service-now.com');
    const cases = [
      [down, /could not be reached \(getaddrinfo ENOTFOUND/],
      [new FakeServiceNowHttp().on('GET', /incident$/, reply(503, undefined)), /answered 503: it is busy or down/],
      [new FakeServiceNowHttp().on('GET', /incident$/, { status: 200, headers: { 'content-type': 'text/html' }, text: '<html><body>Your instance is hibernating</body></html>' }), /web page instead of the Table API/],
      [new FakeServiceNowHttp().on('GET', /incident$/, { status: 403, headers: { 'forge-proxy-error': 'REQUEST_EGRESS_ALLOWLIST_ERR' }, text: '' }), /egress permissions/],
    ] as const;
    for (const [http, message] of cases) {
      const d = await diagnoseConnection(http, 'incident');
      assert.equal(d.ok === false && d.problem, 'unreachable');
      assert.match(d.ok ? '' : d.message, message);
    }
  });
});
