// Sends to a ServiceNow connection never leave the process: the transport finds the connection
// whose partner endpoint is the instance and hands the message to its peer, then lets the peer
// send its own replies. Every other endpoint goes out through the wrapped transport.
//
// The outbox is routed too. The admin's retry button on a message the peer gave up on: the error
// list keeps such an entry under the peer's namespace (NamespacedLedgerStore), and putting it back
// must put it in the peer's outbox, not in the Jira side's, which would send it to ServiceNow
// instead of to Jira. And a ServiceNow connection's queue, as the admin sees it, holds both halves.
import { byAge, KvsPeerOutbox } from '../../adapters/servicenow/kvs-peer-outbox';
import type { Outbox, OutboxEntry } from '../../core/ports/outbox';
import type { Connection } from '../../core/connection';
import type { Transport } from '../../core/ports/transport';
import type { SyncDeps } from '../../core/sync/deps';
import { serviceNowPeerFor, wakeAt } from './app-peer';
import { PEER_NAMESPACE } from './peer';

/** Messages the peer sends to Jira after answering one: its replies, and a little of any backlog. */
const REPLY_FLUSH_MAX = 25;

const isServiceNowEndpoint = (endpoint: string): boolean => {
  try {
    return new URL(endpoint).hostname.endsWith('.service-now.com');
  } catch {
    return false;
  }
};

/** A peer entry re-enqueued by the retry button: into the peer's outbox, with a wake-up to send it now. */
async function toPeerOutbox(entry: OutboxEntry, now: number): Promise<boolean> {
  if (!entry.connectionId.startsWith(PEER_NAMESPACE)) return false;
  const connectionId = entry.connectionId.slice(PEER_NAMESPACE.length);
  await new KvsPeerOutbox(connectionId).enqueue({ ...entry, connectionId });
  await wakeAt(connectionId, now, now, entry.id);
  return true;
}

type Page = { items: OutboxEntry[]; cursor?: string };
type Pageable = { page?(connectionId: string, options?: { limit?: number; cursor?: string }): Promise<Page> };

/**
 * The Jira side's outbox, seen with the peers': a peer entry put back by the retry button goes to
 * its peer's outbox, and a ServiceNow connection's queue (the admin's list, the panel's backlog,
 * the KPI) shows what waits in both directions.
 */
function withPeerOutboxes<O extends Outbox & Pageable>(outbox: O, deps: SyncDeps): O {
  const peerOf = async (connectionId: string): Promise<KvsPeerOutbox | null> =>
    (await deps.config.getConnection(connectionId))?.partnerKind === 'servicenow' ? new KvsPeerOutbox(connectionId) : null;
  const overrides: Partial<Record<PropertyKey, unknown>> = {
    enqueue: async (entry: OutboxEntry) => {
      if (!(await toPeerOutbox(entry, deps.clock.now()))) await outbox.enqueue(entry);
    },
    size: async (connectionId?: string) => {
      const own = await outbox.size(connectionId);
      const peer = connectionId === undefined ? null : await peerOf(connectionId);
      return own + (peer ? await peer.size() : 0);
    },
    // The first page carries the peer's entries too (a peer's queue is short: it drains every poll).
    page: async (connectionId: string, options: { limit?: number; cursor?: string } = {}) => {
      const own = await outbox.page!(connectionId, options);
      const peer = options.cursor ? null : await peerOf(connectionId);
      if (!peer) return own;
      return { ...own, items: [...own.items, ...(await peer.all(options.limit ?? 50))].sort(byAge) };
    },
  };
  return new Proxy(outbox, {
    get(target, prop) {
      if (prop in overrides && (prop !== 'page' || typeof target.page === 'function')) return overrides[prop];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The ServiceNow connection a message to `endpoint` is for: the one the message names (our own
 * outgoing message, so its connection id is ours; one configuration read, usually answered from
 * the invocation's route), checked against the endpoint.
 */
async function connectionFor(deps: SyncDeps, endpoint: string, body: string): Promise<Connection | null> {
  let named: unknown;
  try {
    named = (JSON.parse(body) as { envelope?: { connectionId?: unknown } } | null)?.envelope?.connectionId;
  } catch {
    named = undefined;
  }
  const connection = typeof named === 'string' ? await deps.config.getConnection(named) : null;
  if (connection?.partnerKind === 'servicenow' && connection.partnerEndpoint === endpoint) return connection;
  return (await deps.config.listConnections()).find((c) => c.partnerKind === 'servicenow' && c.partnerEndpoint === endpoint) ?? null;
}

export function withServiceNowPeers<D extends SyncDeps>(deps: D): D {
  const outward = deps.transport;
  const routed: D = { ...deps };
  const transport: Transport = {
    async send(endpoint, body) {
      if (!isServiceNowEndpoint(endpoint)) return outward.send(endpoint, body);
      const connection = await connectionFor(deps, endpoint, body);
      if (!connection) return outward.send(endpoint, body);
      let peer;
      try {
        peer = (await serviceNowPeerFor(routed, connection)).peer;
      } catch (e) {
        return { ok: false, error: { kind: 'network', message: `ServiceNow peer: ${(e as Error).message}` } };
      }
      const result = await peer.inbound.send(endpoint, body);
      // Only what this delivery queued needs sending now; older entries have their own wake-ups.
      if (!peer.queuedHere()) return result;
      try {
        await peer.flush({ max: REPLY_FLUSH_MAX });
      } catch (e) {
        // The delivery itself stands; what the peer queued waits for the next poll or notice.
        console.warn(`liaison: the ServiceNow peer of connection ${connection.id} could not send its replies now: ${(e as Error).message}`);
      }
      return result;
    },
  };
  routed.transport = transport;
  routed.outbox = withPeerOutboxes(deps.outbox, deps);
  return routed;
}
