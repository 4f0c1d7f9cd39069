// Issues created per minute: a fixed one-minute window per connection. A fixed window (rather than
// a sliding log) is one small record, read and written only when a create arrives, so ordinary
// updates cost no storage for it. At a window's edge up to twice the limit can pass within a
// minute; that is the price of one record, and still bounds a flood.
import { z } from 'zod';

export const WINDOW_MS = 60_000;

export const createWindowSchema = z.object({ start: z.number().int().nonnegative(), count: z.number().int().nonnegative(), refused: z.boolean().optional() });
export type CreateWindow = z.infer<typeof createWindowSchema>;

export type Admission = { admitted: true; next: CreateWindow } | { admitted: false; retryAfterMs: number; count: number };

export function admitCreate(window: CreateWindow | null, now: number, perMinute: number): Admission {
  const start = now - (now % WINDOW_MS);
  const current = window && window.start === start ? window : { start, count: 0 };
  if (current.count >= perMinute) return { admitted: false, retryAfterMs: Math.max(1, start + WINDOW_MS - now), count: current.count };
  return { admitted: true, next: { start, count: current.count + 1 } };
}
