// Product events (and life-cycle events) on their way to `trigger` modules, as Forge documents the
// way: each delivery waits a random time up to Forge's 3-minute delivery delay (seeded, on the
// platform clock), a trigger that returns or throws InvocationError is invoked again after its
// `retryAfter` (at most 900 s), a trigger that times out is retried by the platform, four retries
// at most, each with a `retryContext`. A trigger that throws anything else is not retried (the docs
// promise retries only for the cases above). Sources: sandbox/platform/README.md.
import type { Installation } from './installation';
import type { TriggerDef } from './manifest';
import { backoffMs, retryAfterMs, type RetryOptions } from './retry-policy';
import { seededRandom } from '../seeded-random';

/** The documented behaviours a test may turn down, each for a reason it states. */
export interface ProductEventStrictness {
  /** "Events for trigger modules may take up to 3 minutes to reach your app": each waits a random time in [0, maxDelayMs]. */
  maxDelayMs: number;
  /** Seed of the delay draws, so a run can be repeated. */
  seed: number;
  /** "You can only retry an event for a maximum of four times." */
  maxRetries: number;
}

export const PRODUCT_EVENT_STRICTNESS: ProductEventStrictness = { maxDelayMs: 180_000, seed: 20261202, maxRetries: 4 };

/** "The maximum retryData size is 4KB." */
const RETRY_DATA_MAX_BYTES = 4 * 1024;

export interface TriggerDeliveryDeps {
  strictness: ProductEventStrictness;
  later(delayMs: number, run: () => void): void;
  track(work: () => Promise<void>): void;
}

type RetryRequest = { _retry?: boolean; retryOptions?: RetryOptions };

export class TriggerDelivery {
  private readonly random: () => number;

  constructor(private readonly deps: TriggerDeliveryDeps) {
    this.random = seededRandom(deps.strictness.seed);
  }

  /** Schedules the delivery of `body` to `trigger` after a random delay within Forge's bound. */
  deliver(inst: Installation, trigger: TriggerDef, body: Record<string, unknown>): void {
    const delayMs = Math.floor(this.random() * (this.deps.strictness.maxDelayMs + 1));
    this.deps.later(delayMs, () => this.deps.track(() => this.attempt(inst, trigger, body, 0)));
  }

  private async attempt(inst: Installation, trigger: TriggerDef, body: Record<string, unknown>, retryCount: number, retry?: { reason: string; data: unknown }): Promise<void> {
    const event = retry ? { ...body, retryContext: { retryCount, retryReason: retry.reason, retryData: retry.data } } : body;
    const result = await inst.deliverProductEvent(trigger, event);
    const request = (result.outcome === 'ok' ? result.value : result.outcome === 'failed' ? result.error : undefined) as RetryRequest | undefined;
    let next: { afterMs: number; reason: string; data?: unknown };
    if (request && typeof request === 'object' && request._retry === true) {
      const o = request.retryOptions ?? {};
      next = { afterMs: retryAfterMs(o.retryAfter), reason: o.retryReason ?? 'FUNCTION_RETRY_REQUEST', data: o.retryData };
    } else if (result.outcome === 'timeout') {
      next = { afterMs: backoffMs(retryCount), reason: 'FUNCTION_TIME_OUT' };
    } else {
      return;
    }
    const drop = (reason: string) => inst.recorder.add({ kind: 'event', moduleKey: trigger.key, op: 'drop', eventType: String(body.eventType), reason });
    if (retryCount >= this.deps.strictness.maxRetries) return drop(`gave up after ${retryCount} retries (${next.reason})`);
    if (next.data !== undefined && Buffer.byteLength(JSON.stringify(next.data) ?? '') > RETRY_DATA_MAX_BYTES) return drop('retryData exceeds 4KB');
    inst.recorder.add({ kind: 'event', moduleKey: trigger.key, op: 'retry', eventType: String(body.eventType), reason: next.reason });
    this.deps.later(next.afterMs, () => this.deps.track(() => this.attempt(inst, trigger, body, retryCount + 1, { reason: next.reason, data: next.data })));
  }
}
