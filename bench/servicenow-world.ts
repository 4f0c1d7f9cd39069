// The Jira ↔ ServiceNow bench world: acme alone (so no Jira partner's traffic mixes in) with the
// emulated instance initech connected through the admin resolvers, the demo rule (summary,
// description, priority, status, comments, both ways) and the shipped business rule posting change
// notices to the app's web trigger — exactly what `npm start` sets up. Real clock.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceNowDemo } from '../sandbox/demo/servicenow-demo';
import type { ServiceNowInstance } from '../sandbox/servicenow';
import type { SnRequest, SnResponse } from '../sandbox/servicenow/types';
import type { SandboxClock } from '../sandbox/platform';
import { SandboxWorld } from '../sandbox/world';
import { foldIds } from './classify';
import { appDir, NO_DUPLICATES } from './world-setup';

export const SN_INSTANCE = 'initech';
export const SN_TABLE = 'incident';
/** A ServiceNow agent of the default seed (sandbox/servicenow/README.md): their writes are not Liaison's. */
export const SN_AGENT = { username: 'beth.anglin', password: 'beth-initech-pw' };

export type SnCall = { method: string; path: string; user: string; status: number; at: number; body: string };

export type ServiceNowBench = {
  world: SandboxWorld;
  sn: ServiceNowInstance;
  connectionId: string;
  /** Every request the instance answered since the last reset (the app's and the bench's own). */
  calls: SnCall[];
  /** Called with each request once its answer exists (latency end marks). */
  onCall(listener: (call: SnCall) => void): () => void;
  close(): Promise<void>;
};

/** SQLite on a tmpfs when there is one, as for the Jira ↔ Jira phases. */
function scratchDir(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, 'liaison-bench-sn-'));
}

function userOf(headers: Record<string, string>): string {
  const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  const m = /^Basic (.+)$/i.exec(auth);
  return m ? Buffer.from(m[1]!, 'base64').toString('utf8').split(':')[0] ?? '' : auth ? 'bearer' : '';
}

/** `exact`: no duplicate deliveries (world-setup.ts NO_DUPLICATES: per-change counts without that noise). */
export async function startServiceNowBench(options: { clock?: SandboxClock; exact?: boolean } = {}): Promise<ServiceNowBench> {
  const dataDir = scratchDir();
  const world = await SandboxWorld.start({ appDir, dataDir, fresh: true, sites: [{ name: 'acme' }], servicenow: [{ name: SN_INSTANCE }],
    // Forge's product-event delay (up to 3 minutes) down to 0 on the real clock, as in world-setup.ts:
    // the phases time and count Liaison's own path, waiting with idle(), which does not move time.
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.exact ? { queue: NO_DUPLICATES.queue } : {}),
    ...(options.clock && !options.exact ? {} : { productEvents: { ...(options.clock ? {} : { maxDelayMs: 0 }), ...(options.exact ? NO_DUPLICATES.productEvents : {}) } }) });
  const sn = world.serviceNow.get(SN_INSTANCE)!;
  const calls: SnCall[] = [];
  const listeners = new Set<(call: SnCall) => void>();
  // Wrapped where the sandbox's egress and the bench's agent both reach the instance.
  const original = sn.request.bind(sn);
  sn.request = async (req: SnRequest): Promise<SnResponse> => {
    const res = await original(req);
    const body = typeof req.body === 'string' ? req.body : req.bytes || req.body ? Buffer.from(req.bytes ?? (req.body as Uint8Array)).toString('utf8') : '';
    const call = { method: req.method.toUpperCase(), path: req.path, user: userOf(req.headers), status: res.status, at: performance.now(), body };
    calls.push(call);
    for (const l of listeners) l(call);
    return res;
  };
  // The demo describes the instance by its HTTP address too; the app itself reaches it in-process.
  await sn.listen();
  const demo = await serviceNowDemo(world, { site: 'acme', instance: SN_INSTANCE });
  await world.idle();
  calls.length = 0;
  return {
    world,
    sn,
    connectionId: demo.connectionId,
    calls,
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await world.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One Table API call as a ServiceNow agent would make it (basic auth); throws on a non-2xx answer. */
export async function agentCall(sn: ServiceNowInstance, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const authorization = `Basic ${Buffer.from(`${SN_AGENT.username}:${SN_AGENT.password}`).toString('base64')}`;
  const res = await sn.request({
    method,
    path,
    headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} on ${sn.name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  return res.body ? ((JSON.parse(res.body) as { result?: Record<string, unknown> }).result ?? {}) : {};
}

/** The sys_id of the incident the app created for a Jira issue (found by its summary). */
export async function incidentOf(sn: ServiceNowInstance, summary: string): Promise<string | null> {
  const q = new URLSearchParams({ sysparm_query: `short_description=${summary}`, sysparm_fields: 'sys_id', sysparm_limit: '1' });
  const res = await sn.request({ method: 'GET', path: `/api/now/table/${SN_TABLE}?${q}`, headers: { authorization: `Basic ${Buffer.from(`${SN_AGENT.username}:${SN_AGENT.password}`).toString('base64')}` } });
  const rows = (JSON.parse(res.body) as { result: Array<{ sys_id: string }> }).result;
  return rows[0]?.sys_id ?? null;
}

/** `GET /api/now/table/sys_journal_field` — sys_ids folded, query left out, so calls of one kind add up. */
export function snLabel(c: Pick<SnCall, 'method' | 'path'>): string {
  return `${c.method} ${foldIds(c.path).replace(/\/[0-9a-f]{32}(?=\/|$)/g, '/{sys_id}')}`;
}
