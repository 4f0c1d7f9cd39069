// The queue event that wakes the consumer for one outbox entry. It names the entry and carries the
// time it is due, so an event that arrives early (Forge delays at most 900 s) is re-armed without a
// KVS read.
import { z } from 'zod';
import { ForgeAdapterError } from './kvs-support';

export const OUTBOX_EVENT_KIND = 'liaison-outbox';

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

export function parseOutboxEvent(body: unknown): OutboxEvent {
  const parsed = outboxEventSchema.safeParse(body);
  if (!parsed.success) {
    throw new ForgeAdapterError(`not an outbox queue event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Forge's ceiling for `delayInSeconds`. */
export const MAX_DELAY_SECONDS = 900;

/** Whole seconds from now until `at`, within what a queue push accepts. */
export const delaySecondsUntil = (at: number, now: number): number => Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((at - now) / 1000)));
