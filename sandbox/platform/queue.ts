// Async events as `@forge/events` 2 and later document them (the app pins 3.x): pushes are checked
// against Forge's limits (events and bytes per push, events per minute per installation, the cyclic
// invocation limit of one invocation chain, delayInSeconds ≤ 900), then each event is delivered to
// the manifest's consumer for its queue after the pushing invocation returns and after its delay.
// A consumer that throws, times out or asks for a retry (InvocationError) is delivered again with a
// `retryContext`, until its 24-hour retention window runs out. Delivery is "at least once": some
// events are delivered twice (seeded, `queue-faults.ts`), and events pushed with a `concurrency` key
// wait for a free slot (`queue-concurrency.ts`). Sources: sandbox/platform/README.md.
import { randomUUID } from 'node:crypto';
import type { Invocation, InvocationChain } from './invocation';
import type { InvokerDeps } from './invoker';
import { invoke } from './invoker';
import type { ConsumerDef } from './manifest';
import type { QueuePort } from './forge-fetch';
import { backoffMs, retryAfterMs, retryContext, type RetryOptions } from './retry-policy';
import { ConcurrencyGate, concurrencyProblem, type Concurrency } from './queue-concurrency';
import { DeliveryFaults, type DeliveryFaultOptions, type PlatformErrorReason } from './queue-faults';

export const QUEUE_LIMITS = { eventsPerPush: 50, pushBytes: 200 * 1024, eventBytesLongRunning: 100 * 1024, retryDataBytes: 4 * 1024, maxDelaySeconds: 900 } as const;

/** The documented limits a test may turn down (never up by default), each for a reason it states. */
export interface QueueStrictness extends DeliveryFaultOptions {
  /** Events pushed per installation in any 60 s (Async events limits: 500 per minute); over it the push gets 429. */
  eventsPerMinute: number;
  /** Push requests one chain of invocations may make, from its first invocation on (1000); over it 405. */
  cyclicInvocationLimit: number;
  /** How long an event is retried after it was pushed (retention window: 24 h). */
  retentionMs: number;
}

/**
 * Documented values; the duplicate rate (Forge gives none: 1 in 20 here), and platform-level errors
 * only when a test asks for them (their retries come after a back-off that harnesses waiting with
 * idle() would not see), each a choice the README names.
 */
export const QUEUE_STRICTNESS: QueueStrictness = {
  eventsPerMinute: 500,
  cyclicInvocationLimit: 1000,
  retentionMs: 24 * 3_600_000,
  duplicateRate: 0.05,
  duplicateDelayMaxMs: 0,
  // Concurrent copies only when asked: Liaison's outbox does not yet keep one pair's messages in
  // order when two deliveries of one wake-up run at once (README, "Async events").
  duplicateAlongsideShare: 0,
  platformErrorRate: 0,
  retentionExtensionMs: 72 * 3_600_000,
  seed: 20261202,
};

interface PushEvent { body: Record<string, unknown>; delayInSeconds?: number; concurrency?: Concurrency }
interface Delivery {
  queueName: string; jobId: string; eventId: string; event: PushEvent; chain: InvocationChain; pushedAt: number;
  retryCount: number; retryReason?: string; retryData?: unknown;
  /** A second delivery of an event Forge already delivered (it never counts in the job's stats). */
  copy?: boolean;
  /** How far platform-level errors have extended this event's retention window so far. */
  extendedMs: number;
  /** Platform-level errors met so far (they space their own retries; retryCount ignores them). */
  platformErrors: number;
}
interface Job { success: number; inProgress: number; failed: number; cancelled: boolean }
interface RetryRequest { _retry?: boolean; retryOptions?: RetryOptions }

export interface QueueDeps {
  invoker: InvokerDeps;
  consumers: ConsumerDef[];
  strictness: QueueStrictness;
  now(): number;
  contextFor(moduleKey: string): Record<string, unknown>;
  /** Schedules `run` on the platform clock after `delayMs` (tracked so the platform can stop it). */
  later(delayMs: number, run: () => void): void;
  /** Runs `work` as pending platform work (so idle() waits for it). */
  track(work: () => Promise<void>): void;
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '');
const validDelay = (d: unknown) => d === undefined || (typeof d === 'number' && Number.isFinite(d) && d >= 0 && d <= QUEUE_LIMITS.maxDelaySeconds);

export class QueueService implements QueuePort {
  private readonly jobs = new Map<string, Job>();
  /** Events pushed in the last minute, as [time, count], oldest first. */
  private recent: Array<[number, number]> = [];
  private readonly gate = new ConcurrencyGate();
  private readonly faults: DeliveryFaults;

  constructor(private readonly deps: QueueDeps) {
    this.faults = new DeliveryFaults(deps.strictness);
  }

  private consumerFor(queueName: string): ConsumerDef | undefined {
    return this.deps.consumers.find((c) => c.queue === queueName);
  }

  private pushedInLastMinute(now: number): number {
    this.recent = this.recent.filter(([at]) => at > now - 60_000);
    return this.recent.reduce((n, [, k]) => n + k, 0);
  }

  push(pusher: Invocation, raw: unknown): { status: number; body: unknown } {
    const body = (raw ?? {}) as { queueName?: string; jobId?: string; payload?: PushEvent[] };
    const queueName = String(body.queueName ?? '');
    const events = Array.isArray(body.payload) ? body.payload : [];
    const consumer = this.consumerFor(queueName);
    const { strictness } = this.deps;
    if (!consumer) return { status: 400, body: { message: `No consumer module in the manifest listens to queue "${queueName}".` } };
    if (events.length === 0) return { status: 400, body: { message: 'No events pushed.' } };
    if (events.length > QUEUE_LIMITS.eventsPerPush) return { status: 413, body: { errorMessage: `This push contains more than the ${QUEUE_LIMITS.eventsPerPush} events allowed.` } };
    if (bytes(events) > QUEUE_LIMITS.pushBytes) return { status: 413, body: { errorMessage: 'The maximum payload size is 200KB.' } };
    if (!events.every((e) => validDelay(e?.delayInSeconds))) return { status: 400, body: { message: 'The delayInSeconds setting must be between 0 and 900.' } };
    const badConcurrency = events.map((e) => concurrencyProblem(e?.concurrency)).find(Boolean);
    if (badConcurrency) return { status: 400, body: { message: badConcurrency } };
    const timeout = this.deps.invoker.host.app.functions.get(consumer.functionKey)?.timeoutSeconds ?? 0;
    if (timeout > 55 && events.some((e) => bytes(e) > QUEUE_LIMITS.eventBytesLongRunning)) {
      return { status: 413, body: { errorMessage: 'An event for a long-running consumer may be at most 100KB.' } };
    }
    const now = this.deps.now();
    const record = (reason: string) => this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: pusher.spec.moduleKey, op: 'refuse', queue: queueName, events: events.length, reason });
    // Both refusals leave the chain's count and the minute's count as they were: nothing was queued.
    if (pusher.chain.pushes >= strictness.cyclicInvocationLimit) {
      record('cyclic invocation limit');
      return { status: 405, body: { message: `The limit on cyclic invocation has been reached (${strictness.cyclicInvocationLimit} pushes).` } };
    }
    if (this.pushedInLastMinute(now) + events.length > strictness.eventsPerMinute) {
      record('events per minute');
      return { status: 429, body: { message: 'Too many requests.' } };
    }
    pusher.chain.pushes++;
    this.recent.push([now, events.length]);
    const jobId = body.jobId ?? randomUUID();
    this.jobs.set(jobId, { success: 0, inProgress: events.length, failed: 0, cancelled: false });
    this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: pusher.spec.moduleKey, op: 'push', queue: queueName, events: events.length });
    for (const event of events) {
      const delivery: Delivery = { queueName, jobId, eventId: randomUUID(), event, chain: pusher.chain, pushedAt: now, retryCount: 0, extendedMs: 0, platformErrors: 0 };
      // Forge delivers only after the pushing invocation has returned.
      this.deps.track(async () => {
        await pusher.finished;
        this.deps.later((event.delayInSeconds ?? 0) * 1000, () => this.deps.track(() => this.deliver(consumer, delivery)));
      });
    }
    return { status: 201, body: {} };
  }

  stats(raw: unknown): { status: number; body: unknown } {
    const job = this.jobs.get(String((raw as { jobId?: string })?.jobId));
    if (!job) return { status: 404, body: { message: 'Job not found.' } };
    return { status: 200, body: { success: job.success, inProgress: job.inProgress, failed: job.failed } };
  }

  cancel(raw: unknown): { status: number; body: unknown } {
    const job = this.jobs.get(String((raw as { jobId?: string })?.jobId));
    if (!job) return { status: 404, body: { message: 'Job not found.' } };
    job.cancelled = true;
    return { status: 204, body: undefined };
  }

  private async deliver(consumer: ConsumerDef, d: Delivery): Promise<void> {
    const job = this.jobs.get(d.jobId);
    if (job?.cancelled) return this.settle(d, 'failed', 'job cancelled');
    const draw = this.faults.draw();
    if (draw.platformError) return this.platformRetry(consumer, d, draw.platformError);
    // "At least once": this copy runs alongside its original (both waiting for a concurrency slot).
    if (draw.copy?.alongside && !d.copy) this.deps.later(0, () => this.deps.track(() => this.deliver(consumer, { ...d, copy: true })));
    const asyncEvent = {
      ...d.event,
      queueName: d.queueName,
      jobId: d.jobId,
      eventId: d.eventId,
      ...(d.retryReason !== undefined ? { retryContext: retryContext(d.retryCount, d.retryReason, d.retryData, this.window(d)) } : {}),
    };
    const context = this.deps.contextFor(consumer.key);
    const release = await this.gate.acquire(d.event.concurrency);
    let result;
    try {
      this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: consumer.key, op: d.copy ? 'duplicate' : 'deliver', queue: d.queueName, eventId: d.eventId });
      const spec = { moduleKey: consumer.key, moduleType: 'consumer' as const, functionKey: consumer.functionKey, chain: d.chain };
      result = await invoke(this.deps.invoker, spec, (handler) =>
        consumer.method
          ? handler({ call: { functionKey: consumer.method, payload: asyncEvent.body, jobId: d.jobId }, context }, { installContext: context.installContext })
          : handler(asyncEvent, context),
      );
    } finally {
      release();
    }
    const request: RetryRequest | undefined =
      result.outcome === 'ok' ? (result.value as RetryRequest) : result.outcome === 'failed' ? (result.error as RetryRequest) : undefined;
    if (request && typeof request === 'object' && request._retry === true) {
      const options = request.retryOptions ?? {};
      return this.retry(consumer, d, retryAfterMs(options.retryAfter), options.retryReason ?? 'FUNCTION_RETRY_REQUEST', options.retryData);
    }
    // App-level errors ("runtime error, function time out, ...") are retried with back-off.
    if (result.outcome === 'timeout') return this.retry(consumer, d, backoffMs(d.retryCount), 'FUNCTION_TIME_OUT');
    if (result.outcome === 'failed') return this.retry(consumer, d, backoffMs(d.retryCount), 'FUNCTION_RUNTIME_ERROR');
    this.settle(d, 'success');
    // "At least once": the platform lost this success (a platform-level error after the run) and
    // delivers the event again, its retryCount unchanged ("Platform-level errors do not increment this").
    if (draw.copy && !draw.copy.alongside && !d.copy) {
      const after = draw.copy.delayMs;
      const extendedMs = Math.min(this.deps.strictness.retentionExtensionMs, d.extendedMs + after);
      const copy: Delivery = { ...d, copy: true, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', retryData: undefined, extendedMs };
      this.deps.later(after, () => this.deps.track(() => this.deliver(consumer, copy)));
    }
  }

  /** The retention window as this delivery sees it: 24 h from the push, plus any platform extension. */
  private window(d: Delivery) {
    return { pushedAt: d.pushedAt, retentionMs: this.deps.strictness.retentionMs + d.extendedMs, now: this.deps.now() };
  }

  private retry(consumer: ConsumerDef, d: Delivery, afterMs: number, reason: string, retryData?: unknown): void {
    if (retryData !== undefined && bytes(retryData) > QUEUE_LIMITS.retryDataBytes) return this.settle(d, 'failed', 'retryData exceeds 4KB');
    const at = this.deps.now() + afterMs;
    const w = this.window(d);
    if (at > w.pushedAt + w.retentionMs) return this.settle(d, 'failed', `retention window exceeded after ${d.retryCount} retries (${reason})`);
    const next: Delivery = { ...d, retryCount: d.retryCount + 1, retryReason: reason, retryData };
    this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: consumer.key, op: 'retry', queue: d.queueName, eventId: d.eventId, reason });
    this.deps.later(afterMs, () => this.deps.track(() => this.deliver(consumer, next)));
  }

  /**
   * A platform-level error before the consumer ran: retried with back-off, not counted in
   * retryCount, the retention window extended by the wait (72 h at most). Past the extended window
   * the event "is not dropped but will no longer be retried automatically": it stalls, in progress.
   */
  private platformRetry(consumer: ConsumerDef, d: Delivery, reason: PlatformErrorReason): void {
    const afterMs = backoffMs(d.platformErrors);
    const extendedMs = Math.min(this.deps.strictness.retentionExtensionMs, d.extendedMs + afterMs);
    const next: Delivery = { ...d, platformErrors: d.platformErrors + 1, extendedMs, retryReason: reason, retryData: undefined };
    if (this.deps.now() + afterMs > d.pushedAt + this.deps.strictness.retentionMs + extendedMs) {
      this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: consumer.key, op: 'stall', queue: d.queueName, eventId: d.eventId, reason: `${reason}: the extended retention window has passed` });
      return;
    }
    this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: consumer.key, op: 'retry', queue: d.queueName, eventId: d.eventId, reason });
    this.deps.later(afterMs, () => this.deps.track(() => this.deliver(consumer, next)));
  }

  private settle(d: Delivery, how: 'success' | 'failed', reason?: string): void {
    const job = d.copy ? undefined : this.jobs.get(d.jobId);
    if (job) {
      job.inProgress--;
      job[how]++;
    }
    if (how === 'failed') this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: '', op: 'drop', queue: d.queueName, eventId: d.eventId, reason });
  }
}
