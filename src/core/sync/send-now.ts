// The fast path after a local change: entries that handleLocalChange granted an immediate send
// (`inline`) go out in this invocation instead of waiting for a queue hop. A failure leaves the
// entry queued with its retry schedule, exactly as the queue consumer would.
import type { LocalChangeOutcome } from './on-local-change';
import type { SyncDeps } from './deps';
import { sendOutboxEntry, type SendOutcome } from './send-outbox-entry';

export async function sendNow(deps: SyncDeps, outcomes: LocalChangeOutcome[]): Promise<SendOutcome[]> {
  const sent: SendOutcome[] = [];
  for (const o of outcomes) {
    if (o.status === 'queued' && o.send) sent.push(await sendOutboxEntry(deps, o.send.entry, o.send.pair));
  }
  return sent;
}
