// The offline Forge platform: installs apps on named sites, routes product events and web trigger
// calls to them, runs their queues and schedules on a SandboxClock, and tells tests when all is quiet.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import './runtime-globals';
import { SandboxClock } from './clock';
import { HostRegistry } from './host-registry';
import { WorkTracker } from './invoker';
import { Installation } from './installation';
import type { ForgeApp } from './manifest';
import { eventFor, subscribers, tooLargeToDeliver, type ProductEvent } from './product-events';
import { WebTriggerUrls, webTriggerIdOf } from './webtrigger-urls';
import { PersonalDataRegistry } from './personal-data';
import { QUEUE_STRICTNESS, type QueueStrictness } from './queue';
import { PRODUCT_EVENT_STRICTNESS, TriggerDelivery, type ProductEventStrictness } from './trigger-delivery';
import type { HostRequest, HostResponse, ProductBackend } from './types';
import { listenWebTriggers, webTriggerHttpHandler, type WebTriggerServer } from './webtrigger-http';
import type { RequestListener } from 'node:http';

export interface PlatformOptions {
  /** Where installations keep their SQLite storage and web trigger URLs; in memory when absent. */
  dataDir?: string;
  clock?: SandboxClock;
  hosts?: HostRegistry;
  /** Multiplies every time limit (0.001 turns 25 s into 25 ms), so tests can exceed limits quickly. */
  limitsScale?: number;
  /** Round-trip time added to the app's platform calls, as Forge's network costs them (none by default). */
  networkLatency?: NetworkLatency;
  /**
   * Async events limits and retention (documented values by default). A test that changes one says
   * why; nothing turns them down by default.
   */
  queue?: Partial<QueueStrictness>;
  /** Product-event delivery delay, its seed and the retry cap (documented values by default; same rule). */
  productEvents?: Partial<ProductEventStrictness>;
}

/**
 * Milliseconds of real time each call waits before it is handled: `storageMs` for every storage
 * call (KVS), `egressMs` for every fetch out of the app (a partner's web trigger, ServiceNow). The
 * product's own latency is the product emulator's (JiraSite faults.latencyMs), so that callers
 * outside the app (a test writing straight to Jira) pay it too.
 */
export interface NetworkLatency { storageMs?: number; egressMs?: number }

export interface InstallOptions {
  siteName: string;
  cloudId?: string;
  siteUrl?: string;
  appAccountId?: string;
  environmentId?: string;
  product?: ProductBackend;
}

/** A UUID derived from a name, so an installation keeps its id (and storage file) across restarts. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export class ForgePlatform {
  readonly clock: SandboxClock;
  readonly hosts: HostRegistry;
  readonly dataDir: string | undefined;
  readonly limitsScale: number;
  readonly networkLatency: NetworkLatency;
  readonly queueStrictness: QueueStrictness;
  readonly productEventStrictness: ProductEventStrictness;
  private readonly triggerDelivery: TriggerDelivery;
  /** Atlassian accounts as the personal data reporting API sees them (close one to test erasure). */
  readonly personalData = new PersonalDataRegistry();
  private readonly tracker = new WorkTracker();
  private readonly installations: Installation[] = [];
  private readonly cancels = new Set<() => void>();
  private readonly urls: WebTriggerUrls;
  private readonly removeQuiescer: () => void;
  private readonly servers = new Set<WebTriggerServer>();
  private closed = false;

  constructor(options: PlatformOptions = {}) {
    this.clock = options.clock ?? new SandboxClock({ mode: 'real' });
    this.hosts = options.hosts ?? new HostRegistry();
    this.dataDir = options.dataDir;
    this.limitsScale = options.limitsScale ?? 1;
    if (!(this.limitsScale > 0)) throw new Error('ForgePlatform: limitsScale must be a positive number');
    this.networkLatency = { ...options.networkLatency };
    for (const [k, v] of Object.entries(this.networkLatency)) if (!(typeof v === 'number' && v >= 0)) throw new Error(`ForgePlatform: networkLatency.${k} must be a number of milliseconds ≥ 0`);
    this.queueStrictness = { ...QUEUE_STRICTNESS, ...options.queue };
    this.productEventStrictness = { ...PRODUCT_EVENT_STRICTNESS, ...options.productEvents };
    for (const [k, v] of Object.entries({ ...this.queueStrictness, ...this.productEventStrictness })) {
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new Error(`ForgePlatform: ${k} must be a number ≥ 0`);
    }
    this.triggerDelivery = new TriggerDelivery({ strictness: this.productEventStrictness, now: () => this.clock.now(), later: (ms, run) => this.later(ms, run), track: (work) => this.track(work) });
    this.urls = new WebTriggerUrls(this.dataDir);
    this.removeQuiescer = this.clock.addQuiescer(() => this.idle());
  }

  async install(app: ForgeApp, options: InstallOptions): Promise<Installation> {
    if (this.closed) throw new Error('ForgePlatform.install: the platform is closed');
    const { siteName } = options;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(siteName)) throw new Error(`ForgePlatform.install: siteName "${siteName}" must be lower-case letters, digits and dashes`);
    if (this.installations.some((i) => i.siteName === siteName && i.app.appId === app.appId)) {
      throw new Error(`ForgePlatform.install: app ${app.appId} is already installed on ${siteName}`);
    }
    const installationId = stableUuid(`installation|${app.appId}|${siteName}`);
    const inst = new Installation(
      app,
      {
        installationId,
        siteName,
        cloudId: options.cloudId ?? stableUuid(`cloud|${siteName}`),
        siteUrl: options.siteUrl ?? `https://${siteName}.atlassian.net`,
        appAccountId: options.appAccountId ?? `712020:${stableUuid(`app-user|${app.appId}|${siteName}`)}`,
        environmentId: options.environmentId ?? stableUuid(`environment|${app.appId}`),
        product: options.product,
      },
      {
        clock: this.clock,
        hosts: this.hosts,
        tracker: this.tracker,
        limitsScale: this.limitsScale,
        networkLatency: this.networkLatency,
        webTriggerUrls: this.urls,
        personalData: this.personalData,
        queueStrictness: this.queueStrictness,
        dbFile: this.dataDir ? join(this.dataDir, 'storage', `${siteName}-${installationId}.sqlite`) : ':memory:',
        later: (ms, run, background) => this.later(ms, run, background),
        track: (work) => this.track(work),
      },
    );
    this.installations.push(inst);
    for (const w of app.webtriggers) {
      this.hosts.register(new URL(inst.webTriggerUrl(w.key)).hostname, { request: (req) => this.handleWebTrigger(req) });
    }
    inst.startSchedules();
    return inst;
  }

  /** The installation of an app (the only one, or `appId`'s) on a site. */
  installation(siteName: string, appId?: string): Installation {
    const found = this.installations.filter((i) => i.siteName === siteName && (appId === undefined || i.app.appId === appId));
    if (found.length !== 1) throw new Error(`ForgePlatform: ${found.length} installations match site "${siteName}"${appId ? ` and app ${appId}` : ''}`);
    return found[0] as Installation;
  }

  /**
   * Delivers a product event to every subscribed trigger of the installations on a site, after this
   * call returns and after a random delay within Forge's 3 minutes (`productEvents.maxDelayMs`), with
   * Forge's retries. Returns how many deliveries were scheduled (ignoreSelf skips are not counted; an
   * event over Forge's 200 kB is counted but never delivered, as on Forge).
   */
  emitProductEvent(target: string | Installation, event: ProductEvent): number {
    const targets = typeof target === 'string' ? this.installations.filter((i) => i.siteName === target) : [target];
    if (targets.length === 0) throw new Error(`emitProductEvent: no installation on site "${String(target)}"`);
    let n = 0;
    for (const inst of targets) {
      for (const trigger of subscribers(inst, event)) {
        n++;
        const body = eventFor(inst, trigger, event);
        if (tooLargeToDeliver(body)) continue;
        this.triggerDelivery.deliver(inst, trigger, body);
      }
    }
    return n;
  }

  /**
   * When the earliest product event still waiting out its delivery delay reaches its trigger
   * (undefined: none on its way). Harnesses on a manual clock move time to it, as time passes on a site.
   */
  nextProductEventAt(): number | undefined {
    return this.triggerDelivery.nextDeliveryAt();
  }

  /** Answers an HTTP request addressed to a web trigger (`/x1/<id>` or `/public/<id>` path of any web trigger URL). */
  async handleWebTrigger(req: HostRequest): Promise<HostResponse> {
    const found = webTriggerIdOf(req.path);
    const target = found ? this.urls.lookup(found.id) : undefined;
    const inst = target && this.installations.find((i) => i.installationId === target.installationId);
    if (!found || !target || !inst) return { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'No web trigger at this URL.' }) };
    return inst.runWebTrigger(target.moduleKey, req, found.basePath);
  }

  /** A node:http request listener serving every web trigger of this platform by its URL path. */
  httpHandler(): RequestListener {
    return webTriggerHttpHandler((req) => this.handleWebTrigger(req));
  }

  /** Serves web triggers on loopback (port 0 picks a free port); closed with the platform. */
  async listen(port = 0): Promise<WebTriggerServer> {
    const server = await listenWebTriggers(this.httpHandler(), port);
    this.servers.add(server);
    return server;
  }

  /** Resolves when nothing runs and nothing is due (manual clock: future work does not count). */
  async idle(): Promise<void> {
    let quiet = 0;
    while (quiet < 3) {
      if (this.tracker.busy || this.clock.hasPending()) {
        quiet = 0;
        await pause();
      } else {
        quiet++;
        await tick();
      }
    }
  }

  /** Stops schedules and pending deliveries, waits for running invocations, closes storage. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    this.removeQuiescer();
    for (const server of this.servers) await server.close();
    while (this.tracker.busy) await pause();
    for (const inst of this.installations) {
      for (const w of inst.app.webtriggers) this.hosts.unregister(new URL(inst.webTriggerUrl(w.key)).hostname);
      inst.close();
    }
  }

  private later(delayMs: number, run: () => void, background = false): void {
    if (this.closed) return;
    const cancel = this.clock.schedule(
      this.clock.now() + delayMs,
      () => {
        this.cancels.delete(cancel);
        if (!this.closed) run();
      },
      { background },
    );
    this.cancels.add(cancel);
  }

  private track(work: () => Promise<void>): void {
    this.tracker.track(work).catch((e: unknown) => console.error('sandbox platform: background work failed', e));
  }
}
