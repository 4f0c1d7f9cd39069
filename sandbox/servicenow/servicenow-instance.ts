// An emulated ServiceNow instance: Table API, Attachment API and the OAuth token endpoint over HTTP and
// in-process (`request()`, what the sandbox routes `https://<name>.service-now.com` to), one shared router,
// SQLite persistence, fault knobs, record-change listeners and the shipped business rule's notices.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SiteFaults } from '../jira/faults';
import { authenticate, oauthToken } from './auth';
import type { BusinessRuleConfig } from './business-rule';
import { ChangeDispatch, type NoticeLog } from './change-dispatch';
import type { InstanceContext, InstanceSettings, RequestScope } from './context';
import { aclDenied, notAuthenticated, noResource, SnError, unreadableRequest, type AclOperation } from './errors';
import { createInstanceServer } from './http-server';
import { grantRead, revokeRead, setProperty } from './instance-config';
import { Router, type RouteResult } from './router';
import { attachmentRoutes } from './routes-attachment';
import { tableRoutes } from './routes-table';
import { applySeed, createUser, defaultServiceNowSeed } from './seed';
import { InstanceStore } from './store';
import { seededSysId } from './time';
import type { RecordChangeListener, ServiceNowSeed, SnRequest, SnResponse, UserSeed } from './types';

export interface ServiceNowInstanceOptions {
  /** Instance name: `https://<name>.service-now.com`, database `servicenow-<name>.db`. */
  name: string;
  /** Directory of the SQLite file; in-memory when absent. */
  dataDir?: string;
  /** Used only when the database is new; `defaultServiceNowSeed(name)` when absent. */
  seed?: ServiceNowSeed;
  now?: () => number;
  /** Seed of the fault PRNG (fractional faults), for reproducible runs. */
  faultSeed?: number;
  /** com.glide.attachment.max_size in bytes (ServiceNow's default: 1024 MB). */
  attachmentMaxBytes?: number;
  invalidQueryReturnsNoRows?: boolean;
  /** OAuth access token lifetime in seconds (default 1799, what ServiceNow answers as expires_in). */
  accessTokenSeconds?: number;
  /** The shipped data policies (incident close info mandatory when resolved or closed); on by default. */
  dataPolicies?: boolean;
}

/** See ServiceNowInstance.denyAccess. */
export interface AccessDenial {
  when: (req: { method: string; path: string; user: string }) => boolean;
  /** Named in the answer's detail ("ACL Exception Read Failed …"); Read by default. */
  operation?: AclOperation;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
/** ServiceNow refuses REST payloads over 10 MB (attachments have their own limit). */
const MAX_REST_PAYLOAD = 10 * 1024 * 1024;

export class ServiceNowInstance {
  readonly name: string;
  readonly instanceUrl: string;
  readonly faults: SiteFaults;
  readonly settings: InstanceSettings;
  private readonly store: InstanceStore;
  private readonly context: InstanceContext;
  private readonly router = new Router([...tableRoutes, ...attachmentRoutes]);
  private readonly dispatch: ChangeDispatch;
  private denial: AccessDenial | undefined;
  private server: Server | undefined;
  private port: number | undefined;
  private host = '127.0.0.1';

  constructor(options: ServiceNowInstanceOptions) {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(options.name)) throw new Error(`ServiceNowInstance: invalid instance name '${options.name}'`);
    this.name = options.name.toLowerCase();
    this.instanceUrl = `https://${this.name}.service-now.com`;
    this.faults = new SiteFaults(options.faultSeed ?? 1);
    this.settings = {
      attachmentMaxBytes: options.attachmentMaxBytes ?? 1024 * 1024 * 1024,
      invalidQueryReturnsNoRows: options.invalidQueryReturnsNoRows ?? false,
      accessTokenSeconds: options.accessTokenSeconds ?? 1799,
      dataPolicies: options.dataPolicies ?? true,
    };
    this.store = new InstanceStore(this.name, options.dataDir);
    const now = options.now ?? Date.now;
    this.context = { name: this.name, instanceUrl: this.instanceUrl, store: this.store, settings: this.settings, now };
    this.dispatch = new ChangeDispatch(this.faults, now);
    if (!this.store.getMeta<boolean>('seeded')) {
      this.store.transaction(() => {
        applySeed(this.context, options.seed ?? defaultServiceNowSeed(this.name));
        this.store.setMeta('seeded', true);
      });
    }
  }

  /** `http://<host>:<port>` once listening. */
  get baseUrl(): string {
    if (this.port === undefined) throw new Error(`ServiceNowInstance ${this.name} is not listening; call listen() first`);
    return `http://${this.host}:${this.port}`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<void> {
    if (this.server) throw new Error(`ServiceNowInstance ${this.name} is already listening on ${this.baseUrl}`);
    const server = createInstanceServer((req, origin) => this.handle(req, origin));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.host = host;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops the HTTP server, lets pending notices go out, and closes the database. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.port = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.dispatch.settled();
    this.store.close();
  }

  /** Called after every insert, update and delete, once the causing response exists. */
  onRecordChange(listener: RecordChangeListener): () => void {
    return this.dispatch.subscribe(listener);
  }

  /** Runs the shipped business rule: a signed change notice after each insert/update on its tables. */
  enableBusinessRule(config: BusinessRuleConfig): void {
    this.dispatch.enableRule(config);
  }

  disableBusinessRule(): void {
    this.dispatch.disableRule();
  }

  /** How many notices were posted and how many failed (the rule logs failures; it never retries). */
  get noticeLog(): Readonly<NoticeLog> {
    return this.dispatch.notices;
  }

  /** Resolves once every change so far reached listeners and every notice was posted (held ones excepted). */
  settled(): Promise<void> {
    return this.dispatch.settled();
  }

  /** Posts the notices the reorder fault is holding back. */
  flushHeldNotices(): Promise<void> {
    return this.dispatch.flushHeld();
  }

  /**
   * Refuses the requests `when` picks with ServiceNow's ACL exception (403), as an admin-written ACL
   * does (the built-in ACLs here hide unreadable rows as 404s instead); null lifts it.
   */
  denyAccess(rule: AccessDenial | null): void {
    this.denial = rule ?? undefined;
  }

  /** Sets a system property (sys_properties), e.g. CLIENT_CREDENTIALS_PROPERTY; null removes it. */
  setProperty(name: string, value: string | null): void {
    setProperty(this.context, name, value);
  }

  /** As an admin adding a read ACL: `roles` may read the rows of `table` (sys_journal_field, dl_u_priority); null removes the grant. */
  grantRead(table: string, roles: readonly string[] | null): void {
    if (roles === null) revokeRead(this.context, table);
    else grantRead(this.context, table, roles);
  }

  /** Adds a user (password and roles included); returns its sys_id. */
  addUser(user: UserSeed): string {
    return this.store.transaction(() => createUser(this.context, user).sys_id ?? '');
  }

  /** The sys_id a seeded record or user gets: `sysIdOf('sys_user', 'beth.anglin')`, `sysIdOf('incident', '0')`. */
  sysIdOf(table: string, key: string): string {
    return seededSysId(this.name, table, key);
  }

  request(req: SnRequest): Promise<SnResponse> {
    return this.handle(req, this.instanceUrl);
  }

  private async handle(req: SnRequest, origin: string): Promise<SnResponse> {
    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = req.bytes ?? req.body;
    const body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    try {
      let url: URL;
      try {
        url = new URL(req.path, 'http://instance.invalid');
      } catch {
        throw noResource();
      }
      // Versioned URLs (/api/now/v1/table/…, /api/now/v2/…) reach the same handlers.
      url.pathname = url.pathname.replace(/^\/api\/now\/v\d+\//, '/api/now/');
      this.applyFaults(method, url.pathname);
      if (url.pathname === '/oauth_token.do') {
        if (method !== 'POST') throw new SnError(405, 'Method not Supported', 'Request tokens with POST');
        return this.store.transaction(() => oauthToken(this.context, headers, body ? Buffer.from(body).toString('utf8') : ''));
      }
      const principal = authenticate(this.context, headers);
      if (!principal) throw notAuthenticated();
      if (this.denial?.when({ method, path: url.pathname, user: principal.user.user_name ?? '' })) throw aclDenied(this.denial.operation ?? 'Read');
      if (body && body.length > MAX_REST_PAYLOAD && !url.pathname.startsWith('/api/now/attachment')) {
        throw unreadableRequest(`Rejected large REST payload with content-length = ${body.length} bytes. Max allowed: ${MAX_REST_PAYLOAD} bytes.`);
      }
      const scope: RequestScope = { instance: this.context, user: principal.user, roles: principal.roles, origin, changes: [] };
      const result = this.store.transaction(() => this.router.dispatch(scope, method, url, headers, body));
      const response = this.toResponse(result);
      this.dispatch.publish(scope.changes);
      return response;
    } catch (err) {
      if (err instanceof SnError) return this.errorResponse(err);
      console.error(`[servicenow] ${method} ${req.path} failed:`, err);
      return this.errorResponse(new SnError(500, 'Internal server error', (err as Error).message));
    }
  }

  private applyFaults(method: string, path: string): void {
    const fault = this.faults.requestFault({ method, path });
    if (fault?.kind === 'rate-limit') {
      const reset = Math.floor(this.context.now() / 1000) + fault.retryAfterSeconds;
      throw new SnError(429, 'Rate limit exceeded', 'Rate limit of 1000 requests per hour for Table API exceeded', {
        'retry-after': String(fault.retryAfterSeconds),
        'x-ratelimit-limit': '1000',
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-rule': seededSysId(this.name, 'sys_rate_limit_rules', 'liaison'),
      });
    }
    if (fault?.kind === 'server-error') {
      throw new SnError(fault.status, 'Service Unavailable', 'The instance is temporarily unavailable. Try again later.');
    }
  }

  private toResponse(result: RouteResult): SnResponse {
    const headers = result.headers ?? {};
    if (result.bytes) return { status: result.status, headers, body: Buffer.from(result.bytes).toString('latin1'), bytes: result.bytes };
    if (result.body === undefined) return { status: result.status, headers, body: '' };
    return { status: result.status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(result.body) };
  }

  private errorResponse(err: SnError): SnResponse {
    return { status: err.status, headers: { 'content-type': JSON_TYPE, ...err.headers }, body: JSON.stringify(err.body()) };
  }
}
