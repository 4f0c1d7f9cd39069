// LimitCounters in memory, for the core's tests and in-memory sites.
import type { CreateAdmission, LimitCounters } from '../ports/limit-counters';
import { admitCreate, type CreateWindow } from './create-window';

export class MemoryLimitCounters implements LimitCounters {
  private readonly windows = new Map<string, CreateWindow & { refused?: boolean }>();

  async admitCreate(connectionId: string, now: number, perMinute: number): Promise<CreateAdmission> {
    const prior = this.windows.get(connectionId) ?? null;
    const a = admitCreate(prior, now, perMinute);
    if (a.admitted) {
      this.windows.set(connectionId, a.next);
      return { admitted: true };
    }
    const firstRefusal = !prior?.refused;
    if (prior) this.windows.set(connectionId, { ...prior, refused: true });
    return { admitted: false, retryAfterMs: a.retryAfterMs, count: a.count, firstRefusal };
  }
}
