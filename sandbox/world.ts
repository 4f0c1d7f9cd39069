// A sandbox "world": emulated Jira Cloud sites with a Forge app installed on each, wired together
// the way Atlassian's cloud wires them — REST calls from the app reach its own site, the site's
// product events reach the app's triggers, every site and web trigger has an https hostname that
// egress resolves. Used by `npm start`, the integration tests and the benchmark.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installVirtualDate } from './platform/virtual-date';
import { ForgePlatform, HostRegistry, SandboxClock, loadApp, type ForgeApp, type Installation, type NetworkLatency, type PlatformOptions, type WebTriggerServer } from './platform';
import { JiraSite, defaultSeed, type SiteSeed } from './jira';
import { ServiceNowInstance } from './servicenow';

export interface WorldSiteOptions {
  name: string;
  seed?: SiteSeed;
  /** HTTP port of the site's REST API on loopback; 0 = any free port; absent = no HTTP listener. */
  port?: number;
}

export interface WorldOptions {
  /** The Forge app to install on every site (a directory with manifest.yml). */
  appDir: string;
  sites: WorldSiteOptions[];
  /** Persist everything here; in memory when absent. */
  dataDir?: string;
  /** Wipe dataDir first. */
  fresh?: boolean;
  /** A manual clock also drives Date (virtual time) until close(); default: real time. */
  clock?: SandboxClock;
  limitsScale?: number;
  /**
   * Network time to model (none by default): `jiraMs` per Jira REST request (every caller, the
   * site's own fault knob), storage and egress per the platform's NetworkLatency.
   */
  latency?: NetworkLatency & { jiraMs?: number };
  /** Serve web triggers over loopback HTTP on this port (0 = any); absent = in-process only. */
  webTriggerPort?: number;
  /** Emulated ServiceNow instances, reachable by egress at https://<name>.service-now.com. */
  servicenow?: Array<{ name: string }>;
  /** Forge's async-event limits (strict, as documented, unless a caller says why not) and product-event delivery (see start()). */
  queue?: PlatformOptions['queue'];
  productEvents?: PlatformOptions['productEvents'];
}

export interface WorldSite {
  name: string;
  jira: JiraSite;
  installation: Installation;
  /** The seeded admin: HTTP basic auth works with email + API token, as with Jira Cloud. */
  admin: { email: string; apiToken: string; accountId: string };
  projects: string[];
}

/** A Jira site in .sandbox/sandbox.json. */
export interface SandboxJiraSite {
  name: string;
  kind: 'jira';
  baseUrl: string;
  siteUrl: string;
  user: { email: string; apiToken: string; accountId: string };
  projects: string[];
  webTriggers: Record<string, string>;
}

/** A ServiceNow instance in .sandbox/sandbox.json: the Table API over loopback, basic auth as `user`. */
export interface SandboxServiceNowSite {
  name: string;
  kind: 'servicenow';
  baseUrl: string;
  instanceUrl: string;
  user: { username: string; password: string };
  tables: string[];
}

export type SandboxPairEnd = { site: string; project: string } | { site: string; table: string };

/** What `npm start` prints and writes to .sandbox/sandbox.json. */
export interface SandboxDescription {
  sites: Array<SandboxJiraSite | SandboxServiceNowSite>;
  webTriggerServer?: string;
  /** Preconfigured syncs: which project on which site mirrors to which project (or ServiceNow table), and the shared fields. */
  pairs: Array<{ from: { site: string; project: string }; to: SandboxPairEnd; fields: Record<string, 'both' | 'out' | 'in'> }>;
}

export const APP_DISPLAY_NAME = 'Liaison';

/** Whether an earlier run left this site's app storage in `forgeDir` (the platform's storage files). */
function hasStoredInstallation(forgeDir: string, siteName: string): boolean {
  const dir = join(forgeDir, 'storage');
  return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith(`${siteName}-`) && f.endsWith('.sqlite'));
}

/**
 * Forge's life-cycle events (events-reference/life-cycle): `installed` on a first install. A start
 * on stored data is the sandbox's "new code on an existing installation" and gets `upgraded`, which
 * Forge sends only for a new major version (a minor deploy sends nothing; see
 * sandbox/platform/README.md) — the app must not rely on it alone, and does not: its five-minute
 * maintenance does the same work.
 */
function emitLifecycleEvent(platform: ForgePlatform, installation: Installation, eventType: 'avi:forge:installed:app' | 'avi:forge:upgraded:app'): void {
  platform.emitProductEvent(installation, {
    eventType,
    payload: { id: installation.installationId, app: { id: installation.app.appId, version: '1.0.0' }, environment: { id: installation.environmentId } },
  });
}

export class SandboxWorld {
  private readonly unsubscribes: Array<() => void> = [];
  /** ServiceNow instances by name (WorldOptions.servicenow). */
  readonly serviceNow = new Map<string, ServiceNowInstance>();
  private restoreDate: (() => void) | undefined;

  private constructor(
    readonly platform: ForgePlatform,
    readonly app: ForgeApp,
    readonly sites: Map<string, WorldSite>,
    readonly webTriggerServer: WebTriggerServer | undefined,
  ) {}

  static async start(options: WorldOptions): Promise<SandboxWorld> {
    if (options.dataDir) {
      if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
      mkdirSync(options.dataDir, { recursive: true });
    }
    const hosts = new HostRegistry();
    const clock = options.clock ?? new SandboxClock({ mode: 'real' });
    const restoreDate = clock.mode === 'manual' ? installVirtualDate(clock) : undefined;
    const platform = new ForgePlatform({
      hosts,
      clock,
      ...(options.dataDir ? { dataDir: join(options.dataDir, 'forge') } : {}),
      ...(options.limitsScale ? { limitsScale: options.limitsScale } : {}),
      ...(options.queue ? { queue: options.queue } : {}),
      // Forge's up-to-3-minute product-event delay is on here too: on a manual clock, settle() moves
      // time until the events on their way have landed. A caller that turns it down says why.
      ...(options.productEvents ? { productEvents: options.productEvents } : {}),
      ...(options.latency ? { networkLatency: { storageMs: options.latency.storageMs ?? 0, egressMs: options.latency.egressMs ?? 0 } } : {}),
    });
    const app = await loadApp(resolve(options.appDir));
    const sites = new Map<string, WorldSite>();
    const world = new SandboxWorld(platform, app, sites, undefined);
    // Life-cycle events go out once every site is up: an app that starts by sending to its partner
    // (the outbox wake-up) finds the partner's web trigger there, as it would on Forge.
    const starts: Array<() => void> = [];
    world.restoreDate = restoreDate;
    for (const s of options.sites) {
      const seed = s.seed ?? defaultSeed(s.name);
      const jira = new JiraSite({ name: s.name, seed, ...(options.dataDir ? { dataDir: join(options.dataDir, 'jira') } : {}) });
      if (s.port !== undefined) await jira.listen(s.port);
      if (options.latency?.jiraMs) jira.faults.latencyMs = options.latency.jiraMs;
      const restarted = options.dataDir !== undefined && hasStoredInstallation(join(options.dataDir, 'forge'), jira.name);
      const installation = await platform.install(app, { siteName: jira.name, cloudId: jira.cloudId, siteUrl: jira.siteUrl, product: jira });
      // Forge creates the app's own user on the site at install time; asApp() calls act as it.
      jira.addUser({ accountId: installation.appAccountId, displayName: APP_DISPLAY_NAME, accountType: 'app' });
      world.unsubscribes.push(
        jira.onEvent((e) => {
          platform.emitProductEvent(jira.name, { eventType: e.eventType, payload: e.payload as Record<string, unknown>, actorAccountId: e.actorAccountId });
        }),
      );
      starts.push(() => emitLifecycleEvent(platform, installation, restarted ? 'avi:forge:upgraded:app' : 'avi:forge:installed:app'));
      // Egress to https://<site>.atlassian.net reaches the emulated site (as an anonymous caller).
      hosts.register(new URL(jira.siteUrl).hostname, {
        request: (req) => jira.request({ ...req, actor: { accountId: '' } }),
      });
      const admin = seed.users.find((u) => u.admin && u.emailAddress && u.apiToken) ?? seed.users.find((u) => u.emailAddress && u.apiToken);
      if (!admin?.emailAddress || !admin.apiToken) throw new Error(`sandbox: seed of ${s.name} has no user with an email and API token`);
      sites.set(jira.name, {
        name: jira.name,
        jira,
        installation,
        admin: { email: admin.emailAddress, apiToken: admin.apiToken, accountId: admin.accountId },
        projects: seed.projects.map((p) => p.key),
      });
    }
    for (const s of options.servicenow ?? []) {
      const instance = new ServiceNowInstance({ name: s.name, now: () => clock.now(), ...(options.dataDir ? { dataDir: join(options.dataDir, 'servicenow') } : {}) });
      hosts.register(new URL(instance.instanceUrl).hostname, { request: (req) => instance.request(req) });
      world.serviceNow.set(instance.name, instance);
    }
    for (const start of starts) start();
    if (options.webTriggerPort !== undefined) {
      (world as { webTriggerServer: WebTriggerServer | undefined }).webTriggerServer = await platform.listen(options.webTriggerPort);
    }
    return world;
  }

  site(name: string): WorldSite {
    const site = this.sites.get(name);
    if (!site) throw new Error(`sandbox: no site named "${name}" (have: ${[...this.sites.keys()].join(', ')})`);
    return site;
  }

  /**
   * Resolves when every site has handed its events to the platform and the platform has nothing
   * left to run. An invocation may write to a site, whose events reach the platform only on a
   * later turn of the event loop, so passes repeat until one records no new activity.
   */
  async idle(): Promise<void> {
    const sites = [...this.sites.values()];
    const activity = () => sites.reduce((n, s) => n + s.installation.recorder.count(), 0);
    for (let before = -1; before !== activity(); ) {
      before = activity();
      await Promise.all([...sites.map((s) => s.jira.settled()), ...[...this.serviceNow.values()].map((sn) => sn.settled())]);
      await this.platform.idle();
    }
  }

  /**
   * Lets what Forge delivers later land, as time passes on a real site: on a manual clock, moves time
   * to each product event still waiting out its delivery delay (up to 3 minutes) and until every
   * storage write shows in index queries (the lag), running whatever falls due on the way (queue
   * retries, schedules), until nothing is on its way. On the real clock, idle() (time passes by itself).
   */
  async settle(): Promise<void> {
    const clock = this.platform.clock;
    await this.idle();
    if (clock.mode !== 'manual') return;
    const stores = [...this.sites.values()].map((s) => s.installation.store);
    for (let step = 0; ; step++) {
      const now = clock.now();
      const due = [this.platform.nextProductEventAt(), ...stores.map((s) => s.viewCurrentAt())].filter((t): t is number => t !== undefined && t > now);
      if (due.length === 0) return;
      if (step >= 10_000) throw new Error('SandboxWorld.settle: deliveries keep coming after 10,000 steps');
      await clock.advance(Math.min(...due) - now);
      await this.idle();
    }
  }

  /** The Jira sites (ServiceNow instances are described by whoever connects them: the demo). */
  describe(): SandboxDescription & { sites: SandboxJiraSite[] } {
    return {
      sites: [...this.sites.values()].map((s) => ({
        name: s.name,
        kind: 'jira' as const,
        baseUrl: s.jira.baseUrl,
        siteUrl: s.jira.siteUrl,
        user: s.admin,
        projects: s.projects,
        webTriggers: Object.fromEntries(this.app.webtriggers.map((w) => [w.key, s.installation.webTriggerUrl(w.key)])),
      })),
      ...(this.webTriggerServer ? { webTriggerServer: this.webTriggerServer.origin } : {}),
      pairs: [],
    };
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribes.splice(0)) off();
    await this.platform.close(); // also closes the web trigger server
    for (const s of this.sites.values()) await s.jira.close();
    for (const sn of this.serviceNow.values()) await sn.close();
    this.restoreDate?.();
  }
}
