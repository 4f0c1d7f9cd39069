// KPIs and last-exchange times from the audit trail, i.e. from real traffic: every change this side
// sent and the partner acknowledged (`fields-sent`, with the source-write → partner-ack latency) and
// every change it received and applied (`fields-applied`/`pair-created`, with the partner's source
// write → our write). Pure functions, unit-tested.
import type { AuditEntry } from '../core/ports/store';
import type { KpiView } from '../shared/resolver-contract';

const DAY_MS = 86_400_000;
export const KPI_DAYS = 14;

const isSent = (e: AuditEntry) => e.action === 'fields-sent';
const isReceived = (e: AuditEntry) => (e.action === 'fields-applied' || e.action === 'pair-created' || e.action === 'pair-unlinked' || e.action === 'link-requested') && (e.actor === 'sync' || e.actor === 'partner');

/** The newest sent and received change among `entries` (any order), or null. */
export function lastTraffic(entries: readonly AuditEntry[]): { lastSentAt: number | null; lastReceivedAt: number | null } {
  let lastSentAt: number | null = null;
  let lastReceivedAt: number | null = null;
  for (const e of entries) {
    if (isSent(e) && (lastSentAt === null || e.at > lastSentAt)) lastSentAt = e.at;
    if (isReceived(e) && (lastReceivedAt === null || e.at > lastReceivedAt)) lastReceivedAt = e.at;
  }
  return { lastSentAt, lastReceivedAt };
}

const percentile = (sorted: number[], p: number): number | null => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null);

/** KPIs over the last KPI_DAYS days; `errors` is the connection's open error count. */
export function kpis(entries: readonly AuditEntry[], backlog: number, errors: number, now: number): KpiView {
  const since = now - KPI_DAYS * DAY_MS;
  const recent = entries.filter((e) => e.at > since && e.at <= now);
  const latencies = (dir: (e: AuditEntry) => boolean) =>
    recent.filter(dir).map((e) => e.latencyMs).filter((l): l is number => typeof l === 'number').sort((a, b) => a - b);
  const all = [...latencies(isSent), ...latencies(isReceived)].sort((a, b) => a - b);
  const days = new Map<string, { out: number; in: number }>();
  for (let i = KPI_DAYS - 1; i >= 0; i--) days.set(new Date(now - i * DAY_MS).toISOString().slice(0, 10), { out: 0, in: 0 });
  let sent = 0;
  let received = 0;
  for (const e of recent) {
    const bucket = days.get(new Date(e.at).toISOString().slice(0, 10));
    if (isSent(e)) { sent++; if (bucket) bucket.out++; }
    if ((e.action === 'fields-applied' || e.action === 'pair-created') && e.actor === 'sync') { received++; if (bucket) bucket.in++; }
  }
  const changes = sent + received;
  return {
    latencyMs: { p50: percentile(all, 50), p95: percentile(all, 95), samples: all.length },
    perDay: [...days.entries()].map(([day, c]) => ({ day, ...c })),
    errorRate: changes + errors === 0 ? 0 : errors / (changes + errors),
    backlog,
    changes: { sent, received },
  };
}
