// The shipped business rule's notification: after insert and update on the configured tables, a signed
// change notice is POSTed; the signature is HMAC-SHA256 over `<timestamp>.<body>`. Plus record-change
// listeners, failure logging and the duplicate/reorder fault knobs.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signNotice, type RecordChange } from '../../../sandbox/servicenow/index';
import { fixture } from './sn-fixture';

interface Posted {
  url: string;
  body: string;
  headers: Record<string, string>;
}

const SECRET = 'shared-secret-1';

function collector(): { posted: Posted[]; post: (url: string, body: string, headers: Record<string, string>) => Promise<{ status: number }> } {
  const posted: Posted[] = [];
  return { posted, post: async (url, body, headers) => (posted.push({ url, body, headers }), { status: 204 }) };
}

describe('business-rule notification', () => {
  const f = fixture();
  after(() => f.sn.close());
  const sink = collector();
  f.sn.enableBusinessRule({ url: 'https://liaison.example/webtrigger/sn', secret: SECRET, post: sink.post });

  test('an update posts the notice with a verifiable HMAC-SHA256 signature', async () => {
    sink.posted.length = 0;
    f.clock.advance(42);
    const id = f.sn.sysIdOf('incident', '0');
    const updated = (await f.call('PATCH', `/api/now/table/incident/${id}`, { urgency: '1' }, 'beth.anglin')).json.result;
    await f.sn.settled();
    assert.equal(sink.posted.length, 1);
    const [notice] = sink.posted;
    assert.equal(notice!.url, 'https://liaison.example/webtrigger/sn');
    assert.equal(notice!.body, JSON.stringify({ table: 'incident', sys_id: id, sys_updated_on: updated.sys_updated_on, operation: 'update' }));
    assert.equal(notice!.headers['Content-Type'], 'application/json');
    const ts = notice!.headers['X-Liaison-Timestamp']!;
    assert.equal(ts, String(Math.floor(f.clock.ms / 1000)));
    const expected = createHmac('sha256', SECRET).update(`${ts}.${notice!.body}`).digest('base64');
    assert.equal(notice!.headers['X-Liaison-Signature'], `sha256=${expected}`);
    assert.equal(signNotice(SECRET, Number(ts), notice!.body), expected);
  });

  test('an insert posts an insert notice; a delete, a no-op update and a refused write post nothing', async () => {
    sink.posted.length = 0;
    const created = (await f.call('POST', '/api/now/table/incident', { short_description: 'New one' })).json.result;
    await f.call('PATCH', `/api/now/table/incident/${created.sys_id}`, { short_description: 'New one' });
    await f.call('PATCH', `/api/now/table/incident/${created.sys_id}`, { short_description: 'nope' }, 'abel.tuter');
    await f.call('DELETE', `/api/now/table/incident/${created.sys_id}`, undefined, 'admin');
    await f.sn.settled();
    assert.deepEqual(sink.posted.map((p) => JSON.parse(p.body).operation), ['insert']);
    assert.equal(JSON.parse(sink.posted[0]!.body).sys_id, created.sys_id);
  });

  test('a comment counts as an update of the record', async () => {
    sink.posted.length = 0;
    const id = f.sn.sysIdOf('incident', '1');
    await f.call('PATCH', `/api/now/table/incident/${id}`, { comments: 'Any news?' }, 'beth.anglin');
    await f.sn.settled();
    assert.equal(sink.posted.length, 1);
    assert.equal(JSON.parse(sink.posted[0]!.body).operation, 'update');
  });

  test('with its condition on shared fields, an update of an unshared field sends nothing; a shared field or a comment does', async () => {
    const own = collector();
    f.sn.enableBusinessRule({ url: 'https://liaison.example/t', secret: SECRET, post: own.post, fields: ['short_description', 'state'], ignoreUsers: ['liaison.integration'] });
    try {
      const id = f.sn.sysIdOf('incident', '2');
      await f.call('PATCH', `/api/now/table/incident/${id}`, { category: 'database' }, 'beth.anglin');
      await f.call('PATCH', `/api/now/table/incident/${id}`, { short_description: 'by the integration' });
      await f.sn.settled();
      assert.equal(own.posted.length, 0);
      await f.call('PATCH', `/api/now/table/incident/${id}`, { short_description: 'Printer on floor 3 jams daily' }, 'beth.anglin');
      await f.call('PATCH', `/api/now/table/incident/${id}`, { work_notes: 'Ordered a new roller' }, 'beth.anglin');
      await f.sn.settled();
      assert.equal(own.posted.length, 2);
    } finally {
      f.sn.enableBusinessRule({ url: 'https://liaison.example/webtrigger/sn', secret: SECRET, post: sink.post });
    }
  });

  test('only the configured tables are watched, and ignored users write silently', async () => {
    const own = collector();
    f.sn.enableBusinessRule({ url: 'https://liaison.example/t', secret: SECRET, post: own.post, tables: ['problem'], ignoreUsers: ['liaison.integration'] });
    try {
      await f.call('POST', '/api/now/table/incident', { short_description: 'not watched' }, 'beth.anglin');
      await f.call('POST', '/api/now/table/problem', { short_description: 'by the integration' });
      await f.call('POST', '/api/now/table/problem', { short_description: 'by an agent' }, 'beth.anglin');
      await f.sn.settled();
      assert.equal(own.posted.length, 1);
      assert.equal(JSON.parse(own.posted[0]!.body).table, 'problem');
    } finally {
      f.sn.enableBusinessRule({ url: 'https://liaison.example/webtrigger/sn', secret: SECRET, post: sink.post });
    }
  });

  test('a failing post is logged and counted; the write stands', async () => {
    f.sn.enableBusinessRule({ url: 'https://liaison.example/down', secret: SECRET, post: async () => ({ status: 503 }) });
    const errors = console.error;
    console.error = () => undefined;
    try {
      const failedBefore = f.sn.noticeLog.failed;
      const res = await f.call('POST', '/api/now/table/incident', { short_description: 'still saved' });
      await f.sn.settled();
      assert.equal(res.status, 201);
      assert.equal(f.sn.noticeLog.failed, failedBefore + 1);
      assert.match(f.sn.noticeLog.lastError ?? '', /503/);
    } finally {
      console.error = errors;
      f.sn.enableBusinessRule({ url: 'https://liaison.example/webtrigger/sn', secret: SECRET, post: sink.post });
    }
  });

  test('duplicate and reorder faults apply to notices', async () => {
    sink.posted.length = 0;
    f.sn.faults.duplicateEvents({ next: 1 });
    await f.call('POST', '/api/now/table/incident', { short_description: 'twice' });
    await f.sn.settled();
    assert.equal(sink.posted.length, 2);
    assert.equal(sink.posted[0]!.body, sink.posted[1]!.body);
    f.sn.faults.reset();

    sink.posted.length = 0;
    f.sn.faults.reorderEvents(3);
    const names = ['r1', 'r2', 'r3'];
    for (const n of names) await f.call('POST', '/api/now/table/incident', { short_description: n });
    await f.sn.settled();
    const order = sink.posted.map((p) => JSON.parse(p.body).sys_id);
    const ids = [];
    for (const n of names) ids.push((await f.call('GET', `/api/now/table/incident?sysparm_query=short_description=${n}`)).json.result[0].sys_id);
    assert.deepEqual(order, [...ids].reverse());
    f.sn.faults.reset();
  });

  test('disableBusinessRule stops the notices', async () => {
    sink.posted.length = 0;
    f.sn.disableBusinessRule();
    await f.call('POST', '/api/now/table/incident', { short_description: 'quiet' });
    await f.sn.settled();
    assert.equal(sink.posted.length, 0);
    assert.throws(() => f.sn.enableBusinessRule({ url: '', secret: '' }), /url and secret/);
  });
});

describe('record-change listeners', () => {
  const f = fixture();
  after(() => f.sn.close());

  test('see inserts, updates, deletes and journal entries after the response, with who made them', async () => {
    const seen: RecordChange[] = [];
    const off = f.sn.onRecordChange((e) => seen.push(e));
    const res = await f.call('POST', '/api/now/table/incident', { short_description: 'watched', work_notes: 'internal' });
    assert.equal(seen.length, 0, 'listeners hear about a change only after the answer');
    await f.sn.settled();
    assert.deepEqual(seen.map((e) => [e.table, e.operation, e.user]), [
      ['incident', 'insert', 'liaison.integration'],
      ['sys_journal_field', 'insert', 'liaison.integration'],
    ]);
    assert.equal(seen[0]!.sysId, res.json.result.sys_id);
    assert.equal(seen[0]!.record.short_description, 'watched');
    await f.call('DELETE', `/api/now/table/incident/${res.json.result.sys_id}`, undefined, 'admin');
    await f.sn.settled();
    assert.deepEqual(seen.at(-1)!.operation, 'delete');
    assert.equal(seen.at(-1)!.user, 'admin');
    off();
  });

  test('a throwing listener never breaks the instance', async () => {
    const errors = console.error;
    console.error = () => undefined;
    const off = f.sn.onRecordChange(() => {
      throw new Error('boom');
    });
    try {
      assert.equal((await f.call('POST', '/api/now/table/incident', { short_description: 'still fine' })).status, 201);
      await f.sn.settled();
    } finally {
      off();
      console.error = errors;
    }
  });
});
