// Where a bulk sync's cost goes (issue 13): the economics bulk on the manual clock, with every Jira
// call, queue push / refusal and invocation of each side counted by endpoint and module, and each
// search by the shape of its JQL (how the chain of pages was found reading pages twice).
//   node --import tsx bench/bulk-trace.ts 1000        (TRACE_PAGES=1: print each page search)
import { asAdmin } from '../sandbox/demo/liaison-demo';
import { SandboxClock } from '../sandbox/platform';
import type { Recorder } from '../sandbox/platform/recorder';
import { rest, startBench } from './world-setup';

type Tally = Record<string, number>;
/** The run's start on the manual clock (Date.now() is virtual time inside the world). */
let T0 = 0;
const bump = (t: Tally, k: string, n = 1) => { t[k] = (t[k] ?? 0) + n; };
const pattern = (path: string) => path.split('?')[0]!.replace(/\/[A-Z]+-\d+/g, '/{key}').replace(/\/\d+/g, '/{id}');

function drain(t: Tally, r: Recorder): void {
  for (const e of r.entries()) {
    if (e.kind === 'product' && !e.asUser) bump(t, `jira ${e.method} ${pattern(e.path)} ${e.status}`);
    else if (e.kind === 'queue') bump(t, `queue ${e.op} ${e.moduleKey}${e.reason ? ` (${e.reason})` : ''}`, e.op === 'push' || e.op === 'refuse' ? (e.events ?? 1) : 1);
    else if (e.kind === 'invocation') {
      bump(t, `invoke ${e.moduleKey} ${e.outcome}`);
      if (e.outcome !== 'ok') console.log(`FAILED at ${(Date.now() - T0) / 1000} s ${e.moduleKey} ${e.outcome}: ${String(e.error).slice(0, 400)}`);
    }
    else if (e.kind === 'kvs') bump(t, 'kvs ops');
  }
  r.reset();
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 400);
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2026, 0, 5, 9, 0, 0) });
  const bench = await startBench({ extraAcmeIssues: n, clock });
  const { world, pair } = bench;
  const count = async (site: string, p: string) => ((await rest(world, site, 'POST', '/rest/api/3/search/approximate-count', { jql: `project = ${p}` })).body as { count: number }).count;
  try {
    const expected = await count('acme', 'ACME');
    const before = await count('globex', 'GLX');
    const src: Tally = {};
    const tgt: Tally = {};
    const timeline: string[] = [];
    for (const s of ['acme', 'globex']) world.site(s).installation.recorder.reset();
    const t0 = clock.now();
    T0 = t0;
    // Every search/jql the app makes, by the shape of its JQL (numbers and ids folded).
    const jql: Record<string, Tally> = { acme: {}, globex: {} };
    for (const name of ['acme', 'globex']) {
      const site = world.site(name).jira;
      const original = site.request.bind(site);
      site.request = async (req) => {
        if (req.path.startsWith('/rest/api/3/search/jql') && req.body) {
          const b = JSON.parse(String(req.body)) as { jql?: string; nextPageToken?: string; maxResults?: number };
          const q = String(b.jql ?? '');
          if (process.env.TRACE_PAGES && q.startsWith('project')) console.log(`page at ${(clock.now() - t0) / 1000} s: ${b.nextPageToken ? Buffer.from(b.nextPageToken, 'base64url').toString() : 'first'} max ${b.maxResults}`);
          bump(jql[name]!, q.replace(/\d+/g, '#').replace(/"[^"]*"/g, '"…"').replace(/(#,)+#/g, '#…').slice(0, 90));
        }
        const res = await original(req);
        if (process.env.TRACE_SWEEP && req.path.startsWith('/rest/api/3/search/jql') && req.body && String(JSON.parse(String(req.body)).jql).includes('updated >=')) {
          const got = res.status === 200 ? (JSON.parse(res.body) as { issues: unknown[] }).issues.length : -1;
          console.log(`sweep ${name} at ${(clock.now() - t0) / 1000} s: ${String(JSON.parse(String(req.body)).jql)} -> ${res.status} ${got} issues`);
        }
        return res;
      };
    }
    await asAdmin(world, 'acme', 'admin/bulk/start', { connectionId: pair.connectionId, projectKey: 'ACME' });
    let arrived = 0;
    for (let s = 1; s <= 6 * 3600; s++) {
      await clock.advance(1_000);
      await world.idle();
      drain(src, world.site('acme').installation.recorder);
      drain(tgt, world.site('globex').installation.recorder);
      if (s % 30 !== 0) continue;
      arrived = (await count('globex', 'GLX')) - before;
      timeline.push(`${s}s arrived ${arrived}`);
      if (arrived >= expected) break;
    }
    console.log(`issues ${expected}, arrived ${arrived}, drain ${(clock.now() - t0) / 1000} s`);
    const show = (name: string, t: Tally) => {
      console.log(`--- ${name}`);
      for (const [k, v] of Object.entries(t).sort()) console.log(`${String(v).padStart(7)}  ${k}`);
    };
    show('source (acme)', src);
    show('target (globex)', tgt);
    show('source search/jql', jql.acme!);
    show('target search/jql', jql.globex!);
    console.log(timeline.join('\n'));
  } finally {
    await bench.close();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
