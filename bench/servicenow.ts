// Phase 5 of `npm run bench` (`--only=servicenow`): Jira ↔ ServiceNow calls per change and latency,
// in a world of its own (acme and the instance initech, connected as `npm start` connects them).
import { measurePollRun, measureServiceNowCycle, type PollRunFigures, type SnChangeFigures } from './servicenow-changes';
import { measureServiceNowLatency, pairedIncidents, type SnLatencyFigures } from './servicenow-latency';
import { serviceNowBreakdown, serviceNowChangesTable, serviceNowLatencyTable } from './servicenow-report';
import { startServiceNowBench } from './servicenow-world';
import { LATENCY_ISSUES } from './latency';

export type ServiceNowFigures = {
  /** The second cycle: steady state. */
  warm: SnChangeFigures[];
  /** The first cycle after connecting (modules loading, caches filling). */
  cold: SnChangeFigures[];
  latency: SnLatencyFigures;
  /** A poll run finding one record (the steady cycle's) and one finding several: fixed and per-record cost. */
  pollScaling: { one: PollRunFigures; many: PollRunFigures; perRecordKvs: number; perRunKvs: number };
};

const totals = (f: SnChangeFigures) => [f.servicenow.reads, f.servicenow.writes, f.jira.jira.reads, f.jira.jira.writes, f.jira.kvs.reads, f.jira.kvs.writes].join('/');

export async function runServiceNowPhase(edits: number, section: (title: string) => void): Promise<ServiceNowFigures> {
  // Exact per-change counts and latencies: no duplicate deliveries here (world-setup.ts NO_DUPLICATES).
  const bench = await startServiceNowBench({ exact: true });
  try {
    const cold = await measureServiceNowCycle(bench, 1);
    const warm = await measureServiceNowCycle(bench, 2);
    section('5. Jira ↔ ServiceNow: calls per mirrored change (steady state; acme ↔ initech, incident)');
    console.log(serviceNowChangesTable(warm));
    console.log('\nPer-call breakdown (SN = requests to the instance as the integration user; Jira, KVS = acme, where the peer runs too):');
    console.log(serviceNowBreakdown(warm));
    for (const f of [...cold, ...warm]) {
      for (const [module, inv] of Object.entries(f.jira.invocations)) {
        if (inv.failed || inv.timeout) console.log(`${f.kind}: ${module} failed ${inv.failed}, timed out ${inv.timeout}: ${inv.errors.join(' | ')}`);
      }
    }
    const differed = cold.filter((c, i) => totals(c) !== totals(warm[i]!));
    console.log(differed.length ? `\n(first cycle differed for: ${differed.map((c) => `${c.kind} ${totals(c)}`).join(', ')} — SN R/W, Jira R/W, KVS R/W; see JSON servicenow.cold)` : '\n(the first cycle after connecting cost the same)');

    const probe = await measureServiceNowCycle(bench, 3);
    const { issueKey, sysId } = probe[0]!;
    // The cycles' three paired incidents, edited together and found by one poll run.
    const pairs = [cold[0]!, warm[0]!, probe[0]!].map((f) => ({ issueKey: f.issueKey, sysId: f.sysId }));
    const one = await measurePollRun(bench, pairs.slice(0, 1), 'one');
    const many = await measurePollRun(bench, pairs, 'many');
    const perRecordKvs = (many.kvs - one.kvs) / (many.records - one.records);
    const pollScaling = { one, many, perRecordKvs, perRunKvs: one.kvs - perRecordKvs };
    console.log(`\nA poll run's storage cost: ${one.kvs} KVS operations finding ${one.records} record, ${many.kvs} finding ${many.records} (all mirrored: ${one.mirrored && many.mirrored ? 'yes' : 'NO'}) → ${perRecordKvs} per record + ${pollScaling.perRunKvs} per run (hold, watermarks, connection list, outbox scan)`);

    section(`6. Jira ↔ ServiceNow mirror latency, ${edits} sequential summary edits each way, going round ${LATENCY_ISSUES} paired issues (real clock)`);
    const latency = await measureServiceNowLatency(bench, [{ issueKey, sysId }, ...(await pairedIncidents(bench, LATENCY_ISSUES - 1))], edits);
    console.log(serviceNowLatencyTable(latency));
    console.log(`Jira 429s to the app during the run, by reason: ${JSON.stringify(latency.jira429s)} (each edit back is a Jira write to its issue; past Jira's per-issue write allowance the app spaces that issue's writes)`);
    return { warm, cold, latency, pollScaling };
  } finally {
    await bench.close();
  }
}
