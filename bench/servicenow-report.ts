// Tables and target verdicts for the Jira ↔ ServiceNow figures, in the style of the Jira ↔ Jira ones.
import { KVS_BUDGET } from './per-change';
import { table, type Verdict } from './report';
import { MINIMAL_JIRA_WRITES_BACK, MINIMAL_SN_WRITES, type PollRunFigures, type SnChangeFigures } from './servicenow-changes';
import type { SnLatencyFigures } from './servicenow-latency';
import { round } from './stats';
import type { TallyView } from './tally';

const P95_MS = 500;
/** The Jira side and the ServiceNow peer both run in acme's installation: the per-side budget, twice. */
export const SN_KVS_BUDGET = 2 * KVS_BUDGET;

const outbound = (f: SnChangeFigures): f is SnChangeFigures & { kind: keyof typeof MINIMAL_SN_WRITES } => f.kind in MINIMAL_SN_WRITES;
const kvsTotal = (v: TallyView) => v.kvs.reads + v.kvs.writes;
const invocations = (v: TallyView) => Object.values(v.invocations).reduce((a, s) => a + s.n, 0);

export function serviceNowChangesTable(figures: SnChangeFigures[]): string {
  return table(
    ['change', 'SN R', 'SN W (min)', 'Jira R', 'Jira W (min)', 'KVS (R+W)', 'invocations', 'mirrored'],
    figures.map((f) => [
      f.kind,
      f.servicenow.reads,
      outbound(f) ? `${f.servicenow.writes} (${MINIMAL_SN_WRITES[f.kind].n})` : String(f.servicenow.writes),
      f.jira.jira.reads,
      outbound(f) ? String(f.jira.jira.writes) : `${f.jira.jira.writes} (${MINIMAL_JIRA_WRITES_BACK.n})`,
      `${kvsTotal(f.jira)} (${f.jira.kvs.reads}+${f.jira.kvs.writes})`,
      invocations(f.jira),
      f.mirrored ? 'yes' : 'NO',
    ]),
  );
}

export function serviceNowBreakdown(figures: SnChangeFigures[]): string {
  return figures
    .flatMap((f) => [
      `${f.kind} (${f.issueKey})${f.mirrored ? '' : ' — NOT MIRRORED'}`,
      ...f.servicenow.calls.map((c) => `    SN   ${c.read ? 'read ' : 'WRITE'} ×${c.n}  ${c.what}`),
      ...f.jira.jira.calls.map((c) => `    Jira ${c.read ? 'read ' : 'WRITE'} ×${c.n}  ${c.what}`),
      ...f.jira.kvs.ops.map((k) => `    KVS  ${k.read ? 'read ' : 'write'} ×${k.n}  ${k.what}`),
      ...f.jira.queue.map((q) => `    queue     ×${q.n}  ${q.what}`),
    ])
    .join('\n');
}

export function serviceNowLatencyTable(l: SnLatencyFigures): string {
  const row = (name: string, s: SnLatencyFigures['toJira']['latencyMs'], missed: number) => [name, s.n, round(s.p50), round(s.p95), round(s.p99), round(s.max), round(s.mean), missed];
  return table(['ms', 'n', 'p50', 'p95', 'p99', 'max', 'mean', 'missed'], [
    row('Jira write → instance write', l.toServiceNow.latencyMs, l.toServiceNow.missed),
    row('instance write → Jira write (push notice)', l.toJira.latencyMs, l.toJira.missed),
  ]);
}

export function serviceNowVerdicts(r: { changes?: SnChangeFigures[]; latency?: SnLatencyFigures; pollScaling?: { one: PollRunFigures; many: PollRunFigures; perRecordKvs: number; perRunKvs: number } }): Verdict[] {
  const out: Verdict[] = [];
  for (const f of r.changes ?? []) {
    const prefix = `Jira ↔ ServiceNow ${f.kind}`;
    if (outbound(f)) {
      const min = MINIMAL_SN_WRITES[f.kind];
      out.push({ target: `${prefix}: ≤ 1 Jira read on the source`, measured: `${f.jira.jira.reads} read(s)`, ok: f.jira.jira.reads <= 1 });
      out.push({
        target: `${prefix}: minimal writes on the instance (${min.n}: ${min.calls})`,
        measured: `${f.servicenow.writes} write(s)${f.mirrored ? '' : ', not mirrored'}; also ${f.servicenow.reads} read(s)`,
        ok: f.mirrored && f.servicenow.writes <= min.n,
      });
    } else {
      out.push({
        target: `${prefix}: minimal Jira writes (${MINIMAL_JIRA_WRITES_BACK.n}: ${MINIMAL_JIRA_WRITES_BACK.calls})`,
        measured: `${f.jira.jira.writes} write(s)${f.mirrored ? '' : ', not mirrored'}; also ${f.jira.jira.reads} Jira read(s), ${f.servicenow.reads} instance read(s)`,
        ok: f.mirrored && f.jira.jira.writes <= MINIMAL_JIRA_WRITES_BACK.n,
      });
    }
    // A poll run's cost is judged per record below (its fixed part is shared by every record it finds).
    if (f.kind === 'edit back (poll)' && r.pollScaling) continue;
    out.push({ target: `${prefix}: KVS ops ≤ ${SN_KVS_BUDGET} (≤ ${KVS_BUDGET} per side; Jira side and peer share one installation)`, measured: `${kvsTotal(f.jira)}`, ok: kvsTotal(f.jira) <= SN_KVS_BUDGET });
  }
  if (r.pollScaling) {
    const p = r.pollScaling;
    out.push({
      target: `Jira ↔ ServiceNow edit back (poll), per changed record: KVS ops ≤ ${SN_KVS_BUDGET}`,
      measured: `${p.perRecordKvs} per record + ${p.perRunKvs} once per poll run (${p.one.kvs} for ${p.one.records}, ${p.many.kvs} for ${p.many.records})${p.one.mirrored && p.many.mirrored ? '' : ', NOT all mirrored'}`,
      ok: p.perRecordKvs <= SN_KVS_BUDGET && p.one.mirrored && p.many.mirrored,
    });
  }
  if (r.latency) {
    for (const [name, l] of [['Jira → ServiceNow', r.latency.toServiceNow], ['ServiceNow → Jira (push notice)', r.latency.toJira]] as const) {
      out.push({ target: `${name} latency p95 < ${P95_MS} ms`, measured: `p50 ${round(l.latencyMs.p50)} ms, p95 ${round(l.latencyMs.p95)} ms (n=${l.latencyMs.n}, missed ${l.missed})`, ok: l.latencyMs.p95 < P95_MS && l.missed === 0 });
    }
  }
  return out;
}
