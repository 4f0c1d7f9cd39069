// Shared set-up for the platform tests: the probe fixture app on a manual clock, and a fake Jira.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ForgePlatform, HostRegistry, SandboxClock, loadApp, type Installation, type PlatformOptions, type ProductBackend } from '../../../sandbox/platform';

export const PROBE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'apps', 'platform-probe');

export interface FakeJiraCall { method: string; path: string; accountId: string }

/** A product backend that answers every issue GET and remembers who asked. */
export function fakeJira(): ProductBackend & { calls: FakeJiraCall[] } {
  const calls: FakeJiraCall[] = [];
  return {
    calls,
    async request(req) {
      calls.push({ method: req.method, path: req.path, accountId: req.actor.accountId });
      const key = /\/issue\/([^/?]+)/.exec(req.path)?.[1] ?? 'none';
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, fields: { summary: `Summary of ${key}` } }) };
    },
  };
}

export interface World { platform: ForgePlatform; clock: SandboxClock; hosts: HostRegistry; acme: Installation; globex: Installation; jira: ReturnType<typeof fakeJira> }

/** Two installations of the probe app (sites acme and globex) on one manual-clock platform. */
export async function world(options: Omit<PlatformOptions, 'clock' | 'hosts'> = {}): Promise<World> {
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2025, 0, 1) });
  const hosts = new HostRegistry();
  // These tests count deliveries one by one: Forge's occasional second delivery (on by default) is
  // off unless a test asks for it (test/sandbox/platform/queue-delivery.test.ts tests it).
  const queue = { duplicateRate: 0, ...options.queue };
  const productEvents = { duplicateRate: 0, ...options.productEvents };
  const platform = new ForgePlatform({ ...options, queue, productEvents, clock, hosts });
  const app = await loadApp(PROBE_DIR);
  const jira = fakeJira();
  const acme = await platform.install(app, { siteName: 'acme', appAccountId: 'app-acme', product: jira });
  const globex = await platform.install(app, { siteName: 'globex', appAccountId: 'app-globex', product: fakeJira() });
  return { platform, clock, hosts, acme, globex, jira };
}

export const call = (inst: Installation, fn: string, payload: unknown = {}, accountId = 'user-1') =>
  inst.invokeResolver('probe-panel', fn, payload, { accountId }) as Promise<Record<string, unknown>>;
