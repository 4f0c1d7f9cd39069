// The creates-per-minute counter on Forge storage: one plain key per connection holding the
// current one-minute window, read and written only when a partner's message would create an issue
// (so ordinary updates cost no storage for the limits). Two concurrent creates may both read the
// same count and both pass: the limit can be exceeded by the few invocations running at once,
// which bounds a flood just as well and costs no transaction. The key expires with its window.
import { kvs } from '@forge/kvs';
import { admitCreate, createWindowSchema, WINDOW_MS, type CreateWindow } from '../../core/limits/create-window';
import type { CreateAdmission, LimitCounters } from '../../core/ports/limit-counters';
import { keyOf } from './kvs-keys';
import { requireId } from './kvs-support';

const TTL_SECONDS = Math.ceil((2 * WINDOW_MS) / 1000);

export class KvsLimitCounters implements LimitCounters {
  private key(connectionId: string): string {
    return `limit-creates:${keyOf(requireId('connectionId', connectionId))}`;
  }

  async admitCreate(connectionId: string, now: number, perMinute: number): Promise<CreateAdmission> {
    const key = this.key(connectionId);
    // A damaged record reads as an empty window (the count starts over), never as a refusal.
    const parsed = createWindowSchema.safeParse(await kvs.get<CreateWindow>(key));
    const prior = parsed.success ? parsed.data : null;
    const a = admitCreate(prior, now, perMinute);
    const write = (w: CreateWindow) => kvs.set<CreateWindow>(key, w, { ttl: { value: TTL_SECONDS, unit: 'SECONDS' } });
    if (a.admitted) {
      await write(a.next);
      return { admitted: true };
    }
    // The first refusal of the window is marked, so the audit log gets one entry per window.
    const firstRefusal = !prior?.refused;
    if (firstRefusal && prior) await write({ ...prior, refused: true });
    return { admitted: false, retryAfterMs: a.retryAfterMs, count: a.count, firstRefusal };
  }
}
