// Worklogs: time spent on an issue, each with when the work started, a rich-text comment and who
// logged it. They travel like comments (a keyed collection with deletes), as their own list so a
// partner on an older version simply never sees them (the field is optional on the wire).
import { z } from 'zod';
import { hashOf } from '../hash';
import type { RichDoc } from '../richtext/model';
import { normalizeDoc } from '../richtext/normalize';
import { richDocSchema } from '../richtext/schema';

/** At most ten years of work in one entry: anything more is a typo or an attack, never a worklog. */
export const MAX_WORKLOG_SECONDS = 10 * 365 * 24 * 3600;

export type WorklogReplica = {
  /** The worklog's id on the side that logged it. */
  id: string;
  timeSpentSeconds: number;
  /** When the work started, ISO 8601 in UTC (`2026-12-02T09:30:00.000Z`). */
  started: string;
  comment: RichDoc;
  author: { displayName: string; email?: string };
  ts: number;
  hash: string;
  deleted?: boolean;
};

/** A local worklog as the tracker reports it. `restricted`: visible to a group or role only (never leaves). */
export type SnapshotWorklog = {
  id: string;
  timeSpentSeconds: number;
  started: string;
  comment: RichDoc;
  author: { displayName: string; email?: string };
  updatedAt: number;
  restricted: boolean;
};

const isoUtc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be an ISO 8601 UTC date-time').refine((s) => !Number.isNaN(Date.parse(s)), 'must be a real date-time');

export const worklogReplicaSchema: z.ZodType<WorklogReplica> = z.object({
  id: z.string().min(1).max(128),
  timeSpentSeconds: z.number().int().min(0).max(MAX_WORKLOG_SECONDS),
  started: isoUtc,
  comment: richDocSchema,
  author: z.object({ displayName: z.string().max(255), email: z.string().max(320).optional() }),
  ts: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  deleted: z.boolean().optional(),
});

/** A tracker's date-time in the wire's one form; null when it cannot be read. */
export function toIsoUtc(raw: string | number | undefined | null): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const ms = typeof raw === 'number' ? raw : Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The hash covers what the partner sees: time, start and comment (not the author, which cannot change). */
export const worklogHash = (w: Pick<SnapshotWorklog, 'timeSpentSeconds' | 'started' | 'comment'>): string =>
  hashOf({ timeSpentSeconds: w.timeSpentSeconds, started: w.started, comment: normalizeDoc(w.comment) });
