// The hot path's view of configuration: one read per invocation instead of three or four.
//
// A change on an issue needs its project's rules, the connections they name and those connections'
// secrets; a partner's message needs its connection, that connection's rules and its secret. Read
// from their own records (connection entity, rule index query, secret store) that is 3–4 KVS
// operations before any sync work starts. A *route* is all of it, denormalised into one record per
// project and per connection. Routes hold secrets, so they live in the secret store too.
//
// Routes are derived, never the truth: every configuration write through this store rebuilds the
// routes it touches, and a missing route is built from the truth on first use. Forge's index queries
// are only eventually consistent, so a rebuild right after a rule save takes the version just
// written from the save itself, not from the index. Every write first stamps "configuration
// changed"; the scheduled maintenance rebuilds all routes only when a change came after its last
// rebuild (or a day has passed), so a route left stale by a crash or by index lag heals within one
// maintenance period, and an idle installation pays two reads for it. Forge gives no bound on the
// lag, so a rebuild checks each rule the index handed it against the current rule read by key
// (one read per rule, only when routes are rebuilt): a stale rule is replaced by the truth, and a
// maintenance that met one rebuilds again next run, until the index agrees. A rule the index does
// not return at all (its record newer than the index, past the ten minutes a save is read back) is
// kept from the route being rebuilt, which names it, and read by key like the others.
import type { Connection } from '../../core/connection';
import type { ConfigStore } from '../../core/ports/config-store';
import type { Secrets } from '../../core/ports/secrets';
import type { SharingRule } from '../../core/rules/schema';
import type { PendingInvitation } from '../../core/protocol/invitation';
import type { RuleVersion } from '../../core/rules/versions';

/**
 * `connections[id]` null: the rule's connection is gone. `connectionRules[id]`: every current rule
 * of each connection named (a change's handling may need its connection's other rules too).
 * `extras[id]`: what the app keeps per connection besides its secret (a ServiceNow connection's
 * instance settings), see RoutedConfigOptions.extra.
 */
export type Route = {
  v: 2;
  rules: SharingRule[];
  connections: Record<string, Connection | null>;
  secrets: Record<string, string>;
  connectionRules: Record<string, SharingRule[]>;
  extras: Record<string, unknown>;
  /**
   * Connection routes: per project of the connection's rules, every live connection sharing it
   * (this one included), so a partner's message learns at no cost whether its change concerns other
   * partners too (core/sync/relay.ts). Absent in routes built before it: the project route answers.
   */
  sharing?: Record<string, string[]>;
};

export type RoutedConfigOptions = {
  /** A route that cannot be stored (too large, storage refused): correct without it, only slower. */
  onRouteError?: (key: RouteKey, error: unknown) => void;
  /** Per-connection data to keep in routes too (undefined: nothing); read when a route is rebuilt. */
  extra?: (connection: Connection) => Promise<unknown>;
  /** The time (ms); Date.now by default. */
  now?: () => number;
};

/** A full rebuild is due at least this often, even with no change recorded. */
export const FULL_REBUILD_MS = 24 * 3_600_000;
/** Changes this close before a rebuild may not have reached the index it read: rebuilt again next time. */
export const INDEX_SETTLE_MS = 60_000;

export type RouteKey = { kind: 'project' | 'connection'; id: string };

/** Where routes are kept (Forge: the KVS secret store, see KvsRouteStore). */
export interface RouteStore {
  get(key: RouteKey): Promise<Route | null>;
  put(key: RouteKey, route: Route): Promise<void>;
  delete(key: RouteKey): Promise<void>;
  /** When configuration last changed, and when routes were last rebuilt from a settled index (0: never). */
  stamps?(): Promise<{ changedAt: number; rebuiltAt: number }>;
  markChanged?(at: number): Promise<void>;
  markRebuilt?(at: number): Promise<void>;
}

/** Key-order-free JSON, for comparing two records. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The newer of two health stamps (absent or null: none). */
function newerStamp(a: number | null | undefined, b: number | null | undefined): number | null | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Math.max(a, b);
  return typeof a === 'number' ? a : typeof b === 'number' ? b : a;
}

const sameButHealth = (a: Connection, b: Connection): boolean => canonical({ ...a, lastExchangeAt: undefined }) === canonical({ ...b, lastExchangeAt: undefined });

/** The rule just written, laid over what an (eventually consistent) index query returned. */
function overlay(rules: SharingRule[], written: SharingRule | undefined, applies: boolean): SharingRule[] {
  if (!written || !applies) return rules;
  const same = (r: SharingRule) => r.connectionId === written.connectionId && r.projectKey === written.projectKey;
  return [...rules.filter((r) => !same(r)), written];
}

/**
 * `named` (rules a stored route or a just-rebuilt route holds) added to what an index query returned
 * where the index lacks them: a rule whose record the index has not shown yet (Forge gives no bound
 * on the lag, and a save is read back only for ten minutes, kvs-recent-writes.ts) stays in the
 * routes; confirm() then reads each by key, so one since removed drops out.
 */
function withNamed(rules: SharingRule[], named: readonly SharingRule[], belongs: (r: SharingRule) => boolean): SharingRule[] {
  const id = (r: SharingRule) => `${r.connectionId}\u0000${r.projectKey}`;
  const has = new Set(rules.map(id));
  const out = [...rules];
  for (const r of named) {
    if (!belongs(r) || has.has(id(r))) continue;
    has.add(id(r));
    out.push(r);
  }
  return out;
}

/** The current rule of (connection, project) read by key, strongly consistent (ForgeConfigStore.currentRule). */
type ByKey = { currentRule?(connectionId: string, projectKey: string): Promise<SharingRule | null> };

export class RoutedConfig implements ConfigStore, Secrets {
  private readonly loaded = new Map<string, Promise<Route>>();
  private readonly resolved: Route[] = [];
  /** Whether a rebuild found the index behind the rules read by key (see rebuildAll). */
  private indexBehind = false;

  constructor(
    private readonly config: ConfigStore & ByKey,
    private readonly secrets: Secrets,
    private readonly routes: RouteStore,
    private readonly options: RoutedConfigOptions = {},
  ) {}

  // ---- reads served by routes

  async rulesForProject(projectKey: string): Promise<SharingRule[]> {
    return (await this.route({ kind: 'project', id: projectKey })).rules;
  }

  async currentRules(connectionId: string): Promise<SharingRule[]> {
    for (const r of this.resolved) if (r.connectionRules[connectionId]) return r.connectionRules[connectionId];
    return (await this.route({ kind: 'connection', id: connectionId })).rules;
  }

  /** The connection's extra data (RoutedConfigOptions.extra), from a route already read if any. */
  async extraFor(connectionId: string): Promise<unknown> {
    for (const r of this.resolved) if (connectionId in r.connections) return r.extras[connectionId];
    return (await this.route({ kind: 'connection', id: connectionId })).extras[connectionId];
  }

  /**
   * From the project's route if this invocation read it already, else from the connection's route
   * (read already for its message); the project's route when that says nothing.
   */
  async connectionsSharing(projectKey: string, via: string): Promise<string[]> {
    const project = this.loaded.get(`project:${projectKey}`);
    if (project) return (await project).rules.map((r) => r.connectionId);
    const known = (await this.route({ kind: 'connection', id: via })).sharing?.[projectKey];
    return known ?? (await this.rulesForProject(projectKey)).map((r) => r.connectionId);
  }

  /** From a route already read, else from the connection's own route (which brings its secret and rules along). */
  async getConnection(id: string): Promise<Connection | null> {
    for (const r of this.resolved) if (id in r.connections) return r.connections[id] ?? null;
    return (await this.route({ kind: 'connection', id })).connections[id] ?? null;
  }

  async getConnectionSecret(connectionId: string): Promise<string | null> {
    for (const r of this.resolved) if (connectionId in r.connections) return r.secrets[connectionId] ?? null;
    return this.secrets.getConnectionSecret(connectionId);
  }

  // ---- reads that always go to the truth (admin pages, handshakes)

  listConnections(): Promise<Connection[]> {
    return this.config.listConnections();
  }

  getRuleHistory(connectionId: string, projectKey: string): Promise<RuleVersion[]> {
    return this.config.getRuleHistory(connectionId, projectKey);
  }

  getPendingInvitation(connectionId: string): Promise<PendingInvitation | null> {
    return this.secrets.getPendingInvitation(connectionId);
  }

  putPendingInvitation(invitation: PendingInvitation): Promise<void> {
    return this.secrets.putPendingInvitation(invitation);
  }

  // ---- writes: the truth first, then every route they touch

  async putConnection(connection: Connection): Promise<void> {
    const routeCopy = this.resolved.find((r) => r.connections[connection.id])?.connections[connection.id];
    if (routeCopy && sameButHealth(routeCopy, connection) && (connection.lastExchangeAt ?? 0) > (routeCopy.lastExchangeAt ?? 0)) return this.putHealthStamp(connection);
    // A route's copy keeps the health stamp the route was built with (a ping's stamp rebuilds no
    // route), so a write made from that copy (a profile received, a limit changed) would take the
    // last ping back in time, and the maintenance would ping and re-check the profile again within
    // minutes. The stamp written is the newer of the two; the truth is read once for it.
    const truth = await this.config.getConnection(connection.id);
    const next: Connection = { ...connection, lastExchangeAt: newerStamp(connection.lastExchangeAt, truth?.lastExchangeAt) };
    if (truth && sameButHealth(truth, next)) return this.putHealthStamp(next);
    await this.markChanged();
    await this.config.putConnection(next);
    await this.rebuildConnection(connection.id);
  }

  /** A health stamp (the ping's lastExchangeAt) changes nothing a route is used for; routes read here see it too. */
  private async putHealthStamp(connection: Connection): Promise<void> {
    await this.config.putConnection(connection, { healthOnly: true });
    for (const r of this.resolved) {
      const copy = r.connections[connection.id];
      if (copy) r.connections[connection.id] = { ...copy, lastExchangeAt: connection.lastExchangeAt };
    }
  }

  async deleteConnection(id: string): Promise<void> {
    await this.markChanged();
    await this.config.deleteConnection(id);
    await this.rebuildConnection(id);
  }

  async appendRuleVersion(connectionId: string, projectKey: string, version: RuleVersion): Promise<void> {
    await this.markChanged();
    await this.config.appendRuleVersion(connectionId, projectKey, version);
    this.forget();
    const project = await this.rebuild({ kind: 'project', id: projectKey }, { written: version.rule });
    await this.rebuildConnection(connectionId, version.rule);
    // The project's other connections learn that it is shared with one more (or the same) partner.
    for (const other of new Set(project.rules.map((r) => r.connectionId))) {
      if (other !== connectionId) await this.rebuild({ kind: 'connection', id: other }, { written: version.rule });
    }
  }

  async putConnectionSecret(connectionId: string, secret: string): Promise<void> {
    await this.markChanged();
    await this.secrets.putConnectionSecret(connectionId, secret);
    await this.rebuildConnection(connectionId);
  }

  async deleteConnectionSecrets(connectionId: string): Promise<void> {
    await this.markChanged();
    await this.secrets.deleteConnectionSecrets(connectionId);
    await this.rebuildConnection(connectionId);
  }

  /** Every connection's route and every route of a project they share. */
  async rebuildAll(): Promise<number> {
    const started = this.now();
    this.indexBehind = false;
    let n = 0;
    for (const c of await this.config.listConnections()) n += await this.rebuildConnection(c.id);
    // An index still behind the truth: the next maintenance rebuilds again (0: "never rebuilt").
    await this.routes.markRebuilt?.(this.indexBehind ? 0 : started - INDEX_SETTLE_MS);
    return n;
  }

  /**
   * Maintenance: rebuilds all routes when configuration changed since the last rebuild (or a day
   * passed, or the store keeps no stamps); else nothing. Returns how many routes were rebuilt.
   * `known`: the stamps as the caller read them already (the maintenance, with its schedule).
   */
  async rebuildIfDue(known?: { changedAt: number; rebuiltAt: number }): Promise<number> {
    const stamps = known ?? (await this.routes.stamps?.());
    if (stamps && stamps.changedAt < stamps.rebuiltAt && this.now() - stamps.rebuiltAt < FULL_REBUILD_MS) return 0;
    return this.rebuildAll();
  }

  // ---- internals

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Before a configuration write: a crash after it leaves the maintenance a change to rebuild from. */
  private async markChanged(): Promise<void> {
    await this.routes.markChanged?.(this.now());
  }

  private forget(): void {
    this.loaded.clear();
    this.resolved.length = 0;
  }

  private route(key: RouteKey): Promise<Route> {
    const id = `${key.kind}:${key.id}`;
    let p = this.loaded.get(id);
    if (!p) {
      p = this.load(key);
      this.loaded.set(id, p);
      p.then((r) => this.resolved.push(r), () => this.loaded.delete(id));
    }
    return p;
  }

  private async load(key: RouteKey): Promise<Route> {
    const stored = await this.routes.get(key);
    if (stored) return stored;
    return this.rebuild(key);
  }

  /** Rebuilds the connection's route and those of the projects its rules share; returns how many. */
  private async rebuildConnection(connectionId: string, written?: SharingRule): Promise<number> {
    this.forget();
    const route = await this.rebuild({ kind: 'connection', id: connectionId }, { afterWrite: true, written });
    const projects = [...new Set(route.rules.map((r) => r.projectKey))].filter((p) => p !== written?.projectKey);
    // The connection's rules, as just confirmed by key, belong on their projects' routes whatever the index says.
    for (const p of projects) await this.rebuild({ kind: 'project', id: p }, { written, known: route.rules.filter((r) => r.projectKey === p) });
    return 1 + projects.length;
  }

  /** Per project of `rules`, the live connections whose rules share it (`written` laid over the index). */
  private async sharing(rules: SharingRule[], written: SharingRule | undefined): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const projectKey of new Set(rules.map((r) => r.projectKey))) {
      const ids = new Set(overlay(await this.config.rulesForProject(projectKey), written, written?.projectKey === projectKey).map((r) => r.connectionId));
      const live: string[] = [];
      for (const id of ids) {
        const c = await this.config.getConnection(id);
        if (c && c.state !== 'ended') live.push(id);
      }
      out[projectKey] = live.sort();
    }
    return out;
  }

  /**
   * The rules an index query returned, each checked against the current rule read by key: the index
   * may still hold an older version (or a rule since removed). `written` is fresh already.
   */
  private async confirm(rules: SharingRule[], written: SharingRule | undefined): Promise<SharingRule[]> {
    if (!this.config.currentRule) return rules;
    const out: SharingRule[] = [];
    for (const r of rules) {
      if (r === written) {
        out.push(r);
        continue;
      }
      const fresh = await this.config.currentRule(r.connectionId, r.projectKey);
      if (!fresh || canonical(fresh) !== canonical(r)) this.indexBehind = true;
      if (fresh) out.push(fresh);
    }
    return out;
  }

  /**
   * `written`: a rule just saved, which the index may not show yet. `known`: rules of this route read
   * by key already. The route as stored names rules too: each one the index lacks is read by key.
   */
  private async rebuild(key: RouteKey, how: { afterWrite?: boolean; written?: SharingRule; known?: SharingRule[] } = {}): Promise<Route> {
    const read = key.kind === 'project' ? await this.config.rulesForProject(key.id) : await this.config.currentRules(key.id);
    const w = how.written;
    // Only when rules can be confirmed by key: without that the stored route is no better than the index.
    const before = this.config.currentRule ? await this.routes.get(key).catch(() => null) : null;
    const mine = (r: SharingRule) => (key.kind === 'project' ? r.projectKey : r.connectionId) === key.id;
    const named = withNamed(read, [...(how.known ?? []), ...(before?.rules ?? [])], mine);
    const rules = await this.confirm(overlay(named, w, key.kind === 'project' ? w?.projectKey === key.id : w?.connectionId === key.id), w);
    const ids = new Set(rules.map((r) => r.connectionId));
    if (key.kind === 'connection') ids.add(key.id);
    const route: Route = { v: 2, rules, connections: {}, secrets: {}, connectionRules: {}, extras: {} };
    for (const id of ids) {
      const connection = await this.config.getConnection(id);
      route.connections[id] = connection;
      if (!connection) continue;
      const secret = await this.secrets.getConnectionSecret(id);
      if (secret) route.secrets[id] = secret;
      route.connectionRules[id] = key.kind === 'connection' && id === key.id ? rules : await this.confirm(overlay(withNamed(await this.config.currentRules(id), before?.connectionRules[id] ?? [], (r) => r.connectionId === id), w, w?.connectionId === id), w);
      const extra = this.options.extra ? await this.options.extra(connection) : undefined;
      if (extra !== undefined) route.extras[id] = extra;
    }
    if (key.kind === 'connection' && route.connections[key.id]) route.sharing = await this.sharing(rules, w);
    // A connection that does not exist gets no record: ids from unverified requests must not be
    // able to fill the store (its empty route is still answered, from the truth, each time).
    // After a write (the connection was deleted) its old record goes, or reads would still find it.
    const gone = key.kind === 'connection' && !route.connections[key.id];
    if (gone && !how.afterWrite) return route;
    try {
      await (gone ? this.routes.delete(key) : this.routes.put(key, route));
    } catch (e) {
      // Too large for one record, or storage refused: correct without it, only slower.
      this.options.onRouteError?.(key, e);
    }
    return route;
  }
}
