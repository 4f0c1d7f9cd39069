// Encoded queries and paging: every operator, ^ / ^OR / ^NQ precedence, ORDERBY, invalid parts, the
// sys_updated_on boundary a poller relies on, and X-Total-Count / Link headers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from '../../../sandbox/servicenow/index';
import { fixture, type Fixture } from './sn-fixture';

describe('parseQuery', () => {
  test('^OR binds tighter than ^, ^NQ starts a new query, ORDERBY clauses are collected', () => {
    const q = parseQuery('active=true^priority=1^ORpriority=2^ORDERBYnumber^ORDERBYDESCsys_updated_on^NQstate=7');
    assert.deepEqual(q.queries, [
      [[{ field: 'active', op: '=', value: 'true' }], [{ field: 'priority', op: '=', value: '1' }, { field: 'priority', op: '=', value: '2' }]],
      [[{ field: 'state', op: '=', value: '7' }]],
    ]);
    assert.deepEqual(q.orderBy, [{ field: 'number', desc: false }, { field: 'sys_updated_on', desc: true }]);
  });

  test('operators are told apart and ^^ escapes a caret inside a value', () => {
    const ops = parseQuery('a!=1^b>=2^c<=3^d>4^e<5^fLIKEx^gSTARTSWITHy^hENDSWITHz^iIN1,2^jNOT INa^kISEMPTY^lNOT LIKEq^mISNOTEMPTY^n=a^^b')
      .queries[0]!.map((g) => [g[0]!.field, g[0]!.op, g[0]!.value]);
    assert.deepEqual(ops, [
      ['a', '!=', '1'], ['b', '>=', '2'], ['c', '<=', '3'], ['d', '>', '4'], ['e', '<', '5'], ['f', 'LIKE', 'x'], ['g', 'STARTSWITH', 'y'],
      ['h', 'ENDSWITH', 'z'], ['i', 'IN', '1,2'], ['j', 'NOT IN', 'a'], ['k', 'ISEMPTY', ''], ['l', 'NOT LIKE', 'q'], ['m', 'ISNOTEMPTY', ''], ['n', '=', 'a^b'],
    ]);
  });

  test('unparseable parts are reported, never thrown', () => {
    const q = parseQuery('^^^garbage^=x^ORDERBY^Foo=1^sys_updated_on>2025-01-01 00:00:00');
    assert.ok(q.invalid.length >= 2);
    assert.deepEqual(q.queries[0]!.at(-1), [{ field: 'sys_updated_on', op: '>', value: '2025-01-01 00:00:00' }]);
  });
});

describe('queries over the Table API', () => {
  let f: Fixture;
  const ids: Record<string, string> = {};
  const numbers = async (query: string, table = 'problem'): Promise<string[]> => {
    const res = await f.call('GET', `/api/now/table/${table}?sysparm_fields=short_description&sysparm_query=${encodeURIComponent(query)}`);
    assert.equal(res.status, 200, res.text);
    return res.json.result.map((r: { short_description: string }) => r.short_description);
  };

  before(async () => {
    f = fixture({ seed: { users: [{ user_name: 'admin', name: 'System Administrator', password: 'admin-initech-pw', roles: ['admin'] }, { user_name: 'liaison.integration', name: 'Liaison', password: 'liaison-initech-pw', roles: ['itil'] }], oauthClients: [], records: [] } });
    const rows: [string, string, string][] = [
      ['alpha', '1', '1'], ['beta', '1', '3'], ['gamma', '2', '2'], ['delta', '3', '3'], ['Alphabet soup', '2', '1'],
    ];
    for (const [name, impact, urgency] of rows) {
      const r = await f.call('POST', '/api/now/table/problem', { short_description: name, impact, urgency });
      ids[name] = r.json.result.sys_id;
      f.clock.advance(1);
    }
  });
  after(() => f.sn.close());

  test('= != and numeric comparisons on integer fields', async () => {
    assert.deepEqual(await numbers('priority=1'), ['alpha']);
    assert.deepEqual(await numbers('priority!=1'), ['beta', 'gamma', 'delta', 'Alphabet soup']);
    assert.deepEqual(await numbers('priority>3'), ['delta']);
    assert.deepEqual(await numbers('priority>=3'), ['beta', 'gamma', 'delta']);
    assert.deepEqual(await numbers('priority<2'), ['alpha']);
    assert.deepEqual(await numbers('priority<=2'), ['alpha', 'Alphabet soup']);
  });

  test('LIKE, STARTSWITH, ENDSWITH, IN and emptiness', async () => {
    assert.deepEqual(await numbers('short_descriptionLIKEalpha'), ['alpha', 'Alphabet soup']);
    assert.deepEqual(await numbers('short_descriptionSTARTSWITHalph'), ['alpha', 'Alphabet soup']);
    assert.deepEqual(await numbers('short_descriptionENDSWITHta'), ['beta', 'delta']);
    assert.deepEqual(await numbers('short_descriptionINbeta,delta'), ['beta', 'delta']);
    assert.deepEqual(await numbers('short_descriptionNOT INbeta,delta^short_descriptionNOT LIKEsoup'), ['alpha', 'gamma']);
    assert.deepEqual(await numbers('assigned_toISEMPTY^impact=3'), ['delta']);
    assert.deepEqual(await numbers('assigned_toISNOTEMPTY'), []);
  });

  test('^ is AND, ^OR is OR within it, ^NQ ORs whole queries', async () => {
    assert.deepEqual(await numbers('impact=1^urgency=3'), ['beta']);
    assert.deepEqual(await numbers('impact=2^urgency=1^ORurgency=2'), ['gamma', 'Alphabet soup']);
    assert.deepEqual(await numbers('impact=3^NQshort_description=alpha'), ['alpha', 'delta']);
  });

  test('ORDERBY and ORDERBYDESC, several keys', async () => {
    assert.deepEqual(await numbers('ORDERBYDESCpriority^ORDERBYshort_description'), ['delta', 'beta', 'gamma', 'Alphabet soup', 'alpha']);
    assert.deepEqual(await numbers('impact=1^ORDERBYDESCsys_created_on'), ['beta', 'alpha']);
  });

  test('dot-walked conditions and javascript:gs.getUserID()', async () => {
    assert.equal((await numbers('opened_by.user_name=liaison.integration')).length, 5);
    assert.equal((await numbers('opened_by=javascript:gs.getUserID()')).length, 5);
    assert.equal((await numbers("sys_created_on>=javascript:gs.dateGenerate('2025-03-01','09:00:03')")).length, 2);
  });

  test('an invalid part is ignored by default', async () => {
    assert.deepEqual(await numbers('no_such_field=1^priority=1'), ['alpha']);
    assert.deepEqual(await numbers('!!!^priority=1'), ['alpha']);
  });

  test('with glide.invalid_query.returns_no_rows an invalid part matches nothing', async () => {
    const strict = fixture({ invalidQueryReturnsNoRows: true });
    try {
      const bad = await strict.call('GET', `/api/now/table/incident?sysparm_query=${encodeURIComponent('no_such_field=1')}`);
      assert.deepEqual(bad.json.result, []);
      assert.equal(bad.headers['x-total-count'], '0');
      const good = await strict.call('GET', '/api/now/table/incident?sysparm_query=state=1');
      assert.equal(good.json.result.length, 1);
    } finally {
      await strict.sn.close();
    }
  });

  test('name=value pairs stand in for sysparm_query', async () => {
    const res = await f.call('GET', '/api/now/table/problem?impact=1&sysparm_fields=short_description&sysparm_limit=5');
    assert.deepEqual(res.json.result.map((r: { short_description: string }) => r.short_description), ['alpha', 'beta']);
  });
});

describe('paging and the sys_updated_on boundary', () => {
  const f = fixture({ seed: { users: [{ user_name: 'liaison.integration', name: 'Liaison', password: 'liaison-initech-pw', roles: ['itil'] }], oauthClients: [], records: [] } });
  after(() => f.sn.close());

  test('many records updated in the same second: > skips them all, >= returns them all, in a stable order', async () => {
    f.clock.advance(10);
    const stamp = new Date(f.clock.ms).toISOString().slice(0, 19).replace('T', ' ');
    for (let i = 0; i < 7; i++) await f.call('POST', '/api/now/table/incident', { short_description: `same-second ${i}` });
    const q = (op: string) => `/api/now/table/incident?sysparm_query=${encodeURIComponent(`sys_updated_on${op}${stamp}^ORDERBYsys_updated_on^ORDERBYsys_id`)}&sysparm_fields=sys_id,sys_updated_on`;
    assert.equal((await f.call('GET', q('>'))).json.result.length, 0);
    const all = (await f.call('GET', q('>='))).json.result;
    assert.equal(all.length, 7);
    assert.ok(all.every((r: { sys_updated_on: string }) => r.sys_updated_on === stamp));
    const sorted = [...all].map((r: { sys_id: string }) => r.sys_id).sort();
    assert.deepEqual(all.map((r: { sys_id: string }) => r.sys_id), sorted);
  });

  test('limit and offset page through; X-Total-Count is the full count; Link has first/prev/next/last', async () => {
    const path = '/api/now/table/incident?sysparm_query=ORDERBYnumber&sysparm_limit=3';
    const first = await f.call('GET', path);
    assert.equal(first.headers['x-total-count'], '7');
    assert.equal(first.json.result.length, 3);
    const rels = (link: string) => Object.fromEntries(link.split(',').map((p) => {
      const m = /^<([^>]+)>;rel="(\w+)"$/.exec(p);
      assert.ok(m, p);
      return [m[2], new URL(m[1]!).searchParams.get('sysparm_offset')];
    }));
    assert.deepEqual(rels(first.headers.link!), { first: '0', next: '3', last: '4' });
    const middle = await f.call('GET', `${path}&sysparm_offset=3`);
    assert.deepEqual(rels(middle.headers.link!), { first: '0', prev: '0', next: '6', last: '4' });
    const end = await f.call('GET', `${path}&sysparm_offset=6`);
    assert.equal(end.json.result.length, 1);
    assert.deepEqual(rels(end.headers.link!), { first: '0', prev: '3', last: '4' });
    const past = await f.call('GET', `${path}&sysparm_offset=50`);
    assert.equal(past.status, 200);
    assert.deepEqual(past.json.result, []);
  });

  test('following next links visits every record exactly once', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/api/now/table/incident?sysparm_limit=2&sysparm_fields=number';
    for (let guard = 0; path && guard < 10; guard++) {
      const res = await f.call('GET', path);
      seen.push(...res.json.result.map((r: { number: string }) => r.number));
      const next = /<([^>]+)>;rel="next"/.exec(res.headers.link ?? '')?.[1];
      path = next ? next.replace('https://initech.service-now.com', '') : undefined;
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
  });

  test('sysparm_no_count and sysparm_suppress_pagination_header drop the headers', async () => {
    const res = await f.call('GET', '/api/now/table/incident?sysparm_no_count=true&sysparm_suppress_pagination_header=true');
    assert.equal(res.headers['x-total-count'], undefined);
    assert.equal(res.headers.link, undefined);
  });
});
