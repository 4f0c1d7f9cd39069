// The hot path's view of configuration: one read per invocation instead of three or four.
//
// A change on an issue needs its project's rules, the connections they name and those connections'
// secrets; a partner's message needs its connection, that connection's rules and its secret. Read
// from their own records (connection entity, rule index query, secret store) that is 3–4 KVS
// operations before any sync work starts. A *route* is all of it, denormalised into one record per
// project and per connection. Routes hold secrets, so they live in the secret store too.
//
// Routes are derived, never the truth: every configuration write through this store rebuilds the
// routes it touches, a missing route is built from the truth on first use, and the scheduled
// maintenance rebuilds them all (`rebuildAll`), so a route left stale by a crash between a write
// and its rebuild heals within one maintenance period.
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
};

export type RoutedConfigOptions = {
  /** A route that cannot be stored (too large, storage refused): correct without it, only slower. */
  onRouteError?: (key: RouteKey, error: unknown) => void;
  /** Per-connection data to keep in routes too (undefined: nothing); read when a route is rebuilt. */
  extra?: (connection: Connection) => Promise<unknown>;
};

export type RouteKey = { kind: 'project' | 'connection'; id: string };

/** Where routes are kept (Forge: the KVS secret store, see KvsRouteStore). */
export interface RouteStore {
  get(key: RouteKey): Promise<Route | null>;
  put(key: RouteKey, route: Route): Promise<void>;
  delete(key: RouteKey): Promise<void>;
}

export class RoutedConfig implements ConfigStore, Secrets {
  private readonly loaded = new Map<string, Promise<Route>>();
  private readonly resolved: Route[] = [];

  constructor(
    private readonly config: ConfigStore,
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
    await this.config.putConnection(connection);
    await this.rebuildConnection(connection.id);
  }

  async deleteConnection(id: string): Promise<void> {
    await this.config.deleteConnection(id);
    await this.rebuildConnection(id);
  }

  async appendRuleVersion(connectionId: string, projectKey: string, version: RuleVersion): Promise<void> {
    await this.config.appendRuleVersion(connectionId, projectKey, version);
    this.forget();
    await this.rebuild({ kind: 'project', id: projectKey });
    await this.rebuildConnection(connectionId);
  }

  async putConnectionSecret(connectionId: string, secret: string): Promise<void> {
    await this.secrets.putConnectionSecret(connectionId, secret);
    await this.rebuildConnection(connectionId);
  }

  async deleteConnectionSecrets(connectionId: string): Promise<void> {
    await this.secrets.deleteConnectionSecrets(connectionId);
    await this.rebuildConnection(connectionId);
  }

  /** Maintenance: every connection's route and every route of a project they share. */
  async rebuildAll(): Promise<number> {
    let n = 0;
    for (const c of await this.config.listConnections()) n += await this.rebuildConnection(c.id);
    return n;
  }

  // ---- internals

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
  private async rebuildConnection(connectionId: string): Promise<number> {
    this.forget();
    const route = await this.rebuild({ kind: 'connection', id: connectionId }, { afterWrite: true });
    const projects = [...new Set(route.rules.map((r) => r.projectKey))];
    for (const p of projects) await this.rebuild({ kind: 'project', id: p });
    return 1 + projects.length;
  }

  private async rebuild(key: RouteKey, how: { afterWrite?: boolean } = {}): Promise<Route> {
    const rules = key.kind === 'project' ? await this.config.rulesForProject(key.id) : await this.config.currentRules(key.id);
    const ids = new Set(rules.map((r) => r.connectionId));
    if (key.kind === 'connection') ids.add(key.id);
    const route: Route = { v: 2, rules, connections: {}, secrets: {}, connectionRules: {}, extras: {} };
    for (const id of ids) {
      const connection = await this.config.getConnection(id);
      route.connections[id] = connection;
      if (!connection) continue;
      const secret = await this.secrets.getConnectionSecret(id);
      if (secret) route.secrets[id] = secret;
      route.connectionRules[id] = key.kind === 'connection' && id === key.id ? rules : await this.config.currentRules(id);
      const extra = this.options.extra ? await this.options.extra(connection) : undefined;
      if (extra !== undefined) route.extras[id] = extra;
    }
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
