import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isResolverResult, makeResolverClient } from '../../../static/shared/logic/resolver-client';

describe('resolver client', () => {
  test('passes envelopes through with the key and payload it was given', async () => {
    const calls: unknown[] = [];
    const call = makeResolverClient(async (key, payload) => {
      calls.push([key, payload]);
      return { ok: true, data: { n: 1 } };
    });
    assert.deepEqual(await call('admin/kpis', { connectionId: 'c1' }), { ok: true, data: { n: 1 } });
    assert.deepEqual(calls, [['admin/kpis', { connectionId: 'c1' }]]);
  });

  test('keeps backend errors, with their details, as they are', async () => {
    const error = { code: 'invalid-rule', message: 'bad', details: [{ path: 'mode', message: 'x' }] };
    const call = makeResolverClient(async () => ({ ok: false, error }));
    assert.deepEqual(await call('admin/rules/save', { rule: {} }), { ok: false, error });
  });

  test('a thrown bridge call becomes an unavailable error that names the key and cause', async () => {
    const call = makeResolverClient(async () => {
      throw new Error('resolver crashed');
    });
    const result = await call('panel/get', {});
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.code === 'unavailable' && /panel\/get.*resolver crashed/.test(result.error.message));
  });

  test('an answer that is not an envelope is refused', async () => {
    const call = makeResolverClient(async () => ({ connections: [] }));
    const result = await call('admin/connections/list', {});
    assert.ok(!result.ok && result.error.code === 'unavailable');
    assert.equal(isResolverResult({ ok: true }), false);
    assert.equal(isResolverResult({ ok: false, error: { code: 'x' } }), false);
    assert.equal(isResolverResult({ ok: true, data: null }), true);
  });
});
