// ServiceNow's wire formats for time and identity: glide date-times are UTC `YYYY-MM-DD HH:mm:ss`
// (second precision, so many writes share one value), sys_ids are 32 lower-case hex digits.
import { createHash, randomBytes } from 'node:crypto';

export function glideDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const GLIDE_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function newSysId(): string {
  return randomBytes(16).toString('hex');
}

/** A stable sys_id for seeded data, so tests and demos can name seeded records. */
export function seededSysId(...parts: string[]): string {
  return createHash('md5').update(parts.join(':')).digest('hex');
}

export const SYS_ID = /^[0-9a-f]{32}$/;
