// The maintenance schedule (core/sync/maintenance-schedule.ts) in one plain KVS key, read together
// with the route stamps (kvs-route-store.ts) in one batch get: an idle maintenance run pays one
// storage request for everything it needs to know is not due.
import { kvs } from '@forge/kvs';
import { parseSchedule, type MaintenanceSchedule } from '../../core/sync/maintenance-schedule';
import { CHANGED_AT, REBUILT_AT } from './kvs-route-store';

export const SCHEDULE_KEY = 'maintenance:schedule';

export type MaintenanceState = { schedule: MaintenanceSchedule; stamps: { changedAt: number; rebuiltAt: number } };

const time = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export async function readMaintenanceState(): Promise<MaintenanceState> {
  const res = await kvs.batchGet<unknown>([{ key: SCHEDULE_KEY }, { key: CHANGED_AT }, { key: REBUILT_AT }]);
  // A key the batch could not read for another reason than its absence: read it alone, as the route store would.
  const failed = res.failedKeys.filter((f) => f.error?.code !== 'KEY_NOT_FOUND').map((f) => f.key);
  const values = new Map<string, unknown>(res.successfulKeys.map((h) => [h.key, h.value]));
  for (const key of failed) values.set(key, await kvs.get<unknown>(key));
  return { schedule: parseSchedule(values.get(SCHEDULE_KEY)), stamps: { changedAt: time(values.get(CHANGED_AT)), rebuiltAt: time(values.get(REBUILT_AT)) } };
}

export async function writeSchedule(schedule: MaintenanceSchedule): Promise<void> {
  await kvs.set(SCHEDULE_KEY, schedule);
}
