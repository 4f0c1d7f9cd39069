// Sends to a ServiceNow connection never leave the process: the transport finds the connection
// whose partner endpoint is the instance and hands the message to its peer, then lets the peer
// send its own replies. Every other endpoint goes out through the wrapped transport.
import type { Transport } from '../../core/ports/transport';
import type { SyncDeps } from '../../core/sync/deps';
import { serviceNowPeerFor } from './app-peer';

const isServiceNowEndpoint = (endpoint: string): boolean => {
  try {
    return new URL(endpoint).hostname.endsWith('.service-now.com');
  } catch {
    return false;
  }
};

export function withServiceNowPeers<D extends SyncDeps>(deps: D): D {
  const outward = deps.transport;
  const routed: D = { ...deps };
  const transport: Transport = {
    async send(endpoint, body) {
      if (!isServiceNowEndpoint(endpoint)) return outward.send(endpoint, body);
      const connection = (await deps.config.listConnections()).find((c) => c.partnerKind === 'servicenow' && c.partnerEndpoint === endpoint);
      if (!connection) return outward.send(endpoint, body);
      try {
        const { peer } = await serviceNowPeerFor(routed, connection);
        const result = await peer.inbound.send(endpoint, body);
        await peer.flush();
        return result;
      } catch (e) {
        return { ok: false, error: { kind: 'network', message: `ServiceNow peer: ${(e as Error).message}` } };
      }
    },
  };
  routed.transport = transport;
  return routed;
}
