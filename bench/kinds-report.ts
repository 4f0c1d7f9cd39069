// The kinds phase as tables: per change, each side's Jira reads/writes, points and KVS operations
// against the budgets, then the calls behind each figure.
import type { KindFigures } from './kinds';
import { POINTS_BUDGET } from './kinds';
import { KVS_BUDGET } from './per-change';
import { table, type Verdict } from './report';
import type { TallyView } from './tally';

const kvs = (t: TallyView) => `${t.kvs.reads + t.kvs.writes} (${t.kvs.reads}+${t.kvs.writes})`;
const mark = (ok: boolean) => (ok ? 'ok' : 'MISS');

export function kindsTable(figures: KindFigures[]): string {
  return table(
    ['change', 'src Jira R', 'src Jira W', 'src points', 'src KVS (R+W)', 'tgt Jira R', 'tgt Jira W', 'tgt points', 'tgt KVS (R+W)', 'src≤1R', 'tgt 1 W', `pts≤${POINTS_BUDGET}`, `KVS≤${KVS_BUDGET}`],
    figures.map((f) => [
      f.kind, f.source.jira.reads, f.source.jira.writes, f.source.points, kvs(f.source),
      f.target.jira.reads, f.target.jira.writes, f.target.points, kvs(f.target),
      mark(f.ok.sourceReads), mark(f.ok.targetWrites), mark(f.ok.points), mark(f.ok.kvs),
    ]),
  );
}

function calls(side: string, t: TallyView): string[] {
  return [
    `  ${side}:`,
    ...t.jira.calls.map((c) => `    Jira ${c.read ? 'read ' : 'WRITE'} ×${c.n}  ${c.what}`),
    ...t.kvs.ops.map((k) => `    KVS  ${k.read ? 'read ' : 'write'} ×${k.n}  ${k.what}`),
    ...t.queue.map((q) => `    queue     ×${q.n}  ${q.what}`),
  ];
}

export function kindsBreakdown(figures: KindFigures[]): string {
  return figures.flatMap((f) => [`${f.kind}${f.mirrored ? '' : ' — NOT MIRRORED'}`, ...calls('source acme', f.source), ...calls('target globex', f.target)]).join('\n');
}

export function kindsVerdicts(figures: KindFigures[]): Verdict[] {
  return figures.map((f) => ({
    target: `${f.kind}: 1 source read, 1 target write, ≤ ${POINTS_BUDGET} points and ≤ ${KVS_BUDGET} KVS per side`,
    measured: `reads ${f.source.jira.reads}, writes ${f.target.jira.writes}, points ${f.source.points}/${f.target.points}, KVS ${f.source.kvs.reads + f.source.kvs.writes}/${f.target.kvs.reads + f.target.kvs.writes}`,
    ok: f.ok.sourceReads && f.ok.targetWrites && f.ok.points && f.ok.kvs,
  }));
}
