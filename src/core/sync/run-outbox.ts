// Drain due outbox entries in order (the scheduled trigger / queue consumer calls this).
import type { SyncDeps } from './deps';
import { sendOutboxEntry, type SendOutcome } from './send-outbox-entry';

export async function drainOutbox(deps: SyncDeps, limit = 50): Promise<{ id: string; outcome: SendOutcome }[]> {
  const results: { id: string; outcome: SendOutcome }[] = [];
  for (const entry of await deps.outbox.due(deps.clock.now(), limit)) {
    results.push({ id: entry.id, outcome: await sendOutboxEntry(deps, entry.id) });
  }
  return results;
}
