// An emulated Jira Cloud site: REST v3 over HTTP (Basic auth) and in-process (`request()`, used by the
// Forge runtime emulator for requestJira), one shared router, SQLite persistence, product events and faults.
import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Catalog } from './catalog';
import type { RequestScope, SiteContext, SiteSettings } from './context';
import { JiraError } from './errors';
import { EventBus, type EventListener } from './event-bus';
import { registerPropertyAlias } from './jql/property-field';
import { SiteFaults } from './faults';
import { createSiteServer } from './http-server';
import { Router, type RouteResult } from './router';
import { attachmentRoutes } from './routes-attachments';
import { commentRoutes } from './routes-comments';
import { worklogRoutes } from './routes-worklogs';
import { createMetaRoutes } from './routes-createmeta';
import { issueRoutes } from './routes-issues';
import { metaRoutes } from './routes-meta';
import { projectPartRoutes } from './project-parts';
import { pointCost } from './point-cost';
import { JiraRateLimits, type RateLimitConfig } from './rate-limits';
import { propertyRoutes } from './routes-properties';
import { remoteLinkRoutes } from './routes-remote-links';
import { issueLinkRoutes } from './routes-issue-links';
import { searchRoutes } from './routes-search';
import { jqlRoutes } from './routes-jql';
import { userRoutes } from './routes-users';
import { workflowRoutes } from './routes-workflows';
import { serviceDeskRoutes } from './jsm/routes';
import { applySeed, defaultSeed, userRecord } from './seed';
import { SiteStore } from './store';
import type { SiteRequest, SiteResponse, SiteSeed, UserSeed } from './types';

export interface JiraSiteOptions {
  /** Site name: `https://<name>.atlassian.net`, database `jira-<name>.db`. */
  name: string;
  /** Directory of the SQLite file; in-memory when absent. */
  dataDir?: string;
  /** Used only when the database is new; `defaultSeed(name)` when absent. */
  seed?: SiteSeed;
  now?: () => number;
  /** Seed of the fault PRNG (fractional faults), for reproducible runs. */
  faultSeed?: number;
  /** Attachment size cap in bytes (default 10 MiB). */
  attachmentMaxBytes?: number;
  /** Jira Cloud's rate limits, on by default at DEFAULT_RATE_LIMITS; lower or raise one only for a stated reason. */
  rateLimits?: Partial<RateLimitConfig>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function uuidFrom(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export class JiraSite {
  readonly name: string;
  readonly cloudId: string;
  readonly siteUrl: string;
  readonly faults: SiteFaults;
  readonly settings: SiteSettings;
  /** Points quota, per-endpoint burst and per-issue write limits (see rate-limits.ts). */
  readonly rateLimits: JiraRateLimits;
  private readonly store: SiteStore;
  private readonly context: SiteContext;
  private readonly router = new Router([
    ...issueRoutes,
    ...commentRoutes,
    ...worklogRoutes,
    ...propertyRoutes,
    ...remoteLinkRoutes,
    ...issueLinkRoutes,
    ...attachmentRoutes,
    ...searchRoutes,
    ...jqlRoutes,
    ...metaRoutes,
    ...projectPartRoutes,
    ...workflowRoutes,
    ...createMetaRoutes,
    ...userRoutes,
    ...serviceDeskRoutes,
  ]);
  private readonly bus: EventBus;
  private server: Server | undefined;
  private port: number | undefined;
  private host = '127.0.0.1';

  constructor(options: JiraSiteOptions) {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(options.name)) throw new Error(`JiraSite: invalid site name '${options.name}'`);
    this.name = options.name.toLowerCase();
    this.cloudId = uuidFrom(`jira-site:${this.name}`);
    this.siteUrl = `https://${this.name}.atlassian.net`;
    this.faults = new SiteFaults(options.faultSeed ?? 1);
    this.settings = { attachmentMaxBytes: options.attachmentMaxBytes ?? 10 * 1024 * 1024 };
    this.store = new SiteStore(this.name, options.dataDir);
    const now = options.now ?? Date.now;
    this.context = {
      name: this.name,
      cloudId: this.cloudId,
      siteUrl: this.siteUrl,
      store: this.store,
      catalog: new Catalog(this.store),
      settings: this.settings,
      now,
    };
    this.bus = new EventBus(this.faults);
    this.rateLimits = new JiraRateLimits(options.rateLimits ?? {}, () => this.context.now());
    if (!this.store.getMeta<boolean>('seeded')) {
      this.store.transaction(() => {
        applySeed(this.context, options.seed ?? defaultSeed(this.name));
        this.store.setMeta('seeded', true);
      });
    }
  }

  /** `http://<host>:<port>` once listening. */
  get baseUrl(): string {
    if (this.port === undefined) throw new Error(`JiraSite ${this.name} is not listening; call listen() first`);
    return `http://${this.host}:${this.port}`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<void> {
    if (this.server) throw new Error(`JiraSite ${this.name} is already listening on ${this.baseUrl}`);
    const server = createSiteServer(this.store, (req) => this.request(req));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.host = host;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops the HTTP server, delivers held events, and closes the database. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.port = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.bus.settled();
    this.bus.flushHeld();
    this.store.close();
  }

  onEvent(listener: EventListener): () => void {
    return this.bus.subscribe(listener);
  }

  /** Resolves once every event of the requests answered so far has been delivered (held ones excepted). */
  settled(): Promise<void> {
    return this.bus.settled();
  }

  /** Delivers events the reorder fault is holding back. */
  flushHeldEvents(): void {
    this.bus.flushHeld();
  }

  addUser(user: UserSeed): void {
    this.store.putUser(userRecord(user));
  }

  /**
   * Makes `alias` a JQL name for `issue.property[propertyKey].path`, as an app's `jira:entityProperty`
   * module does with `searchAlias`. The `issue.property[...]` form itself needs no registration here.
   */
  registerPropertyAlias(alias: string, propertyKey: string, path: string): void {
    registerPropertyAlias(this.store, { alias, propertyKey, path });
  }

  async request(req: SiteRequest): Promise<SiteResponse> {
    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const method = req.method.toUpperCase();
    const path = req.path.split('?')[0] ?? '';
    const user = this.store.user(req.actor.accountId);
    if (!user || !user.active) {
      return this.errorResponse(new JiraError(401, ['Client must be authenticated to access this resource.']));
    }
    const fault = this.faults.requestFault({ method, path });
    if (fault?.kind === 'rate-limit') {
      const reset = new Date(this.context.now() + fault.retryAfterSeconds * 1000).toISOString().slice(0, 16) + 'Z';
      return this.errorResponse(
        new JiraError(429, ['Rate limit exceeded.'], {}, {
          'retry-after': String(fault.retryAfterSeconds),
          'ratelimit-reason': fault.reason,
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': reset,
        }),
      );
    }
    const unavailable = () => this.errorResponse(new JiraError(fault?.kind === 'server-error' ? fault.status : 503, ['The service is temporarily unavailable. Try again later.']));
    if (fault?.kind === 'server-error' && !fault.landed) return unavailable();
    const isApp = user.accountType === 'app';
    const admission = this.rateLimits.admit({
      accountId: user.accountId,
      isApp,
      method,
      endpoint: this.router.endpoint(method, req.path) ?? path,
      ...this.writeTarget(method, path),
    });
    if (!admission.ok) return this.errorResponse(new JiraError(429, ['Rate limit exceeded.'], {}, admission.headers));
    const raw = req.bytes ?? req.body;
    const body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const scope: RequestScope = { site: this.context, user, events: [] };
    let result: RouteResult;
    try {
      result = this.store.transaction(() => this.router.dispatch(scope, method, req.path, headers, body));
    } catch (err) {
      if (isApp) Object.assign(admission.headers, this.rateLimits.charge(user.accountId, 1));
      const failure = err instanceof JiraError ? err : new JiraError(500, ['Internal server error']);
      if (!(err instanceof JiraError)) console.error(`[jira-site] ${method} ${req.path} failed:`, err);
      return this.errorResponse(new JiraError(failure.status, failure.errorMessages, failure.errors, { ...admission.headers, ...failure.headers }));
    }
    const charged = isApp ? this.rateLimits.charge(user.accountId, pointCost(method, path, result)) : {};
    result = { ...result, headers: { ...admission.headers, ...charged, ...(result.headers ?? {}) } };
    const response = this.toResponse(result);
    this.bus.publish(scope.events);
    // The write happened; its answer is lost to the caller.
    if (fault?.kind === 'server-error') return unavailable();
    return response;
  }

  /** The issue a write names in its path (`/rest/api/3/issue/{idOrKey}/…`), for the per-issue write limit. */
  private writeTarget(method: string, path: string): { writeIssueId?: string } {
    if (method === 'GET' || method === 'HEAD') return {};
    const idOrKey = /^\/rest\/api\/[23]\/issue\/([^/]+)/.exec(path)?.[1];
    if (!idOrKey || idOrKey === 'bulkfetch' || idOrKey === 'bulk') return {};
    const ref = decodeURIComponent(idOrKey);
    const issue = /^\d+$/.test(ref) ? this.store.issueById(ref) : this.store.issueByKey(ref);
    return issue ? { writeIssueId: issue.id } : {};
  }

  private toResponse(result: RouteResult): SiteResponse {
    const headers: Record<string, string> = { 'x-arequestid': randomUUID(), ...(result.headers ?? {}) };
    if (result.bytes) {
      return { status: result.status, headers, body: Buffer.from(result.bytes).toString('latin1'), bytes: result.bytes };
    }
    if (result.body === undefined) return { status: result.status, headers, body: '' };
    return { status: result.status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(result.body) };
  }

  private errorResponse(err: JiraError): SiteResponse {
    return {
      status: err.status,
      headers: { 'content-type': JSON_TYPE, 'x-arequestid': randomUUID(), ...err.headers },
      body: JSON.stringify(err.body()),
    };
  }
}
