// KPIs and the last exchange from the audit trail: both directions count, nothing means no data.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '../../../src/core/ports/store';
import { kpis, lastTraffic } from '../../../src/app/kpi-view';

const NOW = Date.UTC(2030, 0, 7, 9, 0, 0);
let n = 0;
const entry = (action: AuditEntry['action'], at: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({ id: `a${++n}`, at, connectionId: 'c1', actor: 'sync', action, subject: 'ACME-1', detail: '', ...extra });

describe('KPIs from real traffic', () => {
  test('a site that only sends still has latency samples, from the partner acknowledgements', () => {
    const k = kpis([entry('fields-sent', NOW - 5000, { latencyMs: 420 }), entry('fields-sent', NOW - 4000, { latencyMs: 180 }), entry('rule-saved', NOW - 3000, { actor: 'admin-1' })], 0, 0, NOW);
    assert.deepEqual(k.latencyMs, { p50: 180, p95: 420, samples: 2 });
    assert.deepEqual(k.changes, { sent: 2, received: 0 });
    assert.equal(k.perDay.at(-1)!.out, 2);
  });

  test('received changes count; a link an agent made by hand is not traffic', () => {
    const k = kpis([entry('fields-applied', NOW - 1000, { latencyMs: 90 }), entry('pair-created', NOW - 900), entry('pair-created', NOW - 800, { actor: 'agent-1' })], 0, 1, NOW);
    assert.deepEqual(k.changes, { sent: 0, received: 2 });
    assert.equal(k.latencyMs.samples, 1);
    assert.equal(k.errorRate, 1 / 3);
  });

  test('no traffic: no samples and no changes, so the page can say "No data yet"', () => {
    const k = kpis([entry('rule-saved', NOW - 1000, { actor: 'admin-1' })], 0, 0, NOW);
    assert.deepEqual(k.latencyMs, { p50: null, p95: null, samples: 0 });
    assert.deepEqual(k.changes, { sent: 0, received: 0 });
    assert.equal(k.errorRate, 0);
  });

  test('changes older than the chart are left out', () => {
    const k = kpis([entry('fields-sent', NOW - 20 * 86_400_000, { latencyMs: 5 })], 0, 0, NOW);
    assert.equal(k.latencyMs.samples, 0);
  });

  test('last exchange: the newest sent and received change, each way', () => {
    const t = lastTraffic([entry('fields-sent', NOW - 50), entry('fields-applied', NOW - 10), entry('fields-sent', NOW - 70), entry('connection-changed', NOW, { actor: 'admin-1' })]);
    assert.deepEqual(t, { lastSentAt: NOW - 50, lastReceivedAt: NOW - 10 });
    assert.deepEqual(lastTraffic([]), { lastSentAt: null, lastReceivedAt: null });
  });
});
