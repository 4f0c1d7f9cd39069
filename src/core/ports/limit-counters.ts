// Per-connection counters behind the abuse limits. Only creates are counted (one small record per
// connection, touched only when a partner's message would create an issue), so ordinary changes
// pay no storage for the limits.
import type { CreateWindow } from '../limits/create-window';

export type CreateAdmission =
  | { admitted: true }
  /** `firstRefusal`: the first refusal of this window; the caller logs it once per window. */
  | { admitted: false; retryAfterMs: number; count: number; firstRefusal: boolean };

/** The window as read (null: none stored); a hold is written only if it is still that. */
export type WindowStamp = { start: number; count: number } | null;

/**
 * A create's place in its connection's window, decided but not written yet: the apply writes it in
 * the same transaction as the pair's intent (LedgerStore.putPairIf `createHold`), so an admitted
 * create costs no storage operation of its own, and a place is taken only by a create that writes.
 */
export type CreateHold = { connectionId: string; expect: WindowStamp; next: CreateWindow };

export type CreateReservation = { admitted: true; hold: CreateHold } | Extract<CreateAdmission, { admitted: false }>;

export interface LimitCounters {
  /** Count one create of `connectionId` if its window has room for `perMinute`. */
  admitCreate(connectionId: string, now: number, perMinute: number): Promise<CreateAdmission>;
  /**
   * Optional, with `commitHold`: decide like admitCreate, but leave the admitted create's count to
   * be written with the pair (a refusal is marked at once, as by admitCreate). `attempt` > 0: the
   * last hold lost its race, so the window is read afresh (after a short random pause).
   */
  reserveCreate?(connectionId: string, now: number, perMinute: number, attempt: number): Promise<CreateReservation>;
  /** Writes a hold on its own (where no pair write can carry it); false when the window moved. */
  commitHold?(hold: CreateHold): Promise<boolean>;
}

export type { CreateWindow };
