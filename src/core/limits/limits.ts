// Abuse limits of one connection: how much a partner may send, whoever it is and however well it
// signs. Defaults fit ordinary work between two support teams; an admin changes them per connection
// (admin page). Over a limit the partner is told which limit and when to try again, and its sender
// waits or splits the message; nothing is dropped. Text sizes are not a connection setting: they are
// the local tracker's own limits (planning/text-fit.ts), which no admin can raise.
import { z } from 'zod';
import { DEFAULT_MAX_BYTES } from '../protocol/verify';

export const LIMIT_NAMES = ['createsPerMinute', 'commentsPerMessage', 'attachmentsPerMessage', 'messageBytes', 'worklogsPerMessage'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export const connectionLimitsSchema = z.object({
  /** Issues the partner may create here per minute (a fixed one-minute window). */
  createsPerMinute: z.number().int().min(1).max(10_000),
  /** New, edited or deleted comments in one message. */
  commentsPerMessage: z.number().int().min(1).max(500),
  /** Attachments in one message. */
  attachmentsPerMessage: z.number().int().min(1).max(100),
  /** Bytes of one signed message (never above the protocol's own cap). */
  messageBytes: z.number().int().min(16 * 1024).max(DEFAULT_MAX_BYTES),
  /** New, edited or deleted worklogs in one message (each is a write to the one issue, as a comment is). */
  worklogsPerMessage: z.number().int().min(1).max(500),
});

export type ConnectionLimits = z.infer<typeof connectionLimitsSchema>;

export const DEFAULT_LIMITS: ConnectionLimits = {
  // Above what a bulk sync can reach under Jira's hourly points quota (about 2–3 points per created
  // issue: a few hundred a minute), so an honest bulk sync is never paced by it; a runaway or
  // hostile partner is. Admins of small projects can lower it.
  createsPerMinute: 600,
  // Jira takes about 20 writes to one issue at once (then ~2 a second): a message's comments fit.
  commentsPerMessage: 20,
  attachmentsPerMessage: 10,
  messageBytes: DEFAULT_MAX_BYTES,
  // Worklogs are writes to the one issue too, counted apart from comments so that a first sync of an
  // issue with years of logged time goes in pieces Jira takes (the sender splits by this default).
  worklogsPerMessage: 20,
};

/** What a connection record stores: only the limits its admin changed. */
export const limitOverridesSchema = connectionLimitsSchema.partial();
export type LimitOverrides = z.infer<typeof limitOverridesSchema>;

export const effectiveLimits = (overrides: LimitOverrides | undefined): ConnectionLimits => ({ ...DEFAULT_LIMITS, ...(overrides ?? {}) });

/** One limit a message went over. */
export type LimitBreach = { limit: LimitName; max: number; actual: number };

export const describeBreach = (b: LimitBreach): string => `${b.limit}: ${b.actual} is over this connection's limit of ${b.max}`;
