// Bad input never crashes the instance: random paths, queries, methods and bodies get a ServiceNow answer
// (never a 500), and the store stays consistent.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixture } from './sn-fixture';

describe('robustness', () => {
  const f = fixture();
  after(() => f.sn.close());

  test('random requests are answered with a JSON envelope and no server error', async () => {
    const segment = fc.oneof(fc.constantFrom('incident', 'sys_user', 'sys_journal_field', 'sys_attachment', 'file', '%E0%A4%A', '..', ''), fc.string({ maxLength: 12 }));
    const query = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('^OR', 'ORDERBY', '^NQ^NQ', 'priorityIN', 'a=b^^c', 'sys_updated_on>'));
    const param = fc.constantFrom('sysparm_query', 'sysparm_limit', 'sysparm_offset', 'sysparm_fields', 'sysparm_display_value', 'state', 'table_sys_id');
    const body = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }), fc.json(), fc.dictionary(fc.constantFrom('short_description', 'state', 'impact', 'assigned_to', 'comments', 'sys_id', 'opened_at'), fc.jsonValue()).map((d) => JSON.stringify(d)));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
        fc.constantFrom('/api/now/table/', '/api/now/attachment/', '/api/now/v1/table/', '/oauth_token.do/', '/api/'),
        fc.array(segment, { maxLength: 3 }),
        fc.array(fc.tuple(param, query), { maxLength: 3 }),
        body,
        async (method, prefix, segments, params, payload) => {
          const qs = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
          const path = `${prefix}${segments.join('/')}${qs ? `?${qs}` : ''}`;
          const res = await f.call(method, path, payload, 'admin', { 'Content-Type': 'application/json' });
          assert.ok(res.status < 500, `${method} ${path} ${String(payload)} → ${res.status} ${res.text}`);
          if (res.status >= 400) assert.ok(res.json && (res.json.status === 'failure' || typeof res.json.error === 'string'), res.text);
        },
      ),
      { numRuns: 300, seed: 20250301 },
    );
    const list = await f.call('GET', '/api/now/table/incident');
    assert.equal(list.status, 200);
  });
});
