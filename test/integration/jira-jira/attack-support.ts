// A hostile but authenticated partner: it holds the real connection secret (read here from the
// site's own secret store, where the handshake put it) and signs what it likes, delivered through
// the real partner-inbox web trigger over the sandbox's HTTP host, exactly as a partner's POST.
import { randomUUID } from 'node:crypto';
import { keyOf } from '../../../src/adapters/forge/kvs-keys';
import { hashValue } from '../../../src/core/replica/value';
import type { ReplicaValue } from '../../../src/core/replica/value';
import { PROTOCOL_VERSION, type Envelope, type ReplicaBody } from '../../../src/core/protocol/envelope';
import { signEnvelope } from '../../../src/core/protocol/sign';
import type { SandboxWorld } from '../../../sandbox/world';
import type { SiteHandle } from './support';

/** The connection secret as the site stores it (the KVS secret store of its installation). */
export function connectionSecret(site: SiteHandle, connectionId: string): string {
  const row = site.site.installation.store.get('secret', `secret:connection:${keyOf(connectionId)}`);
  if (!row) throw new Error(`${site.name} holds no secret for connection ${connectionId}`);
  return JSON.parse(row.value) as string;
}

/** POSTs `body` to the site's partner inbox through the world's HTTP host; the status and parsed answer. */
export async function postToInbox(world: SandboxWorld, site: SiteHandle, body: string): Promise<{ status: number; body: { error?: string; message?: string } & Record<string, unknown> }> {
  const url = new URL(site.site.installation.webTriggerUrl('partner-inbox'));
  const host = world.platform.hosts.resolve(url.hostname);
  if (!host) throw new Error(`no host serves ${url.hostname}`);
  const res = await host.request({ method: 'POST', path: url.pathname + url.search, headers: { 'content-type': 'application/json' }, body });
  const raw = res.body === undefined ? '' : typeof res.body === 'string' ? res.body : Buffer.from(res.body).toString('utf8');
  try {
    return { status: res.status, body: JSON.parse(raw) as Record<string, unknown> };
  } catch {
    return { status: res.status, body: { raw } };
  }
}

export const text = (t: string): ReplicaValue => ({ kind: 'text', text: t });

/** A replica body as a partner would send it: its own issue as origin, the fields it claims. */
export function replicaBody(origin: { issueId: string; issueKey: string; projectKey: string }, fields: Record<string, ReplicaValue>, now: number, extra: Partial<ReplicaBody> = {}): ReplicaBody {
  return {
    origin, create: false,
    replica: { fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v, ts: now, hash: hashValue(v) }])), comments: [], attachments: [] },
    clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, { mine: 50, yours: 0 }])),
    ...extra,
  } as ReplicaBody;
}

type Signed = { connectionId: string; secret: string; now: number };

export function signed(kind: 'replica' | 'ack' | 'unlink', s: Signed, pairId: string, seq: number, body: unknown): string {
  const env = { v: PROTOCOL_VERSION, connectionId: s.connectionId, messageId: randomUUID(), sentAt: s.now, pairId, seq, kind, body } as Envelope;
  return signEnvelope(env, s.secret);
}

export function signedBatch(s: Signed, items: string[]): string {
  const env = { v: PROTOCOL_VERSION, connectionId: s.connectionId, messageId: randomUUID(), sentAt: s.now, pairId: null, seq: null, kind: 'batch', body: { items } } as Envelope;
  return signEnvelope(env, s.secret);
}
