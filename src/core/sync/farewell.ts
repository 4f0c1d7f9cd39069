// Deleting a connection is said to the partner: a signed farewell, so its side stops too instead of
// sending into the void (its admin sees "ended by the partner" and removes it there). Telling is
// best effort — a partner that is down learns nothing now, and its deliveries are refused as for
// an unknown connection until its admin removes the connection.
import type { Connection } from '../connection';
import { PROTOCOL_VERSION } from '../protocol/envelope';
import { signEnvelope } from '../protocol/sign';
import type { SyncDeps } from './deps';
import { describeTransportError } from './retry-policy';
import { accepted, type ReceiveResult } from './responses';

type Deps = Pick<SyncDeps, 'config' | 'secrets' | 'transport' | 'clock' | 'ids' | 'store'>;

/**
 * Tells the partner this side is deleting the connection; answers what became of the telling, for
 * the audit log, or null when there is nobody to tell (a ServiceNow instance, an invitation never
 * accepted, a partner that ended first).
 */
export async function sayFarewell(deps: Deps, connection: Connection): Promise<string | null> {
  if (connection.partnerKind !== 'jira' || !connection.partnerEndpoint || connection.state === 'pending' || connection.state === 'ended') return null;
  const secret = await deps.secrets.getConnectionSecret(connection.id);
  if (!secret) return 'partner not told (no connection secret here)';
  const raw = signEnvelope({ v: PROTOCOL_VERSION, connectionId: connection.id, messageId: deps.ids.newId(), pairId: null, seq: null, sentAt: deps.clock.now(), kind: 'farewell', body: {} }, secret);
  try {
    const result = await deps.transport.send(connection.partnerEndpoint, raw);
    return result.ok ? 'partner told' : `partner not told: ${describeTransportError(result.error)}`;
  } catch (e) {
    return `partner not told: ${(e as Error).message}`;
  }
}

/** The partner's farewell, verified: the connection ends here (kept, with its history, until this side's admin deletes it). */
export async function partnerEnded(deps: Pick<SyncDeps, 'config' | 'store' | 'ids' | 'clock'>, connection: Connection): Promise<ReceiveResult> {
  if (connection.state !== 'ended') {
    const now = deps.clock.now();
    await deps.config.putConnection({ ...connection, state: 'ended', endedAt: now });
    await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId: connection.id, actor: 'partner', action: 'connection-changed', subject: connection.id, detail: 'the partner deleted the connection on its side; nothing is sent or received any more' });
  }
  return accepted('{}');
}
