// The in-process "ServiceNow peer": ServiceNow cannot run Liaison, so the Jira side runs the core a
// second time as if it were the partner site, with a ServiceNowTracker, a namespaced view of the
// same ledger, a rule derived from the Jira rule, and transports that hand messages straight to
// the other side's receiveMessage. Both sides sign with the connection's one secret.
import { PeerLedgerStore, type PeerLinks } from '../../adapters/servicenow/peer-ledger-store';
import type { Connection } from '../../core/connection';
import { localIssueId } from '../../core/ids';
import type { ConfigStore } from '../../core/ports/config-store';
import type { Outbox } from '../../core/ports/outbox';
import type { Tracker } from '../../core/ports/tracker';
import type { Transport, TransportResult } from '../../core/ports/transport';
import type { SharingRule } from '../../core/rules/schema';
import type { SyncDeps } from '../../core/sync/deps';
import { receiveMessage } from '../../core/sync/receive-message';
import type { ReceiveResult } from '../../core/sync/responses';
import { TrackerError, trackerRetryAfterMs } from '../../core/sync/tracker-error';
import { holdingErrors } from './held-errors';
import { flushPeerOutbox, type FlushOptions, type FlushReport } from './peer-flush';
import { peerRule } from './peer-rule';

export const PEER_NAMESPACE = 'sn-peer:';
/** What the peer's connection record names as its partner: delivery never leaves the process. */
export const PEER_ENDPOINT = 'https://liaison-peer.invalid/jira';

export function toTransportResult(r: ReceiveResult): TransportResult {
  return r.status === 200
    ? { ok: true, status: 200, body: r.body }
    : { ok: false, error: { kind: 'http', status: r.status, body: r.body, ...(r.retryAfterMs === undefined ? {} : { retryAfterMs: r.retryAfterMs }) } };
}

/** The peer's view of configuration: one connection, one derived rule per Jira rule; read-only. */
function peerConfig(connection: Connection, table: string, jiraRules: () => Promise<SharingRule[]>): ConfigStore {
  const peerConnection: Connection = { ...connection, partnerKind: 'jira', partnerEndpoint: PEER_ENDPOINT };
  // One record pairs with one Jira issue; the first Jira rule is the one the peer mirrors.
  const rules = async () => (await jiraRules()).slice(0, 1).map((r) => peerRule(r, table));
  const readOnly = () => Promise.reject(new Error('the ServiceNow peer does not change configuration'));
  return {
    getConnection: async (id) => (id === connection.id ? peerConnection : null),
    putConnection: readOnly,
    listConnections: async () => [peerConnection],
    deleteConnection: readOnly,
    getRuleHistory: async () => [],
    appendRuleVersion: readOnly,
    currentRules: async (id) => (id === connection.id ? rules() : []),
    rulesForProject: async (projectKey) => (projectKey === table ? rules() : []),
  };
}

export type ServiceNowPeerInput = {
  /** The Jira side's deps: its store, secrets, clock and ids are shared. */
  jira: SyncDeps;
  connection: Connection;
  table: string;
  tracker: Tracker;
  /** Deps that apply a message on the Jira side (the app: syncDepsForConnection). */
  jiraReceiver: (body: string) => Promise<SyncDeps>;
  /**
   * Where the peer's messages to the Jira side wait (the app: KvsPeerOutbox of the connection).
   * `queuedHere`: how many it queued in this invocation, when it counts them.
   */
  outbox: Outbox & { queuedHere?: number };
  /** Liaison's link on a record as the tracker last read it (ServiceNowTracker.liaisonLink, for PeerLedgerStore). */
  link?: PeerLinks['link'];
};

export type ServiceNowPeer = {
  /** The connection it serves (its deps see it with the peer's own partner endpoint). */
  connectionId: string;
  deps: SyncDeps;
  /** The Jira side's transport for this connection: delivers into ServiceNow and answers the ack. */
  inbound: Transport;
  /** Sends the peer's due messages (replies, polled changes) to the Jira side; failures stay queued and back off. */
  flush(options?: FlushOptions): Promise<FlushReport>;
  /** Whether this invocation queued anything for the Jira side (unknown counts as yes). */
  queuedHere(): boolean;
};

/**
 * A receiver that throws is what a web trigger's 500 would be between two sites: a failure the
 * sender retries, never an exception out of its send. A tracker that was unavailable (ServiceNow
 * or Jira answering 429/5xx to a read outside the apply) is a 503 carrying its Retry-After.
 */
async function delivered(receive: () => Promise<ReceiveResult>): Promise<TransportResult> {
  try {
    return toTransportResult(await receive());
  } catch (e) {
    const unavailable = e instanceof TrackerError && e.transient;
    const retryAfterMs = unavailable ? trackerRetryAfterMs(e) : undefined;
    const body = `the receiving side failed: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: { kind: 'http', status: unavailable ? 503 : 500, body, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
  }
}

export function createServiceNowPeer(input: ServiceNowPeerInput): ServiceNowPeer {
  const { jira, connection, table } = input;
  const toJira: Transport = { send: async (_endpoint, body) => delivered(async () => receiveMessage(await input.jiraReceiver(body), body)) };
  // The Jira side signs refs to its own inbox, which serves Jira attachments only: a record's
  // attachments go out with their ServiceNow download link instead.
  // Nor does it hold link requests: it binds a record only when its own Jira side asks (scope still applies).
  // Nor does it relay: the record has one partner, its own Jira side, which relays for itself.
  const { attachmentRef: _jiraRefs, linkRequests: _requests, relay: _relay, ...shared } = jira;
  const deps: SyncDeps = {
    ...shared,
    // A linked record's Jira key to the issue's id: the Jira side's read (null when Jira has no such issue).
    store: new PeerLedgerStore(jira.store, PEER_NAMESPACE, connection.role, { ...(input.link ? { link: input.link } : {}), jiraIssueId: async (key) => (await jira.tracker.getIssue(localIssueId(key)))?.id ?? null }),
    config: peerConfig(connection, table, () => jira.config.currentRules(connection.id)),
    outbox: input.outbox,
    transport: toJira,
    tracker: input.tracker,
  };
  const inbound: Transport = {
    // The peer's own replies wait for flush(): delivering them now would re-enter the Jira side
    // while it is still settling this very send.
    send: async (_endpoint, body) => delivered(async () => {
      const errors = holdingErrors(deps.store);
      let answer: ReceiveResult | null = null;
      try {
        answer = await receiveMessage({ ...deps, store: errors.store }, body);
        return answer;
      } finally {
        await errors.release(answer);
      }
    }),
  };
  return { connectionId: connection.id, deps, inbound, flush: (options) => flushPeerOutbox(deps, options), queuedHere: () => (input.outbox.queuedHere ?? 1) > 0 };
}
