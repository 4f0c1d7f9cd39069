// Starting the sandbox for the benchmark: both demo sites in-process, optionally with a larger seed
// on acme, and helpers to drive changes over REST as a person (or as the app) would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { defaultSeed } from '../sandbox/jira';
import type { SiteSeed } from '../sandbox/jira/types';
import { connectDemo, type DemoPair } from '../sandbox/demo/liaison-demo';
import type { SandboxClock } from '../sandbox/platform';
import { SandboxWorld } from '../sandbox/world';

export const appDir = resolve(__dirname, '..');

export type BenchWorld = { world: SandboxWorld; pair: DemoPair; dataDir: string; close(): Promise<void> };

/** `count` extra issues on acme's demo project, all fields the demo rule shares, no comments. */
export function generatedIssues(count: number, projectKey = 'ACME'): NonNullable<SiteSeed['issues']> {
  const priorities = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
  return Array.from({ length: count }, (_, i) => ({
    project: projectKey,
    issueType: i % 3 === 0 ? 'Bug' : 'Task',
    summary: `Bulk issue ${i + 1}: customer reports a problem with order ${100000 + i}`,
    description: `Steps to reproduce for issue ${i + 1}. The customer opened the portal, clicked "Orders" and saw an error.`,
    priority: priorities[i % priorities.length]!,
    labels: ['bulk', `batch-${i % 10}`],
    duedate: `2030-0${(i % 9) + 1}-1${i % 10}`,
    custom: { customfield_10020: `CR-${20000 + i}`, customfield_10021: i % 100 },
  }));
}

/**
 * SQLite files go to a tmpfs when there is one: no fsync per request distorts the timings, and the
 * emulators' data stays out of the process's heap and mostly out of its RSS.
 */
function scratchDir(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, 'liaison-bench-'));
}

/** Network time to model in a run (none: the emulators answer at in-process speed). */
export type LatencyModel = { jiraMs: number; storageMs: number; egressMs: number };

/**
 * Forge's at-least-once delivery turned off (it is on by default: 1 in 20 queue and product events
 * come twice). For phases that count one change's calls exactly: a second delivery adds a read and
 * a no-change plan now and then, which is noise there, not the change's cost. What duplicates do is
 * tested in test/integration/jira-jira/duplicate-deliveries.test.ts (every delivery doubled), and
 * the economics phase reports the per-change cost with them on.
 */
export const NO_DUPLICATES = { queue: { duplicateRate: 0 }, productEvents: { duplicateRate: 0 } } as const;

/**
 * `clock`: a manual clock for phases that measure per virtual hour (the economics phase); real time
 * otherwise. `exact`: no duplicate deliveries (NO_DUPLICATES).
 */
export async function startBench(options: { extraAcmeIssues?: number; latency?: LatencyModel; clock?: SandboxClock; exact?: boolean; beforeConnect?: (world: SandboxWorld) => Promise<void> } = {}): Promise<BenchWorld> {
  const dataDir = scratchDir();
  const acmeSeed = defaultSeed('acme');
  acmeSeed.issues = [...(acmeSeed.issues ?? []), ...generatedIssues(options.extraAcmeIssues ?? 0)];
  const world = await SandboxWorld.start({
    appDir, dataDir, fresh: true, sites: [{ name: 'acme', seed: acmeSeed }, { name: 'globex' }],
    ...(options.latency ? { latency: options.latency } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    // On the real clock, Forge's product-event delay (up to 3 minutes, published on the trigger
    // module page) is turned down to 0: the latency and bulk phases time Liaison's own path, and
    // that delay would add minutes of waiting the app cannot shorten. The manual-clock economics
    // phase keeps it on (time moves there, so delayed events land as it passes).
    ...(options.exact ? { queue: NO_DUPLICATES.queue } : {}),
    ...(options.clock && !options.exact ? {} : { productEvents: { ...(options.clock ? {} : { maxDelayMs: 0 }), ...(options.exact ? NO_DUPLICATES.productEvents : {}) } }),
  });
  // `beforeConnect`: e.g. let the seeded issues age before the project is shared (a bulk sync's issues exist before it).
  await options.beforeConnect?.(world);
  const pair = await connectDemo(world);
  await world.idle();
  return {
    world,
    pair,
    dataDir,
    async close() {
      await world.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type RestResult = { status: number; body: unknown };

/** One REST call on a site, as its seeded admin unless another account is named. */
export async function rest(world: SandboxWorld, site: string, method: string, path: string, body?: unknown, accountId?: string): Promise<RestResult> {
  const s = world.site(site);
  const res = await s.jira.request({
    method,
    path,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    actor: { accountId: accountId ?? s.admin.accountId },
  });
  if (res.status >= 300) throw new Error(`${method} ${path} on ${site}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  return { status: res.status, body: res.body ? (JSON.parse(res.body) as unknown) : null };
}

export function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}
