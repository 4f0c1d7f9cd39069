// Modelled network time (PlatformOptions.networkLatency): every storage call and every egress fetch
// waits its round trip before it is handled, so a benchmark can weigh calls as Forge's network would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { world, call } from './harness';
import { ForgePlatform } from '../../../sandbox/platform';

test('storage calls and egress fetches each wait their modelled round trip', async () => {
  const w = await world({ networkLatency: { storageMs: 30, egressMs: 40 } });
  try {
    w.hosts.register('echo.service-now.com', { request: async () => ({ status: 200, headers: {}, body: 'ok' }) });
    let t = performance.now();
    await call(w.acme, 'kvs-get', { key: 'nothing' });
    // A lower bound only: the call cannot be answered before its round trip has passed.
    assert.ok(performance.now() - t >= 29, 'a storage call waits its round trip');
    t = performance.now();
    const r = await call(w.acme, 'egress', { url: 'https://echo.service-now.com/x' });
    assert.equal(r.status, 200);
    assert.ok(performance.now() - t >= 39, 'an egress fetch waits its round trip');
  } finally {
    await w.platform.close();
  }
});

test('without a model nothing waits, and a nonsensical model is refused', async () => {
  assert.throws(() => new ForgePlatform({ networkLatency: { storageMs: -1 } }), /networkLatency\.storageMs must be a number of milliseconds ≥ 0/);
  const w = await world();
  try {
    assert.deepEqual(w.platform.networkLatency, {});
  } finally {
    await w.platform.close();
  }
});
