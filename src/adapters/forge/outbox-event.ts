// The queue event that wakes the consumer for one outbox entry, or for several of one connection
// that a batch send left for later (they go again as a batch). It names the entries and carries the
// time each is due, so an event that arrives early (Forge delays at most 900 s) is re-armed without
// a KVS read.
import { z } from 'zod';
import { ForgeAdapterError } from './kvs-support';

export const OUTBOX_EVENT_KIND = 'liaison-outbox';
export const OUTBOX_BATCH_EVENT_KIND = 'liaison-outbox-batch';

/** Entries one wake-up names at most: a few batches' worth, and far below the event size limits. */
export const WAKE_TOGETHER_MAX = 50;

export const outboxEventSchema = z.object({
  /** Tells this event apart from anything else a shared queue may carry. */
  kind: z.literal(OUTBOX_EVENT_KIND),
  /** The outbox entry to send (its KVS record holds everything else). */
  entryId: z.string().min(1),
  connectionId: z.string().min(1),
  /** Epoch ms at which the entry is due. */
  nextTryAt: z.number(),
});

export type OutboxEvent = z.infer<typeof outboxEventSchema>;

export const outboxBatchEventSchema = z.object({
  kind: z.literal(OUTBOX_BATCH_EVENT_KIND),
  connectionId: z.string().min(1),
  /** The entries to send again together, each with the nextTryAt it was rescheduled to. */
  entries: z.array(z.object({ entryId: z.string().min(1), nextTryAt: z.number() })).min(1).max(WAKE_TOGETHER_MAX),
});

export type OutboxBatchEvent = z.infer<typeof outboxBatchEventSchema>;

const anyOutboxEventSchema = z.discriminatedUnion('kind', [outboxEventSchema, outboxBatchEventSchema]);

export function parseOutboxEvent(body: unknown): OutboxEvent | OutboxBatchEvent {
  const parsed = anyOutboxEventSchema.safeParse(body);
  if (!parsed.success) {
    throw new ForgeAdapterError(`not an outbox queue event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Forge's ceiling for `delayInSeconds`. */
export const MAX_DELAY_SECONDS = 900;

/** Whole seconds from now until `at`, within what a queue push accepts. */
export const delaySecondsUntil = (at: number, now: number): number => Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((at - now) / 1000)));
