// Shared set-up for the queue and trigger strictness tests: the queue probe app on a manual clock.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ForgePlatform, HostRegistry, SandboxClock, loadApp, type Installation, type PlatformOptions } from '../../../sandbox/platform';

export const QUEUE_PROBE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'apps', 'queue-probe');
export const T0 = Date.UTC(2026, 0, 5, 9);

export type Delivery = { eventId: string; retryContext: null | { retryCount: number; retryReason: string; retryData: unknown; retentionWindow: { startTime: string; remainingTimeMs: number } } };
export type Probe = { platform: ForgePlatform; clock: SandboxClock; site: Installation };

/**
 * These tests count deliveries one by one, so Forge's occasional second delivery ("at least once",
 * on by default) is off unless a test turns it on: queue-delivery.test.ts is where it is tested.
 */
export const ONE_DELIVERY_EACH = { queue: { duplicateRate: 0 }, productEvents: { duplicateRate: 0 } } as const;

export async function queueProbe(options: Omit<PlatformOptions, 'clock' | 'hosts'> = {}): Promise<Probe> {
  const clock = new SandboxClock({ mode: 'manual', start: T0 });
  const queue = { ...ONE_DELIVERY_EACH.queue, ...options.queue };
  const productEvents = { ...ONE_DELIVERY_EACH.productEvents, ...options.productEvents };
  const platform = new ForgePlatform({ ...options, queue, productEvents, clock, hosts: new HostRegistry() });
  const site = await platform.install(await loadApp(QUEUE_PROBE), { siteName: 'acme' });
  return { platform, clock, site };
}

export const probeCall = (p: Probe, fn: string, payload: unknown = {}) => p.site.invokeResolver('queue-panel', fn, payload, { accountId: 'user-1' }) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
