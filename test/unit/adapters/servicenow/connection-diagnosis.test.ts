// "Test connection" in plain words: each thing an admin can get wrong maps to one problem.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseConnection } from '../../../../src/adapters/servicenow/connection-diagnosis';
import { FakeServiceNowHttp, failure, reply } from './support/fake-sn-http';

const RECORD = { sys_id: 'a9e30c7dc61122760116894de7bcc7bd', number: 'INC0010001', comments: '2030-01-07 09:00:00 - Beth Anglin (Additional comments)\nAny news?\n\n', work_notes: '' };
const readable = (journal = reply(200, { result: [{ sys_id: 'f0e30c7dc61122760116894de7bcc7bd' }] })) => new FakeServiceNowHttp()
  .on('GET', /\/table\/incident$/, reply(200, { result: [RECORD] }))
  .on('GET', /\/table\/sys_journal_field$/, journal);

describe('diagnoseConnection', () => {
  test('a user that can read the table and its journal is fine', async () => {
    const http = readable();
    assert.deepEqual(await diagnoseConnection(http, 'incident'), { ok: true });
    assert.equal(http.sent.length, 3);
    assert.equal(http.sent[2]!.url.searchParams.get('sysparm_query'), 'element_id=a9e30c7dc61122760116894de7bcc7bd', 'the journal of a record that has entries');
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

  test('403 on journal entries: the journal is unreadable, naming the ACL to add', async () => {
    const d = await diagnoseConnection(readable(failure(403, 'Operation Failed', 'ACL Exception Read Failed due to security constraints')), 'incident');
    assert.equal(d.ok === false && d.problem, 'journal-unreadable');
    assert.match(d.ok ? '' : d.message, /sys_journal_field refuses the read.*ACL Exception Read Failed.*read ACL on sys_journal_field/);
  });

  test('200 with no journal rows for a record whose comments the user sees: an ACL hides them', async () => {
    const d = await diagnoseConnection(readable(reply(200, { result: [] })), 'incident');
    assert.equal(d.ok === false && d.problem, 'journal-unreadable');
    assert.match(d.ok ? '' : d.message, /sees comments on INC0010001, but sys_journal_field shows it none of them/);
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
