// Two Liaison sites wired through the core's own functions and a network that can drop requests,
// drop responses and duplicate deliveries. Reordering and delay come from the caller choosing
// which queued message to send when.
import { connectionId, type ConnectionId } from '../../../../src/core/ids';
import { MemoryLedgerStore } from '../../../../src/core/ledger/memory-store';
import { MemoryOutbox } from '../../../../src/core/ledger/memory-outbox';
import { MemoryConfigStore, MemorySecrets } from '../../../../src/core/ledger/memory-config';
import type { Transport, TransportResult } from '../../../../src/core/ports/transport';
import { parseRule } from '../../../../src/core/rules/parse-rule';
import type { SharingRuleInput } from '../../../../src/core/rules/schema';
import type { SyncDeps } from '../../../../src/core/sync/deps';
import { receiveMessage } from '../../../../src/core/sync/receive-message';
import type { RetryPolicy } from '../../../../src/core/sync/retry-policy';
import { MemoryTracker } from './memory-tracker';

export type NetMode = 'ok' | 'drop-request' | 'drop-response' | 'duplicate';
export type Delivery = { to: string; status: number; ackStatus: string | null; pairId: string | null; seq: number | null; trackerWrites: number };

export const CONNECTION: ConnectionId = connectionId('conn-1');
const ENDPOINT = { a: 'https://a.example/liaison', b: 'https://b.example/liaison' } as const;

/** Retries forever, instantly: the model decides when a message is tried again. */
export const MODEL_RETRY: RetryPolicy = { scheduleMs: Array.from({ length: 10_000 }, () => 1), maxRetryAfterMs: 1 };

export class Site {
  readonly store: MemoryLedgerStore;
  readonly outbox = new MemoryOutbox();
  readonly config = new MemoryConfigStore();
  readonly secrets = new MemorySecrets();
  readonly tracker: MemoryTracker;
  readonly deps: SyncDeps;
  private ids = 0;

  constructor(readonly name: 'a' | 'b', projectKey: string, readonly clock: { t: number }, transport: Transport, retry?: RetryPolicy) {
    this.store = new MemoryLedgerStore(() => clock.t);
    this.tracker = new MemoryTracker(projectKey, () => clock.t);
    this.deps = {
      store: this.store, config: this.config, outbox: this.outbox, transport, tracker: this.tracker, secrets: this.secrets,
      clock: { now: () => clock.t }, ids: { newId: () => `${name}-${++this.ids}` }, retry,
    };
  }
}

export class Network {
  readonly log: Delivery[] = [];
  private sites: Record<'a' | 'b', Site> | null = null;
  mode: NetMode = 'ok';

  attach(a: Site, b: Site): void {
    this.sites = { a, b };
  }

  transportFor(): Transport {
    return { send: (endpoint, body) => this.deliver(endpoint, body) };
  }

  private async deliver(endpoint: string, body: string): Promise<TransportResult> {
    const target = endpoint === ENDPOINT.a ? this.sites!.a : this.sites!.b;
    const mode = this.mode;
    if (mode === 'drop-request') return { ok: false, error: { kind: 'network', message: 'request lost' } };
    const first = await this.process(target, body);
    if (mode === 'duplicate') await this.process(target, body);
    if (mode === 'drop-response') return { ok: false, error: { kind: 'network', message: 'response lost' } };
    return first.status === 200 ? { ok: true, status: 200, body: first.body } : { ok: false, error: { kind: 'http', status: first.status, body: first.body, retryAfterMs: first.retryAfterMs } };
  }

  private async process(target: Site, body: string) {
    const writesBefore = target.tracker.writes;
    const result = await receiveMessage(target.deps, body);
    const env = (JSON.parse(body) as { envelope: { pairId: string | null; seq: number | null } }).envelope;
    let ackStatus: string | null = null;
    if (result.status === 200) ackStatus = (JSON.parse(result.body) as { envelope?: { body?: { status?: string } } }).envelope?.body?.status ?? null;
    this.log.push({ to: target.name, status: result.status, ackStatus, pairId: env.pairId, seq: env.seq, trackerWrites: target.tracker.writes - writesBefore });
    return result;
  }
}

export async function makeTwoSites(ruleA: SharingRuleInput, ruleB: SharingRuleInput, opts: { retry?: RetryPolicy; secret?: string } = {}) {
  const clock = { t: 1_700_000_000_000 };
  const net = new Network();
  const a = new Site('a', 'ALPHA', clock, net.transportFor(), opts.retry);
  const b = new Site('b', 'BETA', clock, net.transportFor(), opts.retry);
  net.attach(a, b);
  const secret = opts.secret ?? 'shared-connection-secret-for-tests';
  for (const [site, rule, role, partner] of [[a, ruleA, 'inviter', ENDPOINT.b], [b, ruleB, 'acceptor', ENDPOINT.a]] as const) {
    const parsed = parseRule(rule);
    if (!parsed.ok) throw new Error(`test rule for site ${site.name} is invalid:\n${parsed.message}`);
    await site.config.putConnection({
      id: CONNECTION, partnerKind: 'jira', partnerEndpoint: partner, state: 'active', role, createdBy: 'admin', createdAt: clock.t,
      contacts: { local: [], partner: [] },
    });
    await site.config.appendRuleVersion(CONNECTION, parsed.value.projectKey, { version: 1, rule: parsed.value, author: 'admin', at: clock.t, comment: 'initial' });
    await site.secrets.putConnectionSecret(CONNECTION, secret);
  }
  return { a, b, clock, net };
}

/** Send everything both sides have queued, over a reliable network, until nothing is left. */
export async function drain(a: Site, b: Site, net: Network, maxRounds = 50): Promise<void> {
  const { sendOutboxEntry } = await import('../../../../src/core/sync/send-outbox-entry');
  net.mode = 'ok';
  for (let round = 0; round < maxRounds; round++) {
    const pending = [...a.outbox.all().map((e) => [a, e] as const), ...b.outbox.all().map((e) => [b, e] as const)].sort(([, x], [, y]) => x.createdAt - y.createdAt || x.seq - y.seq);
    if (pending.length === 0) return;
    for (const [site, entry] of pending) await sendOutboxEntry(site.deps, entry.id);
  }
  throw new Error('outboxes did not drain');
}
