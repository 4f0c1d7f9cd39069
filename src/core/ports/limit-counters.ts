// Per-connection counters behind the abuse limits. Only creates are counted (one small record per
// connection, touched only when a partner's message would create an issue), so ordinary changes
// pay no storage for the limits.
import type { CreateWindow } from '../limits/create-window';

export type CreateAdmission =
  | { admitted: true }
  /** `firstRefusal`: the first refusal of this window; the caller logs it once per window. */
  | { admitted: false; retryAfterMs: number; count: number; firstRefusal: boolean };

export interface LimitCounters {
  /** Count one create of `connectionId` if its window has room for `perMinute`. */
  admitCreate(connectionId: string, now: number, perMinute: number): Promise<CreateAdmission>;
}

export type { CreateWindow };
