// Drain due outbox entries (the five-minute maintenance calls this): the re-drive of entries whose
// queue wake-up was lost or whose immediate send died with its invocation. They go as batches (one
// partner call per connection and up to 20 items, as a bulk sync's pages send), one pair's entries
// in the order they were made, and the ones the partner asks to send later wake up together.
import type { OutboxEntry } from '../ports/outbox';
import type { SyncDeps } from './deps';
import { ISSUE_CONCURRENCY, inParallel } from './in-parallel';
import { sendBatch } from './send-batch';
import type { SendOutcome } from './send-outbox-entry';

export async function drainOutbox(deps: SyncDeps, limit = 50): Promise<SendOutcome[]> {
  const now = deps.clock.now();
  const listed = await deps.outbox.due(now, limit);
  // The listing may come from a lagging index: each entry is read again by key, and one sent or
  // rescheduled meanwhile is left alone, as a single send by id did.
  const read = await inParallel(listed, ISSUE_CONCURRENCY, async (e) => {
    const entry = await deps.outbox.get(e.id);
    return entry && entry.nextTryAt <= now ? entry : null;
  });
  const due = read.filter((e): e is OutboxEntry => e !== null).sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  return due.length > 0 ? sendBatch(deps, due.map((entry) => ({ entry })), { together: true }) : [];
}
