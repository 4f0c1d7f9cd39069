// ServiceNow stores date-times in UTC and answers them as `YYYY-MM-DD HH:mm:ss` when display values
// are off (with display values on they are in the user's time zone, which is why the adapter never
// reads times that way). These strings sort in time order, which the polling watermark relies on.
const FORMAT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export const isSnTime = (s: string): boolean => FORMAT.test(s) && !Number.isNaN(parseSnTime(s));

/** Milliseconds since the epoch, or NaN when `s` is not a valid ServiceNow date-time. */
export function parseSnTime(s: string): number {
  const m = FORMAT.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over into March; a real ServiceNow time never does.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return NaN;
  return ms;
}

export function formatSnTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
