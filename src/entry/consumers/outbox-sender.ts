// Queue consumer: one event wakes one outbox entry, or several of one connection that go again as a
// batch. The core signs, sends and decides retry or archive; a retry re-arms the entry with its own
// delayed event (see ForgeOutbox.update), or a batch's items with one together (wakeTogether).
import { sendWokenEntries, sendWokenEntry } from '../../core/sync';
import { syncDeps } from '../../app/sync-deps';

export async function sendOutbox(event: { body?: unknown }): Promise<void> {
  const deps = syncDeps();
  let wake;
  try {
    wake = await deps.outbox.readEvent(event?.body);
  } catch (e) {
    console.error(`liaison: dropped a malformed outbox event: ${(e as Error).message}`);
    return;
  }
  if (wake.kind === 'not-yet') return;
  if (wake.kind === 'due-together') await sendWokenEntries(deps, wake.entries);
  else await sendWokenEntry(deps, wake.entryId, wake.nextTryAt);
}
