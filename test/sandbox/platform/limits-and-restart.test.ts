// Time limits per module type, and what survives a platform restart on the same data dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { world, call, PROBE_DIR } from './harness';
import { ForgePlatform, SandboxClock, loadApp, DEFAULT_LIMIT_SECONDS } from '../../../sandbox/platform';
import { probe } from '../../fixtures/apps/platform-probe/src/probe-state';

/** Polls a condition a bounded number of times (a wait, not a time limit: no assertion on duration). */
async function eventually(condition: () => boolean, attempts = 400): Promise<void> {
  for (let i = 0; i < attempts && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

test('an invocation past its limit is failed as a timeout and its later SDK calls are refused', async () => {
  // 25 s resolver limit scaled to 50 ms; the handler sleeps 150 ms and then touches storage.
  const w = await world({ limitsScale: 0.002 });
  try {
    await assert.rejects(call(w.acme, 'slow', { ms: 150 }), /exceeded its time limit/);
    assert.equal(w.acme.recorder.count({ kind: 'invocation', moduleType: 'resolver', outcome: 'timeout' }), 1);
    // The abandoned handler wakes up later; wait for it (bounded) instead of guessing a delay.
    await eventually(() => probe.late.length > 0);
    assert.equal(probe.late.length, 1);
    assert.match(probe.late[0] ?? '', /no longer running: it exceeded its 0\.05s time limit/);
    assert.equal(w.acme.recorder.count({ kind: 'kvs', op: 'set' }), 0);
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'after-timeout' }), { value: null });
  } finally {
    await w.platform.close();
  }
});

test('a consumer that times out is retried with FUNCTION_TIME_OUT', async () => {
  // Consumer limit is the function's timeoutSeconds (120 s) scaled to 2.4 s; the pushing resolver
  // gets 500 ms (125 ms was not always enough on a loaded machine). The consumer hangs for 60 s,
  // far past either.
  const w = await world({ limitsScale: 0.02 });
  try {
    await call(w.acme, 'push', { events: { body: { tag: 'hang', mode: 'hang' } } });
    await w.platform.idle();
    await eventually(() => w.acme.recorder.count({ kind: 'queue', op: 'retry' }) > 0);
    assert.equal(w.acme.recorder.count({ kind: 'invocation', moduleType: 'consumer', outcome: 'timeout' }), 1);
    assert.equal(w.acme.recorder.count({ kind: 'queue', op: 'retry', reason: 'FUNCTION_TIME_OUT' }), 1);
  } finally {
    await w.platform.close();
  }
});

test('the documented default limits', () => {
  assert.deepEqual(DEFAULT_LIMIT_SECONDS, { resolver: 25, trigger: 25, webtrigger: 55, consumer: 55, scheduledTrigger: 55 });
});

test('storage and web trigger URLs survive a restart on the same data dir', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-platform-'));
  try {
    const start = async () => {
      const platform = new ForgePlatform({ dataDir, clock: new SandboxClock({ mode: 'manual' }) });
      const inst = await platform.install(await loadApp(PROBE_DIR), { siteName: 'acme' });
      return { platform, inst };
    };
    const first = await start();
    await call(first.inst, 'kvs-set', { key: 'kept', value: { across: 'restarts' } });
    await call(first.inst, 'entity-set', { key: 't1', value: { project: 'P', updated: 1, status: 'open' } });
    const url = first.inst.webTriggerUrl('inbox');
    await first.platform.close();

    const second = await start();
    assert.deepEqual(await call(second.inst, 'kvs-get', { key: 'kept' }), { value: { across: 'restarts' } });
    assert.deepEqual(await call(second.inst, 'entity-get', { key: 't1' }), { value: { project: 'P', updated: 1, status: 'open' } });
    assert.equal(second.inst.webTriggerUrl('inbox'), url);
    const res = await second.platform.handleWebTrigger({ method: 'GET', path: new URL(url).pathname, headers: {} });
    assert.equal(res.status, 202);
    await second.platform.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('resolvers get the Custom UI call context', async () => {
  const w = await world();
  try {
    const ctx = await w.acme.invokeResolver('probe-panel', 'context', {}, { accountId: 'user-9', extensionContext: { issue: { key: 'ACME-1' } } });
    assert.deepEqual(ctx, { accountId: 'user-9', cloudId: w.acme.cloudId, moduleKey: 'probe-panel', extension: { type: 'jira:issuePanel', issue: { key: 'ACME-1' } } });
    await assert.rejects(w.acme.invokeResolver('probe-panel', 'no-such-function'), /Resolver has no definition for 'no-such-function'/);
    await assert.rejects(w.acme.invokeResolver('no-such-module', 'context'), /no module "no-such-module"/);
  } finally {
    await w.platform.close();
  }
});
