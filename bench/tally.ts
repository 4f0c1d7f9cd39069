// Aggregates an installation's record as it happens. The benchmark reads its figures from a Tally
// instead of the Recorder's list, so that a 2,000-issue run does not keep every entry in memory.
import { DEFAULT_LIMIT_SECONDS, type ForgeApp, type RecordEntry, type Recorder } from '../sandbox/platform';
import type { InvocationKind } from '../sandbox/platform';
import { isJiraRead, isKvsRead, kvsLabel, productLabel } from './classify';

export type InvocationStats = { moduleType: InvocationKind; n: number; ok: number; failed: number; timeout: number; maxMs: number; totalMs: number; limitMs: number; errors: string[] };

export type TallyView = {
  entries: number;
  jira: { reads: number; writes: number; calls: Array<{ what: string; n: number; read: boolean }> };
  kvs: { reads: number; writes: number; ops: Array<{ what: string; n: number; read: boolean }> };
  egress: number;
  queue: Array<{ what: string; n: number }>;
  invocations: Record<string, Omit<InvocationStats, 'errors'> & { errors: string[] }>;
};

/** Forge's time limit of a module's function, as the sandbox enforces it. */
export function limitMsOf(app: ForgeApp, moduleKey: string, moduleType: InvocationKind): number {
  const fnKey =
    moduleType === 'consumer' ? app.consumers.find((c) => c.key === moduleKey)?.functionKey
    : moduleType === 'scheduledTrigger' ? app.scheduledTriggers.find((s) => s.key === moduleKey)?.functionKey
    : undefined;
  const declared = fnKey ? app.functions.get(fnKey)?.timeoutSeconds : undefined;
  return (declared ?? DEFAULT_LIMIT_SECONDS[moduleType]) * 1000;
}

export class Tally {
  entries = 0;
  private readonly jira = new Map<string, { n: number; read: boolean }>();
  private readonly kvs = new Map<string, { n: number; read: boolean }>();
  private readonly queue = new Map<string, number>();
  private egress = 0;
  private readonly invocations = new Map<string, InvocationStats>();

  constructor(private readonly app: ForgeApp) {}

  add(e: RecordEntry): void {
    this.entries++;
    switch (e.kind) {
      case 'product':
        bump(this.jira, productLabel(e), isJiraRead(e));
        break;
      case 'kvs':
        bump(this.kvs, kvsLabel(e), isKvsRead(e));
        break;
      case 'egress':
        this.egress++;
        break;
      case 'queue': {
        const what = `${e.moduleKey || '(platform)'} ${e.op} ${e.queue}${e.reason ? ` (${e.reason})` : ''}`;
        this.queue.set(what, (this.queue.get(what) ?? 0) + 1);
        break;
      }
      case 'invocation': {
        let s = this.invocations.get(e.moduleKey);
        if (!s) {
          s = { moduleType: e.moduleType, n: 0, ok: 0, failed: 0, timeout: 0, maxMs: 0, totalMs: 0, limitMs: limitMsOf(this.app, e.moduleKey, e.moduleType), errors: [] };
          this.invocations.set(e.moduleKey, s);
        }
        s.n++;
        s[e.outcome]++;
        s.maxMs = Math.max(s.maxMs, e.durationMs);
        s.totalMs += e.durationMs;
        if (e.error && s.errors.length < 5) s.errors.push(e.error.slice(0, 300));
        break;
      }
    }
  }

  view(): TallyView {
    const list = (m: Map<string, { n: number; read: boolean }>) =>
      [...m].map(([what, v]) => ({ what, n: v.n, read: v.read })).sort((a, b) => b.n - a.n || a.what.localeCompare(b.what));
    const sum = (m: Map<string, { n: number; read: boolean }>, read: boolean) => [...m.values()].filter((v) => v.read === read).reduce((a, v) => a + v.n, 0);
    return {
      entries: this.entries,
      jira: { reads: sum(this.jira, true), writes: sum(this.jira, false), calls: list(this.jira) },
      kvs: { reads: sum(this.kvs, true), writes: sum(this.kvs, false), ops: list(this.kvs) },
      egress: this.egress,
      queue: [...this.queue].map(([what, n]) => ({ what, n })).sort((a, b) => b.n - a.n),
      invocations: Object.fromEntries([...this.invocations].map(([k, v]) => [k, { ...v, errors: [...v.errors] }])),
    };
  }
}

function bump(m: Map<string, { n: number; read: boolean }>, what: string, read: boolean): void {
  const cur = m.get(what);
  if (cur) cur.n++;
  else m.set(what, { n: 1, read });
}

/** A tally of entries already in a recorder. */
export function tallyOf(app: ForgeApp, entries: RecordEntry[]): TallyView {
  const t = new Tally(app);
  for (const e of entries) t.add(e);
  return t.view();
}

/**
 * Routes a recorder's entries into a Tally without keeping them. `count()` without a filter keeps
 * rising with every entry, which is all SandboxWorld.idle() needs from it. Returns the undo.
 */
export function streamInto(recorder: Recorder, tally: Tally): () => void {
  const own = recorder as unknown as { add: Recorder['add']; count: Recorder['count'] };
  const originalAdd = own.add;
  const originalCount = own.count;
  let seen = recorder.count();
  own.add = (e: RecordEntry) => {
    seen++;
    tally.add(e);
  };
  own.count = (filter?: Parameters<Recorder['count']>[0]) => (filter && Object.keys(filter).length > 0 ? originalCount.call(recorder, filter) : seen);
  return () => {
    own.add = originalAdd;
    own.count = originalCount;
  };
}
