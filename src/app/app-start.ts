// What the app does when it (re)starts on a site: Forge's installed and upgraded life-cycle events,
// and the sandbox's restart on its stored data. Queue wake-ups and product events of an earlier
// run may be gone, so the outbox entries are sent now (those an immediate send still held too:
// nothing of an earlier run is still sending them, and a repeat is refused by the partner's seq
// window anyway) and every shared project is swept for changes no event carried.
import { INLINE_GRACE_MS, sendOutboxEntry } from '../core/sync';
import { startSweeps } from './sweep';
import { syncDeps } from './sync-deps';

/** Entries sent by one start; the five-minute maintenance sends any rest. */
export const START_DRAIN_LIMIT = 50;

export async function onAppStarted(): Promise<{ sent: number; sweeps: string[] }> {
  const deps = syncDeps();
  const due = await deps.outbox.due(deps.clock.now() + INLINE_GRACE_MS, START_DRAIN_LIMIT);
  for (const entry of due) await sendOutboxEntry(deps, entry.id);
  return { sent: due.length, sweeps: await startSweeps(deps) };
}
