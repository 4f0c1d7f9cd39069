// Where the wall-clock time of a phase goes: CPU, event-loop utilisation, and the time spent inside
// the emulators themselves (Jira REST handling, KVS storage) rather than in the app, the SDKs and
// the platform. Both emulators are synchronous under their async surface, which makes this exact:
// a Jira request (without an injected latency fault) has finished when request() returns, and a KVS
// request runs without a break from its first storage call to the moment the recorder logs it.
import { performance } from 'node:perf_hooks';
import type { RecordEntry } from '../sandbox/platform';
import type { SandboxWorld } from '../sandbox/world';

export type ProfileView = {
  wallMs: number;
  cpuMs: number;
  /** Share of the wall time the event loop was busy (1 = never idle). */
  eventLoopUtilization: number;
  jiraEmulatorMs: Record<string, number>;
  jiraRequests: Record<string, number>;
  kvsEmulatorMs: Record<string, number>;
  /** Of which entity queries (rows = rows returned by index reads, filters applied). */
  kvsEntityQueryMs: Record<string, number>;
  kvsEntityRowsScanned: Record<string, number>;
};

type Fn = (...a: unknown[]) => unknown;

/** Replaces `target[name]` with `around(original, args)`; returns the undo. */
function wrap(target: object, name: string, around: (original: () => unknown, args: unknown[]) => unknown): () => void {
  const t = target as Record<string, Fn>;
  const own = Object.prototype.hasOwnProperty.call(t, name);
  const original = t[name]!;
  t[name] = function (this: unknown, ...args: unknown[]) {
    return around(() => original.apply(this, args), args);
  };
  return () => {
    if (own) t[name] = original;
    else delete t[name];
  };
}

const STORE_CALLS = ['get', 'put', 'delete', 'scan', 'all', 'queryIndex'];

export function profileWorld(world: SandboxWorld): { stop(): ProfileView } {
  const undo: Array<() => void> = [];
  const per = () => Object.fromEntries([...world.sites.keys()].map((k) => [k, 0])) as Record<string, number>;
  const jiraMs = per();
  const jiraN = per();
  const kvsMs = per();
  const queryMs = per();
  const rows = per();
  for (const s of world.sites.values()) {
    undo.push(
      wrap(s.jira, 'request', (call) => {
        const t = performance.now();
        jiraN[s.name]!++;
        try {
          return call();
        } finally {
          jiraMs[s.name]! += performance.now() - t;
        }
      }),
    );
    let requestStart: number | null = null;
    let depth = 0;
    for (const fn of STORE_CALLS) {
      undo.push(
        wrap(s.installation.store, fn, (call) => {
          if (depth === 0 && requestStart === null) requestStart = performance.now();
          depth++;
          try {
            const result = call();
            if (fn === 'all' || fn === 'queryIndex') rows[s.name]! += (result as unknown[]).length;
            return result;
          } finally {
            depth--;
          }
        }),
      );
    }
    undo.push(
      wrap(s.installation.recorder, 'add', (call, args) => {
        const e = args[0] as RecordEntry;
        if (e.kind === 'kvs' && requestStart !== null) {
          const ms = performance.now() - requestStart;
          requestStart = null;
          kvsMs[s.name]! += ms;
          if (e.op === 'entity/query') queryMs[s.name]! += ms;
        }
        return call();
      }),
    );
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  return {
    stop() {
      for (const u of undo.reverse()) u();
      const cpu = process.cpuUsage(cpu0);
      const ms = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]));
      return {
        wallMs: Math.round(performance.now() - t0),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        eventLoopUtilization: Math.round(performance.eventLoopUtilization(elu0).utilization * 1000) / 1000,
        jiraEmulatorMs: ms(jiraMs),
        jiraRequests: jiraN,
        kvsEmulatorMs: ms(kvsMs),
        kvsEntityQueryMs: ms(queryMs),
        kvsEntityRowsScanned: rows,
      };
    },
  };
}
