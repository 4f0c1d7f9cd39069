// The brief's targets, checked against the measured figures.
import type { BulkFigures } from './bulk';
import type { LatencyFigures } from './latency';
import { KVS_BUDGET, MINIMAL_TARGET_WRITES, type ChangeFigures } from './per-change';
import type { Verdict } from './report';
import { round } from './stats';

const BULK_RATIO = 1.5;
const P95_MS = 500;
/** Peak heap growth may rise this much from the smallest to the largest run and still count as flat. */
const FLAT_TOLERANCE = 1.25;

export function verdicts(r: { perChange?: { warm: ChangeFigures[] }; latency?: LatencyFigures; bulk?: BulkFigures[]; network?: BulkFigures }): Verdict[] {
  const out: Verdict[] = [];
  for (const f of r.perChange?.warm ?? []) {
    const kvs = (v: ChangeFigures['source']) => v.kvs.reads + v.kvs.writes;
    out.push({ target: `${f.kind}: ≤ 1 Jira read on the source`, measured: `${f.source.jira.reads} read(s)`, ok: f.targets.sourceReadsOk });
    out.push({
      target: `${f.kind}: minimal Jira writes on the target (${MINIMAL_TARGET_WRITES[f.kind].n}: ${MINIMAL_TARGET_WRITES[f.kind].calls})`,
      measured: `${f.target.jira.writes} write(s)${f.mirrored ? '' : ', expected write missing'}; also ${f.target.jira.reads} read(s)`,
      ok: f.targets.targetWritesOk,
    });
    out.push({ target: `${f.kind}: KVS ops ≤ ${KVS_BUDGET} per side`, measured: `source ${kvs(f.source)}, target ${kvs(f.target)}`, ok: f.targets.sourceKvsOk && f.targets.targetKvsOk });
  }
  if (r.latency) {
    const l = r.latency.latencyMs;
    out.push({ target: `mirror latency p95 < ${P95_MS} ms`, measured: `p50 ${round(l.p50)} ms, p95 ${round(l.p95)} ms (n=${l.n}, missed ${r.latency.missed})`, ok: l.p95 < P95_MS && r.latency.missed === 0 });
  }
  for (const b of [...(r.bulk ?? []), ...(r.network ? [r.network] : [])]) {
    const m = b.latency;
    const label = m ? `bulk ${b.issues} (network modelled: Jira ${m.jiraMs} / storage ${m.storageMs} / egress ${m.egressMs} ms)` : `bulk ${b.issues}`;
    out.push({ target: `${label}: ≤ ${BULK_RATIO}× direct writes`, measured: `${round(b.ratio, 2)}× (${Math.round(b.bulk.msToDone)} ms vs ${Math.round(b.direct.ms)} ms)`, ok: b.ratio <= BULK_RATIO && !b.bulk.stalled });
    out.push({ target: `${label}: no invocation past its time limit`, measured: `${b.timeLimits.timeouts} timeout(s), ${b.timeLimits.failed} failed of ${b.timeLimits.invocations}`, ok: b.timeLimits.timeouts === 0 });
    out.push({ target: `${label}: every issue on the partner, once`, measured: `${b.bulk.createdOnPartner}/${b.bulk.expected} created, ${b.counts.duplicatesOrMissing} extra/missing`, ok: b.counts.duplicatesOrMissing === 0 && b.bulk.createdOnPartner === b.bulk.expected });
  }
  const runs = (r.bulk ?? []).filter((b) => b.memory.heapBeforeMb !== null && b.memory.peakLiveHeapMb !== null);
  if (runs.length >= 2) {
    // Live heap (after GC) is what would have to fit in an invocation; garbage is the GC's business.
    const growth = runs.map((b) => b.memory.peakLiveHeapMb! - b.memory.heapBeforeMb!);
    const first = growth[0]!;
    const last = growth[growth.length - 1]!;
    out.push({
      target: 'bulk memory flat in the number of issues (peak live heap over the start)',
      measured: runs.map((b, i) => `${b.issues}: +${round(growth[i]!)} MB`).join(', '),
      ok: last <= Math.max(first * FLAT_TOLERANCE, first + 5),
    });
  }
  return out;
}
