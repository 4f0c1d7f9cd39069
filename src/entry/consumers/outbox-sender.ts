// Queue consumer: one event wakes one outbox entry, or several of one connection that go again as a
// batch. The core signs, sends and decides retry or archive; a retry re-arms the entry with its own
// delayed event (see ForgeOutbox.update), or a batch's items with one together (wakeTogether).
import type { InvocationError } from '@forge/events';
import { retryInvocation as retry } from '../../adapters/forge/invocation-retry';
import { STORAGE_RETRY_MS, isStorageRateLimited } from '../../adapters/forge/kvs-support';
import { sendWokenEntries, sendWokenEntry } from '../../core/sync';
import { syncDeps } from '../../app/sync-deps';

export async function sendOutbox(event: { body?: unknown }): Promise<InvocationError | void> {
  const deps = syncDeps();
  let wake;
  try {
    wake = await deps.outbox.readEvent(event?.body);
  } catch (e) {
    console.error(`liaison: dropped a malformed outbox event: ${(e as Error).message}`);
    return;
  }
  if (wake.kind === 'not-yet') return;
  try {
    if (wake.kind === 'due-together') await sendWokenEntries(deps, wake.entries);
    else await sendWokenEntry(deps, wake.entryId, wake.nextTryAt);
  } catch (e) {
    // Storage refused for its per-installation rate limits (many woken batches settling at once):
    // nothing is wrong with the entries, which stay in the outbox; the wake-up comes back after the
    // minute instead of the invocation failing.
    if (!isStorageRateLimited(e)) throw e;
    console.warn(`liaison: an outbox wake-up met the storage rate limit, retrying in ${STORAGE_RETRY_MS / 1000} s`);
    return retry(STORAGE_RETRY_MS / 1000, true);
  }
}
