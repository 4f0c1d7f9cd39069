// Two installations (acme, globex) of the adapter-probe app on a manual-clock platform, and proxies
// that make the adapters running inside them look like local port objects.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ForgePlatform, HostRegistry, SandboxClock, loadApp, type Installation } from '../../../sandbox/platform';
import type { ForgeConfigStore, ForgeLedgerStore, ForgeOutbox, ForgeSecrets, FetchTransport } from '../../../src/adapters/forge';
import { useProbeClock } from '../../fixtures/apps/forge-adapter-probe/src/probe-clock';
import { probeState } from '../../fixtures/apps/forge-adapter-probe/src/probe-state';
import type { ProbeOptions } from '../../fixtures/apps/forge-adapter-probe/src/adapters';
import type { PortReply } from '../../fixtures/apps/forge-adapter-probe/src/rpc';

export const PROBE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'apps', 'forge-adapter-probe');
const PANEL = 'adapter-probe-panel';
export const PARKED_QUEUE = 'liaison-outbox-parked';
export const START = Date.UTC(2025, 5, 2, 9, 0, 0);

type PortTypes = { store: ForgeLedgerStore; config: ForgeConfigStore; outbox: ForgeOutbox; secrets: ForgeSecrets; transport: FetchTransport };

/** An error a port raised inside the invocation, rethrown here with its name, message and code. */
export class PortError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly code?: string,
  ) {
    super(`${errorName}: ${message}`);
  }
}

/** Calls the adapter's methods through the probe's `port` resolver: one invocation per call. */
export function port<K extends keyof PortTypes>(inst: Installation, name: K, options?: ProbeOptions): PortTypes[K] {
  return new Proxy({} as PortTypes[K], {
    get(_target, method) {
      if (typeof method !== 'string' || method === 'then') return undefined;
      return async (...args: unknown[]) => {
        const reply = (await inst.invokeResolver(PANEL, 'port', { port: name, method, args, options })) as PortReply;
        if (!reply.ok) throw new PortError(reply.error.name, reply.error.message, reply.error.code);
        return reply.value;
      };
    },
  });
}

export const resolve = (inst: Installation, fn: string, payload: unknown = {}) => inst.invokeResolver(PANEL, fn, payload);

export type ProbeWorld = { platform: ForgePlatform; clock: SandboxClock; hosts: HostRegistry; acme: Installation; globex: Installation; close(): Promise<void> };

export async function probeWorld(options: { indexLag?: boolean } = {}): Promise<ProbeWorld> {
  const clock = new SandboxClock({ mode: 'manual', start: START });
  const hosts = new HostRegistry();
  // The probe's stand-in consumer pins the outbox's wake-up schedule one delivery at a time, so
  // Forge's occasional second delivery (on by default) is off here; the real app under duplicates:
  // test/integration/jira-jira/duplicate-deliveries.test.ts.
  const platform = new ForgePlatform({ clock, hosts, queue: { duplicateRate: 0 }, productEvents: { duplicateRate: 0 } });
  useProbeClock(() => clock.now());
  probeState.reset();
  const app = await loadApp(PROBE_DIR);
  const acme = await platform.install(app, { siteName: 'acme' });
  const globex = await platform.install(app, { siteName: 'globex' });
  if (!options.indexLag) {
    // The port contracts check what each adapter stores and finds, one call after another; how
    // Liaison copes with Forge's index lag is tested with the lag on (options.indexLag).
    for (const inst of [acme, globex]) inst.store.strictness.configure({ indexLagMaxMs: 0 });
  }
  return { platform, clock, hosts, acme, globex, close: () => platform.close() };
}

/** KVS operations the installation made while `work` ran. */
export async function kvsOps<T>(inst: Installation, work: () => Promise<T>): Promise<{ value: T; ops: number; detail: string[] }> {
  inst.recorder.reset();
  const value = await work();
  const entries = inst.recorder.entries({ kind: 'kvs' });
  return { value, ops: entries.length, detail: entries.map((e) => e.op) };
}
