// Renders the benchmark's figures as plain-text tables for the terminal.
import type { BulkFigures } from './bulk';
import type { LatencyFigures } from './latency';
import { KVS_BUDGET, MINIMAL_TARGET_WRITES, type ChangeFigures } from './per-change';
import { round } from './stats';
import type { TallyView } from './tally';

export type Verdict = { target: string; measured: string; ok: boolean };

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const sumOf = (r: Record<string, number>) => Object.values(r).reduce((a, v) => a + v, 0);
const jiraMs = (p: BulkFigures['bulk']['profile']) => Object.values(p.jiraEmulatorMs).reduce((a, v) => a + v, 0);
const kvsTotal = (v: TallyView) => v.kvs.reads + v.kvs.writes;
const mark = (ok: boolean) => (ok ? 'ok' : 'MISS');

export function changesTable(figures: ChangeFigures[]): string {
  return table(
    ['change', 'src Jira R', 'src Jira W', 'src KVS (R+W)', 'tgt Jira R', 'tgt Jira W (min)', 'tgt KVS (R+W)', 'invocations', 'src≤1R', 'tgt min W', `KVS≤${KVS_BUDGET}`],
    figures.map((f) => [
      f.kind,
      f.source.jira.reads,
      f.source.jira.writes,
      `${kvsTotal(f.source)} (${f.source.kvs.reads}+${f.source.kvs.writes})`,
      f.target.jira.reads,
      `${f.target.jira.writes} (${MINIMAL_TARGET_WRITES[f.kind].n})`,
      `${kvsTotal(f.target)} (${f.target.kvs.reads}+${f.target.kvs.writes})`,
      Object.values(f.source.invocations).reduce((a, s) => a + s.n, 0) + Object.values(f.target.invocations).reduce((a, s) => a + s.n, 0),
      mark(f.targets.sourceReadsOk),
      mark(f.targets.targetWritesOk),
      mark(f.targets.sourceKvsOk && f.targets.targetKvsOk),
    ]),
  );
}

function breakdown(side: string, v: TallyView): string[] {
  const out = [`  ${side}:`];
  for (const c of v.jira.calls) out.push(`    Jira ${c.read ? 'read ' : 'WRITE'} ×${c.n}  ${c.what}`);
  for (const k of v.kvs.ops) out.push(`    KVS  ${k.read ? 'read ' : 'write'} ×${k.n}  ${k.what}`);
  for (const q of v.queue) out.push(`    queue     ×${q.n}  ${q.what}`);
  if (v.egress) out.push(`    egress    ×${v.egress}  (partner web trigger)`);
  return out;
}

export function changesBreakdown(figures: ChangeFigures[]): string {
  return figures.flatMap((f) => [`${f.kind} (${f.issueKey})${f.mirrored ? '' : ' — NOT MIRRORED'}`, ...breakdown('source acme', f.source), ...breakdown('target globex', f.target)]).join('\n');
}

export function latencyTable(l: LatencyFigures): string {
  const row = (name: string, s: LatencyFigures['latencyMs']) => [name, s.n, round(s.p50), round(s.p95), round(s.p99), round(s.max), round(s.mean)];
  return table(['ms', 'n', 'p50', 'p95', 'p99', 'max', 'mean'], [row('source write → partner write', l.latencyMs), ...Object.entries(l.stagesMs).map(([k, s]) => row(`  ${k}`, s))]);
}

export function bulkTable(runs: BulkFigures[]): string {
  return table(
    ['issues', 'direct ms', 'bulk ms (all created)', 'bulk ms (done)', 'ratio', 'ratio w/o KVS-emulator entity scans', 'Jira-emulator-time ratio', 'ms/issue direct', 'ms/issue bulk', 'invocations', 'timeouts', 'failed', 'max share of limit', 'dupes/missing'],
    runs.map((r) => [
      r.issues,
      Math.round(r.direct.ms),
      Math.round(r.bulk.msToAllCreated),
      Math.round(r.bulk.msToDone),
      `${round(r.ratio, 2)}×`,
      `${round((r.bulk.msToDone - sumOf(r.bulk.profile.kvsEntityQueryMs)) / (r.direct.ms * (r.bulk.expected / r.issues)), 1)}×`,
      `${round(jiraMs(r.bulk.profile) / Math.max(1, jiraMs(r.direct.profile)), 1)}×`,
      round(r.direct.perIssueMs, 2),
      round(r.bulk.perIssueMs, 2),
      r.timeLimits.invocations,
      r.timeLimits.timeouts,
      r.timeLimits.failed,
      r.timeLimits.worst[0] ? `${(r.timeLimits.worst[0].share * 100).toFixed(2)}% (${r.timeLimits.worst[0].module} ${r.timeLimits.worst[0].maxMs} ms)` : '-',
      r.counts.duplicatesOrMissing + (r.bulk.stalled ? ' STALLED' : ''),
    ]),
  );
}

export function bulkMemoryTable(runs: BulkFigures[]): string {
  return table(
    ['issues', 'heap before (GC) MB', 'peak live heap (GC every 2 s) MB', 'peak heap incl. garbage MB', 'heap after (GC) MB', 'peak heap − before', 'peak RSS MB', 'process max RSS MB'],
    runs.map((r) => [
      r.issues,
      r.memory.heapBeforeMb ?? '-',
      r.memory.peakLiveHeapMb === null ? '-' : `${r.memory.peakLiveHeapMb} (${r.memory.gcSamples} samples)`,
      r.memory.peakHeapUsedMb,
      r.memory.heapAfterGcMb ?? '-',
      r.memory.heapBeforeMb === null ? '-' : round(r.memory.peakHeapUsedMb - r.memory.heapBeforeMb),
      r.memory.peakRssMb,
      r.memory.processMaxRssMb,
    ]),
  );
}

export function bulkPerIssueTable(runs: BulkFigures[]): string {
  const per = (n: number, r: BulkFigures) => round(n / Math.max(1, r.bulk.expected), 2);
  return table(
    ['issues', 'src Jira R/issue', 'src Jira W/issue', 'src KVS/issue', 'tgt Jira R/issue', 'tgt Jira W/issue', 'tgt KVS/issue'],
    runs.map((r) => [r.issues, per(r.source.jira.reads, r), per(r.source.jira.writes, r), per(kvsTotal(r.source), r), per(r.target.jira.reads, r), per(r.target.jira.writes, r), per(kvsTotal(r.target), r)]),
  );
}

export function bulkBreakdown(r: BulkFigures): string {
  return [`bulk sync of ${r.bulk.expected} issues, totals:`, ...breakdown('source acme', r.source), ...breakdown('target globex', r.target)].join('\n');
}

export function verdictTable(verdicts: Verdict[]): string {
  return table(['target', 'measured', ''], verdicts.map((v) => [v.target, v.measured, mark(v.ok)]));
}

export function bulkProfileTable(runs: BulkFigures[]): string {
  const pair = (r: Record<string, number>) => `${r.acme ?? 0} / ${r.globex ?? 0}`;
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, v) => a + v, 0);
  const row = (name: string, p: BulkFigures['bulk']['profile'], issues: number) => {
    const rest = p.wallMs - sum(p.jiraEmulatorMs) - sum(p.kvsEmulatorMs);
    return [name, p.wallMs, p.cpuMs, `${Math.round(p.eventLoopUtilization * 100)}%`, pair(p.jiraRequests), pair(p.jiraEmulatorMs), pair(p.kvsEmulatorMs), pair(p.kvsEntityQueryMs), pair(p.kvsEntityRowsScanned), `${rest} (${round(rest / issues, 1)}/issue)`];
  };
  return table(
    ['phase', 'wall ms', 'CPU ms', 'loop busy', 'Jira requests (acme / globex)', 'Jira emulator ms', 'KVS emulator ms', 'of which entity queries', 'entity rows scanned', 'rest: app + SDKs + platform ms'],
    runs.flatMap((r) => [row(`direct ${r.issues}`, r.direct.profile, r.issues), row(`bulk ${r.issues}`, r.bulk.profile, r.bulk.expected)]),
  );
}
