// A partner names pairs in its messages, and pair ids are derivable (connection id + issue id, see
// pair-id.ts). Pairs are stored per connection, so a message can never reach another connection's
// pair; when one names a pair its own connection does not have, this tells whether the id belongs
// to another connection here, so the answer can say so and the admin sees the attempt.
import { connectionId as toConnectionId, type ConnectionId, type PairId } from '../ids';
import type { SyncDeps } from './deps';
import { reject, type ReceiveResult } from './responses';

/** Another connection here that holds `pairId`, or null. Read only on the refusal path. */
export async function foreignOwnerOf(deps: Pick<SyncDeps, 'config' | 'store'>, connId: ConnectionId, pairId: PairId): Promise<ConnectionId | null> {
  for (const other of await deps.config.listConnections()) {
    if (other.id === connId) continue;
    if (await deps.store.getPair(toConnectionId(other.id), pairId)) return toConnectionId(other.id);
  }
  return null;
}

/** The refusal, with an audit entry on the sending connection (nothing else is written). */
export async function refuseForeignPair(deps: Pick<SyncDeps, 'store' | 'ids' | 'clock'>, connId: ConnectionId, kind: string, pairId: string): Promise<ReceiveResult> {
  await deps.store.appendAudit({
    id: deps.ids.newId(), at: deps.clock.now(), connectionId: connId, actor: 'partner', action: 'message-refused', subject: pairId,
    detail: `a ${kind} named pair ${pairId}, which does not belong to this connection; refused, nothing changed`,
  });
  return reject('foreign-pair', `pair ${pairId} does not belong to connection ${connId}`);
}

/** Refuses when `pairId` belongs to another connection; null when the id is simply unknown. */
export async function checkNotForeign(deps: SyncDeps, connId: ConnectionId, kind: string, pairId: PairId): Promise<ReceiveResult | null> {
  return (await foreignOwnerOf(deps, connId, pairId)) ? refuseForeignPair(deps, connId, kind, pairId) : null;
}
