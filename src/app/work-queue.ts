// Background work that does not fit one invocation: re-checking an issue whose change had to wait,
// bulk sync pages, reconciliation sweep pages, ServiceNow poll slices and peer wake-ups, and the
// drain of a resumed connection's queue. One queue, events told apart by `kind`, each validated on
// arrival.
import { InvocationLimitReachedError, Queue, RateLimitError } from '@forge/events';
import { z } from 'zod';
import { QUEUES } from './module-keys';
import { serviceNowFlushWorkSchema, serviceNowPollWorkSchema } from './servicenow/poll-work-event';

const key = z.string().min(1).max(255);

export const workEventSchema = z.discriminatedUnion('kind', [
  /** An issue change was deferred (an apply was in flight); look at the issue again. */
  z.object({ kind: z.literal('recheck'), issueId: key, projectKey: key }),
  /** A partner's message changed these issues here: plan them for the project's other partners too (app/relay.ts). */
  z.object({ kind: z.literal('relay'), projectKey: key, issueIds: z.array(key).min(1).max(50), except: key.optional() }),
  /**
   * One page of a bulk sync: the issues of `projectKey` after `nextPageToken`. `hop` counts the
   * pages since the chain began (absent = 0), so the chain can end before Forge's cyclic
   * invocation limit (app/bulk-resume.ts).
   */
  // `pace`: the run's storage budget as this page finds it (app/bulk-pace.ts; absent = full).
  z.object({
    kind: z.literal('bulk-page'), runId: key, connectionId: key, projectKey: key, nextPageToken: z.string().max(4096).nullable(), hop: z.number().int().nonnegative().optional(),
    pace: z.object({ at: z.number().int().nonnegative(), credit: z.number().min(0).max(100) }).optional(),
  }),
  /** A resumed connection's waiting messages, sent in order a page at a time from `cursor` (app/outbox-resume.ts). */
  z.object({ kind: z.literal('outbox-resume'), connectionId: key, cursor: z.string().max(4096).nullable(), hop: z.number().int().nonnegative() }),
  /**
   * One page of a project's reconciliation sweep (app/sweep.ts) begun at `startedAt`: `jql` is fixed
   * by the first page (null there), `planned` counts the run's planned issues so far, `hold` is the
   * oldest `updated` of an issue whose plan had to wait (the watermark stays before it). `runId`
   * tells a second copy of a page apart from the page the run waits for (absent: from a version
   * before it, run as it comes).
   */
  z.object({
    kind: z.literal('sweep'), projectKey: key, runId: key.optional(), startedAt: z.number().int().nonnegative(), jql: z.string().min(1).max(1000).nullable(),
    nextPageToken: z.string().max(4096).nullable(), planned: z.number().int().nonnegative(), hold: z.number().int().nonnegative().nullable(),
  }),
  /** A partner that upgraded reads `parts` this side withheld: a page of its pairs sends them again (app/resend-parts.ts). */
  // `runId`: one re-send, so a duplicate delivery of a page re-sends no pair twice (absent from events queued before it).
  z.object({ kind: z.literal('resend-parts'), connectionId: key, parts: z.array(z.string().min(1).max(64)).min(1).max(32), cursor: z.string().max(4096).nullable(), hop: z.number().int().nonnegative(), runId: key.optional() }),
  /** A parent reached the partner and its rule brings its children (app/bring-children.ts). */
  z.object({ kind: z.literal('bring-children'), connectionId: key, projectKey: key, issueId: key }),
  /** A few pages of a ServiceNow connection's poll run, from its stored watermark. */
  serviceNowPollWorkSchema,
  /** A message of a ServiceNow connection's peer to the Jira side falls due again: send what is due. */
  serviceNowFlushWorkSchema,
]);

export type WorkEvent = z.infer<typeof workEventSchema>;

export function parseWorkEvent(body: unknown): WorkEvent {
  const parsed = workEventSchema.safeParse(body);
  if (!parsed.success) throw new TypeError(`not a Liaison work event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Forge refuses a push once one chain of invocations (a first invocation and every consumer its
 * pushes lead to) has made 1,000 push requests (the cyclic invocation limit). A page chain that
 * pushes its next page, plus the wake-ups of what its pages leave queued, stops by this many hops
 * and is taken up by a fresh invocation (the five-minute maintenance) instead.
 */
export const CHAIN_HOPS_MAX = 400;

/** The push was refused because this chain of invocations reached Forge's cyclic invocation limit. */
export const isChainLimit = (e: unknown): boolean => e instanceof InvocationLimitReachedError;

/** The push was refused for the 500 events a minute an installation may push ("retry adding events after a minute"). */
export const isPushRateLimited = (e: unknown): boolean => e instanceof RateLimitError;

export async function pushWork(event: WorkEvent, delayInSeconds = 0): Promise<void> {
  await new Queue({ key: QUEUES.work }).push({ body: event, delayInSeconds: Math.min(900, Math.max(0, Math.ceil(delayInSeconds))) });
}
