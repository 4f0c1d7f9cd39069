// Queue consumer: one event wakes one outbox entry. The core signs, sends and decides retry or
// archive; a retry re-arms the entry with its own delayed event (see ForgeOutbox.update).
import { sendWokenEntry } from '../../core/sync';
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
  await sendWokenEntry(deps, wake.entryId, wake.nextTryAt);
}
