// ServiceNow durations (the task table's `time_worked` timer among them). A duration is kept as a
// date-time counted from 1970-01-01 00:00:00 ("GlideDuration objects store the duration as the number
// of days and time from January 1, 1970, 00:00:00", GlideDuration API reference), which is how the
// Table API reads and writes it without display values: 1 h 30 min is "1970-01-01 01:30:00", a day
// and an hour "1970-01-02 01:00:00". Whole seconds only.
const DURATION = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Seconds → the stored form; negative or non-finite values are a caller's bug. */
export function toDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`a duration cannot be ${seconds} seconds`);
  return new Date(Math.round(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The stored form → seconds; null for anything else (an empty timer reads as null too). */
export function fromDuration(value: string): number | null {
  const m = DURATION.exec(value.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) || ms < 0 ? null : ms / 1000;
}
