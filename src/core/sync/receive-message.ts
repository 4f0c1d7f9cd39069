// The receiving end (behind the web trigger): verify, refuse replays, dispatch by kind. Returns the
// HTTP status and body the entry point should answer with.
import { connectionId as toConnectionId, pairId as toPairId } from '../ids';
import { DEFAULT_SKEW_MS, peekEnvelope, verifyEnvelope } from '../protocol/verify';
import { applyReplica } from './apply-replica';
import type { SyncDeps } from './deps';
import { refuseOverLimit } from './enforce-limits';
import { handleAck } from './handle-ack';
import { partnerEnded } from './farewell';
import { checkNotForeign } from './foreign-pair';
import { applyUnlink } from './handle-unlink';
import { receiveProfile } from './partner-profile';
import { receiveBatch } from './receive-batch';
import { worklogPieceSize } from './old-sender-worklogs';
import { PAUSED_RECHECK_MS } from './send-outbox-entry';
import { accepted, reject, type ReceiveResult } from './responses';

export async function receiveMessage(deps: SyncDeps, raw: string): Promise<ReceiveResult> {
  const peek = peekEnvelope(raw);
  if (!peek.ok) return reject(peek.reason, peek.message);
  const connId = toConnectionId(peek.value.connectionId);
  const secret = await deps.secrets.getConnectionSecret(connId);
  const now = deps.clock.now();
  const skewMs = deps.skewMs ?? DEFAULT_SKEW_MS;
  // Replay is checked atomically below (remember-if-new), not by a separate read.
  const verified = verifyEnvelope(raw, { now, skewMs, secretFor: (c) => (c === connId && secret ? secret : undefined), seen: () => false });
  if (!verified.ok) return reject(verified.reason, verified.message);
  const env = verified.value;
  if (env.kind === 'handshake') return reject('unexpected-kind', 'handshakes go to the connection endpoint');

  const connection = await deps.config.getConnection(connId);
  // The partner deleted its side: whatever the state here, this side stops too (signed, so only the partner can say it).
  if (connection && env.kind === 'farewell') return partnerEnded(deps, connection);
  if (!connection || connection.state === 'pending' || connection.state === 'ended') return reject('unknown-connection', `connection ${connId} is not active here`);
  // Who the partner is may change while sync is paused: a profile is taken in any live state.
  if (connection.state === 'paused' && env.kind !== 'profile') return reject('paused', 'this side paused the connection; changes stay queued on yours', PAUSED_RECHECK_MS);
  // Remember ids for twice the skew window: anything older is refused as stale anyway. A replica
  // needs no separate memory: its pair records every applied seq and its apply lease admits one
  // delivery at a time, so a repeat is answered as a duplicate and touches nothing.
  if (env.kind !== 'replica' && !(await deps.store.rememberMessage(connId, env.messageId, now + 2 * skewMs))) return reject('replay', `message ${env.messageId} was already received`);

  switch (env.kind) {
    case 'replica': {
      // Abuse limits first (enforce-limits.ts): a message over them costs nothing more here. An old
      // sender's worklogs over their limit are taken in pieces instead (old-sender-worklogs.ts).
      const pieces = worklogPieceSize(connection, env, raw);
      const over = pieces === null ? await refuseOverLimit(deps, connection, env, raw) : null;
      return over ?? applyReplica(deps, connId, env, secret!, false, pieces ?? undefined);
    }
    case 'unlink':
      return applyUnlink(deps, connId, env, secret!);
    case 'ack': {
      // Only this connection's pairs are read; an ack naming another connection's pair is refused,
      // one naming no pair at all has nothing to teach (and leaves nothing in the error list).
      const pid = toPairId(env.pairId);
      const pair = await deps.store.getPair(connId, pid);
      if (!pair) return (await checkNotForeign(deps, connId, 'ack', pid)) ?? accepted('{}');
      await handleAck(deps, connId, pid, env.body, undefined, pair);
      return accepted('{}');
    }
    case 'ping':
      return accepted(JSON.stringify({ pong: now }));
    case 'batch': {
      const started = Date.now();
      return receiveBatch(deps, env, receiveMessage, () => Date.now() - started);
    }
    case 'profile':
      return receiveProfile(deps, connection, env, raw, secret!);
    case 'farewell':
      return reject('unknown-connection', `connection ${connId} is not known here`);
  }
}
