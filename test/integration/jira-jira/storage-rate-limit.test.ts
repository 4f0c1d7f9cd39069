// Forge's storage answers 429 when an installation exceeds its rate limits (sandbox/platform/README.md,
// "Storage strictness"). A change whose trigger meets that refusal is not lost and not left for the
// next maintenance sweep: the trigger asks Forge to deliver its event again after a minute.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTED_RATE_LIMITS } from '../../../sandbox/platform/kvs/kvs-strictness';
import { T0, startMirror, type Mirror } from './support';

/** Moves to just past the next five-minute maintenance run (manifest: fiveMinute, anchored at install, T0). */
async function afterMaintenance(m: Mirror): Promise<void> {
  const every = 5 * 60_000;
  await m.advance(Math.floor((m.clock.now() - T0) / every + 1) * every + T0 + 1_000 - m.clock.now());
}

describe('Jira ↔ Jira when Forge storage refuses for its rate limit', () => {
  test('the trigger asks for a retry after a minute (upstream rate limited) and the edit arrives then, before any sweep', async () => {
    // No product-event delay: the test places the edit right after a maintenance run and needs the
    // trigger to run at once, so that only its retry (60 s), not the five-minute sweep, can deliver it.
    const m = await startMirror({ productEvents: { maxDelayMs: 0, duplicateRate: 0 } });
    try {
      const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Storage: before' });
      await afterMaintenance(m);
      const store = m.acme.site.installation.store;
      // One storage request a second (Forge allows 1,000): the trigger's second call is refused.
      store.strictness.configure({ rateLimits: { ...DOCUMENTED_RATE_LIMITS, requestsPerSecond: 1 } });
      await m.acme.edit(source.key, { summary: 'Storage: after' });
      await m.world.idle();
      assert.ok(store.rateLimiter.stats.refused > 0, 'storage refused a call');
      assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Storage: before', 'not applied yet');
      const retries = m.acme.recorder.entries({ kind: 'event', op: 'retry' });
      assert.deepEqual(retries.map((r) => r.reason), ['FUNCTION_UPSTREAM_RATE_LIMITED'], 'the trigger asked to come back, naming the rate limit');

      store.strictness.configure({ rateLimits: DOCUMENTED_RATE_LIMITS });
      await m.clock.advance(60_000);
      await m.world.idle();
      assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Storage: after');
      assert.deepEqual(await m.acme.admin('admin/queue/list', { connectionId: m.connectionId }), []);
    } finally {
      await m.close();
    }
  });
});
