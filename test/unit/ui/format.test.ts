import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldLabel, formatDateTime, formatDuration, formatPercent, formatWhen } from '../../../static/shared/logic/format';

const now = Date.UTC(2025, 2, 10, 12, 0, 0);

describe('UI formatting', () => {
  test('times read relative to now, then as a UTC date', () => {
    assert.equal(formatWhen(null, now), 'never');
    assert.equal(formatWhen(now - 10_000, now), 'just now');
    assert.equal(formatWhen(now - 5 * 60_000, now), '5 min ago');
    assert.equal(formatWhen(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(formatWhen(now - 86_400_000, now), '1 day ago');
    assert.equal(formatWhen(now - 2 * 86_400_000, now), '2 days ago');
    assert.equal(formatWhen(now - 30 * 86_400_000, now), '2025-02-08 12:00 UTC');
    assert.equal(formatWhen(now + 90_000, now), 'in 1.5 min');
    assert.equal(formatDateTime(Date.UTC(2025, 0, 2, 9, 5)), '2025-01-02 09:05 UTC');
  });

  test('durations and rates', () => {
    assert.equal(formatDuration(null), '—');
    assert.equal(formatDuration(420.4), '420 ms');
    assert.equal(formatDuration(1234), '1.2 s');
    assert.equal(formatDuration(210_000), '3.5 min');
    assert.equal(formatDuration(7_200_000), '2.0 h');
    assert.equal(formatPercent(0), '0 %');
    assert.equal(formatPercent(0.004), '0.4 %');
    assert.equal(formatPercent(0.25), '25 %');
    assert.equal(formatPercent(Number.NaN), '—');
  });

  test('field labels: catalog first, then standard names, then custom ids', () => {
    assert.equal(fieldLabel('priority'), 'Priority');
    assert.equal(fieldLabel('custom:10020'), 'Custom field 10020');
    assert.equal(fieldLabel('custom:10020', [{ key: 'custom:10020', name: 'Customer Reference' }]), 'Customer Reference');
    assert.equal(fieldLabel('whatever'), 'whatever');
  });
});
