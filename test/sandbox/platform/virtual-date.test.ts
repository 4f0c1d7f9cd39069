import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxClock } from '../../../sandbox/platform/clock';
import { installVirtualDate } from '../../../sandbox/platform/virtual-date';

test('with virtual time, Date follows a manual clock and is restored afterwards', async () => {
  const start = Date.UTC(2030, 0, 1, 12);
  const clock = new SandboxClock({ mode: 'manual', start });
  const uninstall = installVirtualDate(clock);
  try {
    assert.equal(Date.now(), start);
    assert.equal(new Date().toISOString(), '2030-01-01T12:00:00.000Z');
    await clock.advance(90 * 60_000);
    assert.equal(new Date().toISOString(), '2030-01-01T13:30:00.000Z');
    assert.equal(new Date(0).toISOString(), '1970-01-01T00:00:00.000Z', 'explicit dates are untouched');
    assert.ok(new Date() instanceof Date);
    assert.equal(Date.UTC(2030, 0, 2), start + 12 * 3600_000);
    assert.match(String(Date()), /2030/);
  } finally {
    uninstall();
  }
  assert.ok(Math.abs(Date.now() - new Date().getTime()) < 1000 && new Date().getFullYear() < 2030, 'the real Date is back');
  assert.throws(() => installVirtualDate(new SandboxClock({ mode: 'real' })), /manual/);
});
