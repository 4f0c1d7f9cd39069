// The five-minute maintenance's schedule: one small record saying when each paced duty is next due
// (today: each connection's lost-delete walk, lost-deletes.ts), read with the route stamps in one
// storage request and written only when a duty ran. An idle run reads it, finds nothing due, and
// touches nothing more for those duties. It is a cache of timing, never the truth: a record that
// does not parse, or is lost, makes every duty due once, which costs a check and loses nothing.
import { z } from 'zod';
import type { DeleteCheckState } from './lost-deletes';

const deleteCheckSchema = z.object({
  cursor: z.string().min(1).nullable(),
  walkStartedAt: z.number().finite(),
  slicesDone: z.number().int().min(0),
  lastWalkSlices: z.number().int().min(0),
  nextAt: z.number().finite(),
});

export const maintenanceScheduleSchema = z.object({
  v: z.literal(1),
  /** Per connection id: where its lost-delete walk stands. */
  deleteChecks: z.record(z.string(), deleteCheckSchema),
});

export type MaintenanceSchedule = { v: 1; deleteChecks: Record<string, DeleteCheckState> };

export const emptySchedule = (): MaintenanceSchedule => ({ v: 1, deleteChecks: {} });

/** A stored value as a schedule: anything that does not parse is an empty one (every duty due). */
export function parseSchedule(value: unknown): MaintenanceSchedule {
  const parsed = maintenanceScheduleSchema.safeParse(value);
  return parsed.success ? parsed.data : emptySchedule();
}

/** The schedule kept only for `live` connections (a connection that ended or went loses its entry). */
export function forConnections(schedule: MaintenanceSchedule, live: ReadonlySet<string>): MaintenanceSchedule {
  return { v: 1, deleteChecks: Object.fromEntries(Object.entries(schedule.deleteChecks).filter(([id]) => live.has(id))) };
}

/** Whether two schedules differ (a write is made only when one does). */
export const sameSchedule = (a: MaintenanceSchedule, b: MaintenanceSchedule): boolean => JSON.stringify(sortedChecks(a)) === JSON.stringify(sortedChecks(b));

const sortedChecks = (s: MaintenanceSchedule) => Object.entries(s.deleteChecks).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
