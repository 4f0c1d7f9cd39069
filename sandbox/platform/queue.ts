// Async events (@forge/events v3): pushes are checked against Forge's limits, then each event is
// delivered to the manifest's consumer for its queue after the pushing invocation returns and after
// `delayInSeconds`; a consumer asking for a retry (InvocationError) or timing out is retried with a
// `retryContext`, at most MAX_RETRIES times.
import { randomUUID } from 'node:crypto';
import type { Invocation } from './invocation';
import type { InvokerDeps } from './invoker';
import { invoke } from './invoker';
import type { ConsumerDef } from './manifest';
import type { QueuePort } from './forge-fetch';

export const QUEUE_LIMITS = { eventsPerPush: 50, pushBytes: 200 * 1024, eventBytesLongRunning: 100 * 1024, retryDataBytes: 4 * 1024, maxDelaySeconds: 900 } as const;
/** Forge retries an event at most this many times (retryContext.retryCount goes 1..4). */
export const MAX_RETRIES = 4;

interface PushEvent { body: Record<string, unknown>; delayInSeconds?: number; concurrency?: unknown }
interface Delivery { queueName: string; jobId: string; eventId: string; event: PushEvent; retryCount: number; retryReason?: string; retryData?: unknown }
interface Job { success: number; inProgress: number; failed: number; cancelled: boolean }
interface RetryRequest { _retry?: boolean; retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } }

export interface QueueDeps {
  invoker: InvokerDeps;
  consumers: ConsumerDef[];
  contextFor(moduleKey: string): Record<string, unknown>;
  /** Schedules `run` on the platform clock after `delayMs` (tracked so the platform can stop it). */
  later(delayMs: number, run: () => void): void;
  /** Runs `work` as pending platform work (so idle() waits for it). */
  track(work: () => Promise<void>): void;
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '');

export class QueueService implements QueuePort {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: QueueDeps) {}

  private consumerFor(queueName: string): ConsumerDef | undefined {
    return this.deps.consumers.find((c) => c.queue === queueName);
  }

  push(pusher: Invocation, raw: unknown): { status: number; body: unknown } {
    const body = (raw ?? {}) as { queueName?: string; jobId?: string; payload?: PushEvent[] };
    const queueName = String(body.queueName ?? '');
    const events = Array.isArray(body.payload) ? body.payload : [];
    const consumer = this.consumerFor(queueName);
    if (!consumer) return { status: 400, body: { message: `No consumer module in the manifest listens to queue "${queueName}".` } };
    if (events.length === 0) return { status: 400, body: { message: 'No events pushed.' } };
    if (events.length > QUEUE_LIMITS.eventsPerPush) return { status: 413, body: { errorMessage: `This push contains more than the ${QUEUE_LIMITS.eventsPerPush} events allowed.` } };
    if (bytes(events) > QUEUE_LIMITS.pushBytes) return { status: 413, body: { errorMessage: 'The maximum payload size is 200KB.' } };
    const timeout = this.deps.invoker.host.app.functions.get(consumer.functionKey)?.timeoutSeconds ?? 0;
    if (timeout > 55 && events.some((e) => bytes(e) > QUEUE_LIMITS.eventBytesLongRunning)) {
      return { status: 413, body: { errorMessage: 'An event for a long-running consumer may be at most 100KB.' } };
    }
    const jobId = body.jobId ?? randomUUID();
    this.jobs.set(jobId, { success: 0, inProgress: events.length, failed: 0, cancelled: false });
    this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: pusher.spec.moduleKey, op: 'push', queue: queueName, events: events.length });
    for (const event of events) {
      const delivery: Delivery = { queueName, jobId, eventId: randomUUID(), event, retryCount: 0 };
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
    const asyncEvent = {
      ...d.event,
      queueName: d.queueName,
      jobId: d.jobId,
      eventId: d.eventId,
      ...(d.retryCount > 0 ? { retryContext: { retryCount: d.retryCount, retryReason: d.retryReason, retryData: d.retryData } } : {}),
    };
    const context = this.deps.contextFor(consumer.key);
    this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: consumer.key, op: 'deliver', queue: d.queueName, eventId: d.eventId });
    const result = await invoke(this.deps.invoker, { moduleKey: consumer.key, moduleType: 'consumer', functionKey: consumer.functionKey }, (handler) =>
      consumer.method
        ? handler({ call: { functionKey: consumer.method, payload: asyncEvent.body, jobId: d.jobId }, context }, { installContext: context.installContext })
        : handler(asyncEvent, context),
    );
    const request: RetryRequest | undefined =
      result.outcome === 'ok' ? (result.value as RetryRequest) : result.outcome === 'failed' ? (result.error as RetryRequest) : undefined;
    if (result.outcome === 'timeout') return this.retry(consumer, d, { retryAfter: 1, retryReason: 'FUNCTION_TIME_OUT' });
    if (request && typeof request === 'object' && request._retry === true) {
      return this.retry(consumer, d, { retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST', ...request.retryOptions });
    }
    this.settle(d, result.outcome === 'ok' ? 'success' : 'failed', result.outcome === 'failed' ? 'consumer threw' : undefined);
  }

  private retry(consumer: ConsumerDef, d: Delivery, options: NonNullable<RetryRequest['retryOptions']>): void {
    if (d.retryCount >= MAX_RETRIES) return this.settle(d, 'failed', `gave up after ${MAX_RETRIES} retries`);
    if (options.retryData !== undefined && bytes(options.retryData) > QUEUE_LIMITS.retryDataBytes) {
      return this.settle(d, 'failed', 'retryData exceeds 4KB');
    }
    const next: Delivery = { ...d, retryCount: d.retryCount + 1, retryReason: options.retryReason, retryData: options.retryData };
    this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: consumer.key, op: 'retry', queue: d.queueName, eventId: d.eventId, reason: options.retryReason });
    const afterMs = Math.max(1, options.retryAfter ?? 1) * 1000;
    this.deps.later(afterMs, () => this.deps.track(() => this.deliver(consumer, next)));
  }

  private settle(d: Delivery, how: 'success' | 'failed', reason?: string): void {
    const job = this.jobs.get(d.jobId);
    if (job) {
      job.inProgress--;
      job[how]++;
    }
    if (how === 'failed') this.deps.invoker.recorder.add({ kind: 'queue', moduleKey: '', op: 'drop', queue: d.queueName, eventId: d.eventId, reason });
  }
}
