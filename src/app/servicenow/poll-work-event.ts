// The work-queue events of a ServiceNow connection (see poll-work.ts): one slice of a poll run, and
// the wake-up of the peer's outbox when a rescheduled message falls due. Validated on arrival like
// every work event; kept apart from the use case so work-queue.ts can list them without importing
// what they run.
import { z } from 'zod';
import { isSnTime } from '../../adapters/servicenow/sn-time';

const snTime = z.string().refine(isSnTime, 'must be a ServiceNow UTC time "YYYY-MM-DD HH:mm:ss"');

/** PollResume (poll.ts): the stored watermark's second, the run's mode, and for a tie the last sys_id. */
export const pollResumeSchema = z.discriminatedUnion('mode', [
  z.object({ at: snTime, mode: z.enum(['from', 'past']) }),
  z.object({ at: snTime, mode: z.literal('tie'), after: z.string().regex(/^[0-9a-f]{32}$/i) }),
]);

export const serviceNowPollWorkSchema = z.object({
  kind: z.literal('servicenow-poll'),
  connectionId: z.string().min(1).max(255),
  /** Absent on a run's first slice (the scheduled trigger's event): start from the stored watermark. */
  resume: pollResumeSchema.optional(),
  /** Slices the run has had before this one. */
  slice: z.number().int().min(0).max(100_000).optional(),
});

export type ServiceNowPollWork = z.infer<typeof serviceNowPollWorkSchema>;

export const serviceNowFlushWorkSchema = z.object({
  kind: z.literal('servicenow-flush'),
  connectionId: z.string().min(1).max(255),
  /** Epoch ms the message falls due: a wake-up the queue delivered early (it delays 15 minutes at most) waits again. */
  at: z.number().finite(),
  /**
   * The entry the wake-up is for, read by key when the flush looks: the key query the flush
   * otherwise relies on is only eventually consistent and may not show an entry queued a moment ago.
   */
  entryId: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).optional(),
});

export type ServiceNowFlushWork = z.infer<typeof serviceNowFlushWorkSchema>;
