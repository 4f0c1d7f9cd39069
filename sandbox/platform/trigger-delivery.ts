// Product events (and life-cycle events) on their way to `trigger` modules, as Forge documents the
// way: each delivery waits a random time up to Forge's 3-minute delivery delay (seeded, on the
// platform clock), a trigger that returns or throws InvocationError is invoked again after its
// `retryAfter` (at most 900 s), a trigger that times out is retried by the platform, four retries
// at most, each with a `retryContext`. A trigger that throws anything else is not retried (the docs
// promise retries only for the cases above). A platform-level error after a trigger ran delivers the
// event again (seeded `duplicateRate`), so a trigger may see one event twice. Sources:
// sandbox/platform/README.md.
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
  /**
   * Share (0–1) of handled events that a platform-level error ("FUNCTION_PLATFORM_UNKNOWN_ERROR: an
   * undefined error occurred during the previous attempt") makes Forge deliver again. Forge gives no rate.
   */
  duplicateRate: number;
  /** Latest (ms) such a copy arrives after the handled delivery; 0: at once. Forge gives no timing. */
  duplicateDelayMaxMs: number;
}

export const PRODUCT_EVENT_STRICTNESS: ProductEventStrictness = { maxDelayMs: 180_000, seed: 20261202, maxRetries: 4, duplicateRate: 0.05, duplicateDelayMaxMs: 0 };

/** The copies draw from their own sequence, so turning them on or off never moves the delay draws. */
const COPY_SEED_SALT = 0x5eed_c0de;

/** "The maximum retryData size is 4KB." */
const RETRY_DATA_MAX_BYTES = 4 * 1024;

export interface TriggerDeliveryDeps {
  strictness: ProductEventStrictness;
  now(): number;
  later(delayMs: number, run: () => void): void;
  track(work: () => Promise<void>): void;
}

type RetryRequest = { _retry?: boolean; retryOptions?: RetryOptions };

export class TriggerDelivery {
  private readonly random: () => number;
  private readonly copyRandom: () => number;
  /** First deliveries still waiting out their delay: when each is due (retries are not counted). */
  private readonly onTheWay = new Set<{ at: number }>();

  constructor(private readonly deps: TriggerDeliveryDeps) {
    this.random = seededRandom(deps.strictness.seed);
    this.copyRandom = seededRandom(deps.strictness.seed ^ COPY_SEED_SALT);
  }

  /** Schedules the delivery of `body` to `trigger` after a random delay within Forge's bound. */
  deliver(inst: Installation, trigger: TriggerDef, body: Record<string, unknown>): void {
    const delayMs = Math.floor(this.random() * (this.deps.strictness.maxDelayMs + 1));
    const entry = { at: this.deps.now() + delayMs };
    this.onTheWay.add(entry);
    this.deps.later(delayMs, () => {
      this.onTheWay.delete(entry);
      this.deps.track(() => this.attempt(inst, trigger, body, 0));
    });
  }

  /** When the earliest event still waiting out its delivery delay is due; undefined when none is. */
  nextDeliveryAt(): number | undefined {
    let next: number | undefined;
    for (const e of this.onTheWay) if (next === undefined || e.at < next) next = e.at;
    return next;
  }

  private async attempt(inst: Installation, trigger: TriggerDef, body: Record<string, unknown>, retryCount: number, retry?: { reason: string; data: unknown }, copy = false): Promise<void> {
    const event = retry ? { ...body, retryContext: { retryCount, retryReason: retry.reason, retryData: retry.data } } : body;
    const [dup, delay] = [this.copyRandom(), this.copyRandom()] as [number, number];
    const result = await inst.deliverProductEvent(trigger, event);
    if (result.outcome === 'ok' && !(result.value as RetryRequest | undefined)?._retry && !copy && dup < this.deps.strictness.duplicateRate) {
      // Handled, but the platform failed after the run: the same event again, its retryCount unchanged.
      const afterMs = Math.floor(delay * (this.deps.strictness.duplicateDelayMaxMs + 1));
      inst.recorder.add({ kind: 'event', moduleKey: trigger.key, op: 'duplicate', eventType: String(body.eventType), reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' });
      this.deps.later(afterMs, () => this.deps.track(() => this.attempt(inst, trigger, body, retryCount, { reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', data: undefined }, true)));
      return;
    }
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
