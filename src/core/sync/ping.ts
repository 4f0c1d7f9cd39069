// Health check: a signed ping to the partner. Success stamps the connection with the time of the
// last successful exchange, which the admin page shows; failure changes nothing (the queue's own
// retries already surface delivery problems).
import { PROTOCOL_VERSION } from '../protocol/envelope';
import { signEnvelope } from '../protocol/sign';
import { err, ok, type Result } from '../result';
import type { SyncDeps } from './deps';
import { describeTransportError } from './retry-policy';

type Deps = Pick<SyncDeps, 'config' | 'secrets' | 'transport' | 'clock' | 'ids'>;

export async function pingPartner(deps: Deps, connectionId: string): Promise<Result<{ at: number }, 'not-active' | 'unreachable'>> {
  const connection = await deps.config.getConnection(connectionId);
  const secret = await deps.secrets.getConnectionSecret(connectionId);
  if (!connection || connection.state !== 'active' || !connection.partnerEndpoint || !secret) return err('not-active', `connection ${connectionId} is not active`);
  const now = deps.clock.now();
  const raw = signEnvelope({ v: PROTOCOL_VERSION, connectionId, messageId: deps.ids.newId(), pairId: null, seq: null, sentAt: now, kind: 'ping', body: {} }, secret);
  const result = await deps.transport.send(connection.partnerEndpoint, raw);
  if (!result.ok) return err('unreachable', describeTransportError(result.error));
  await deps.config.putConnection({ ...connection, lastExchangeAt: now });
  return ok({ at: now });
}
