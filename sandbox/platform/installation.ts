// One installation of an app on one site: its storage, its product, its web trigger URLs, its queues
// and schedules, and the record of everything it did.
import type { ForgeApp, TriggerDef } from './manifest';
import { SCHEDULE_INTERVAL_MS } from './manifest';
import type { ForgeFetchOptions } from './runtime-globals';
import type { Invocation, InvocationHost } from './invocation';
import { invoke, type InvokerDeps, type InvocationResult, type WorkTracker } from './invoker';
import { Recorder } from './recorder';
import { KvsStore } from './kvs/kvs-store';
import { QueueService, type QueueStrictness } from './queue';
import { forgeFetch } from './forge-fetch';
import { egressFetch } from './egress';
import type { HostRegistry } from './host-registry';
import type { SandboxClock } from './clock';
import type { WebTriggerUrls } from './webtrigger-urls';
import type { PersonalDataRegistry } from './personal-data';
import { REQUEST_TOO_LARGE, RESPONSE_TOO_LARGE, WEBTRIGGER_ERROR, WEBTRIGGER_PAYLOAD_LIMIT_BYTES, fromWebTriggerResult, payloadBytes, toWebTriggerRequest } from './webtrigger-call';
import type { FetchInput, HostRequest, HostResponse, ProductBackend } from './types';
import type { NetworkLatency } from './platform';

const wait = (ms: number | undefined) => (ms && ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

export interface InstallationIdentity {
  installationId: string;
  siteName: string;
  cloudId: string;
  siteUrl: string;
  appAccountId: string;
  environmentId: string;
  product?: ProductBackend;
}

export interface InstallationServices {
  clock: SandboxClock;
  hosts: HostRegistry;
  tracker: WorkTracker;
  limitsScale: number;
  networkLatency?: NetworkLatency;
  webTriggerUrls: WebTriggerUrls;
  personalData: PersonalDataRegistry;
  dbFile: string;
  queueStrictness: QueueStrictness;
  later(delayMs: number, run: () => void, background?: boolean): void;
  track(work: () => Promise<void>): void;
}

/**
 * The installation's environment and the app's license on the site. Forge passes `context.license`
 * to resolvers and triggers only for paid apps in production; it is undefined in DEVELOPMENT and
 * STAGING and for free apps (Custom UI resolver and trigger references). The sandbox passes what it
 * is given here: DEVELOPMENT without a license unless a test sets otherwise.
 */
export interface Licensing {
  environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  license?: { active?: boolean; isEvaluation?: boolean; type?: string; billingPeriod?: string; subscriptionEndDate?: string; trialEndDate?: string };
}

/**
 * Invocation limits: "Front-end invocation request payload size 500KB" and "response payload size
 * 5MB" (`invoke` via @forge/bridge). Measured as JSON, KB/MB read as 1000/10^6 bytes (stricter).
 */
export const RESOLVER_REQUEST_LIMIT_BYTES = 500_000;
export const RESOLVER_RESPONSE_LIMIT_BYTES = 5_000_000;

export interface ResolverCallOptions { accountId?: string; extensionContext?: Record<string, unknown>; localId?: string }

export class Installation implements InvocationHost {
  readonly installationId: string;
  readonly siteName: string;
  readonly cloudId: string;
  readonly siteUrl: string;
  readonly appAccountId: string;
  readonly environmentId: string;
  readonly product?: ProductBackend;
  readonly recorder: Recorder;
  readonly store: KvsStore;
  private readonly queue: QueueService;
  private licensing: Licensing = { environmentType: 'DEVELOPMENT' };
  private readonly invoker: InvokerDeps;

  constructor(
    readonly app: ForgeApp,
    identity: InstallationIdentity,
    private readonly services: InstallationServices,
  ) {
    this.installationId = identity.installationId;
    this.siteName = identity.siteName;
    this.cloudId = identity.cloudId;
    this.siteUrl = identity.siteUrl;
    this.appAccountId = identity.appAccountId;
    this.environmentId = identity.environmentId;
    this.product = identity.product;
    this.recorder = new Recorder(() => services.clock.now());
    this.store = new KvsStore(services.dbFile, () => services.clock.now(), app.entities);
    this.invoker = { host: this, recorder: this.recorder, tracker: services.tracker, limitsScale: services.limitsScale };
    this.queue = new QueueService({
      invoker: this.invoker,
      consumers: app.consumers,
      strictness: services.queueStrictness,
      now: () => services.clock.now(),
      contextFor: (moduleKey) => this.context(moduleKey),
      later: (ms, run) => services.later(ms, run),
      track: (work) => services.track(work),
    });
    for (const w of app.webtriggers) this.webTriggerUrl(w.key);
  }

  /** The context object Forge passes as a handler's second argument. */
  context(moduleKey: string, accountId?: string): Record<string, unknown> {
    return {
      installContext: `ari:cloud:jira::site/${this.cloudId}`,
      installation: { installationId: this.installationId, ari: `ari:cloud:ecosystem::installation/${this.installationId}` },
      cloudId: this.cloudId,
      siteUrl: this.siteUrl,
      moduleKey,
      environmentId: this.environmentId,
      ...this.licenseContext(),
      ...(accountId ? { principal: { accountId } } : {}),
    };
  }

  /** Sets the environment type and the license later invocations see in their context. */
  setLicensing(licensing: Licensing): void {
    this.licensing = { ...licensing };
  }

  private licenseContext(): { environmentType: string; license?: Licensing['license'] } {
    return { environmentType: this.licensing.environmentType, ...(this.licensing.license ? { license: { ...this.licensing.license } } : {}) };
  }

  webTriggerUrl(moduleKey: string): string {
    const def = this.app.webtriggers.find((w) => w.key === moduleKey);
    if (!def) throw new Error(`App ${this.app.appId} has no webtrigger module "${moduleKey}" in its manifest.`);
    return this.services.webTriggerUrls.urlFor(this.installationId, moduleKey, def.urlFormat);
  }

  async forgeFetch(inv: Invocation, options: ForgeFetchOptions, path: string, init?: RequestInit): Promise<Response> {
    if (options.type === 'kvs') await wait(this.services.networkLatency?.storageMs);
    return forgeFetch(
      {
        app: this.app,
        store: this.store,
        product: this.product,
        appAccountId: this.appAccountId,
        recorder: this.recorder,
        queue: this.queue,
        webTriggerUrl: (key) => this.webTriggerUrl(key),
        webTriggerUrls: () => this.app.webtriggers.map((w) => ({ triggerKey: w.key, url: this.webTriggerUrl(w.key) })),
        personalData: this.services.personalData,
      },
      inv,
      options,
      path,
      init,
    );
  }

  async egressFetch(inv: Invocation, input: FetchInput, init?: RequestInit): Promise<Response> {
    await wait(this.services.networkLatency?.egressMs);
    return egressFetch({ egress: this.app.egress, hosts: this.services.hosts, recorder: this.recorder, moduleKey: inv.spec.moduleKey }, input, init);
  }

  /** Calls a Custom UI module's resolver function the way `invoke(functionKey, payload)` reaches it. */
  async invokeResolver(moduleKey: string, functionKey: string, payload: unknown = {}, options: ResolverCallOptions = {}): Promise<unknown> {
    const mod = this.app.resolverModules.get(moduleKey);
    if (!mod) throw new Error(`App ${this.app.appId} has no module "${moduleKey}" with a resolver.`);
    const { accountId, extensionContext = {}, localId = `${moduleKey}-local` } = options;
    // Forge refuses a front-end invocation over its request payload limit before the function runs.
    if (payloadBytes(payload) > RESOLVER_REQUEST_LIMIT_BYTES) throw new Error(`The resolver call to ${moduleKey} exceeds the ${RESOLVER_REQUEST_LIMIT_BYTES}-byte front-end invocation request limit.`);
    const { license, environmentType } = this.licenseContext();
    const context = { accountId, cloudId: this.cloudId, siteUrl: this.siteUrl, moduleKey, localId, environmentId: this.environmentId, environmentType, extension: { type: mod.type, ...extensionContext } };
    // @forge/resolver takes the license from the runtime payload, not from the UI's call context.
    const backendRuntimePayload = { installContext: `ari:cloud:jira::site/${this.cloudId}`, principal: accountId ? { accountId } : undefined, installation: this.context(moduleKey).installation, ...(license ? { license } : {}) };
    const result = await invoke(this.invoker, { moduleKey, moduleType: 'resolver', functionKey: mod.functionKey, accountId }, (handler) =>
      handler({ call: { functionKey, payload }, context }, backendRuntimePayload),
    );
    if (result.outcome === 'ok' && payloadBytes(result.value) > RESOLVER_RESPONSE_LIMIT_BYTES) {
      throw new Error(`The answer of the resolver of ${moduleKey} exceeds the ${RESOLVER_RESPONSE_LIMIT_BYTES}-byte front-end invocation response limit.`);
    }
    if (result.outcome === 'ok') return result.value;
    if (result.outcome === 'failed') throw result.error;
    throw new Error(`The resolver of ${moduleKey} exceeded its time limit.`);
  }

  /** Runs a web trigger for an HTTP request; any failure or malformed answer becomes a 500. */
  async runWebTrigger(moduleKey: string, req: HostRequest, basePath: string): Promise<HostResponse> {
    const def = this.app.webtriggers.find((w) => w.key === moduleKey);
    if (!def) return { status: 404, headers: {}, body: '' };
    const request = toWebTriggerRequest(req, basePath);
    if (payloadBytes(request) > WEBTRIGGER_PAYLOAD_LIMIT_BYTES) return REQUEST_TOO_LARGE;
    const result = await invoke(this.invoker, { moduleKey, moduleType: 'webtrigger', functionKey: def.functionKey }, (handler) => handler(request, this.context(moduleKey)));
    if (result.outcome === 'ok' && payloadBytes(result.value) > WEBTRIGGER_PAYLOAD_LIMIT_BYTES) return RESPONSE_TOO_LARGE;
    return (result.outcome === 'ok' && fromWebTriggerResult(result.value)) || WEBTRIGGER_ERROR;
  }

  deliverProductEvent(trigger: TriggerDef, event: Record<string, unknown>): Promise<InvocationResult> {
    return invoke(this.invoker, { moduleKey: trigger.key, moduleType: 'trigger', functionKey: trigger.functionKey }, (handler) =>
      handler(event, this.context(trigger.key)),
    );
  }

  /** Schedules every scheduledTrigger module: first run one interval after install, then each interval. */
  startSchedules(): void {
    for (const s of this.app.scheduledTriggers) {
      const every = SCHEDULE_INTERVAL_MS[s.interval];
      const tick = () => {
        this.services.later(every, tick, true);
        this.services.track(async () => void (await this.runScheduledTrigger(s.key)));
      };
      this.services.later(every, tick, true);
    }
  }

  /**
   * One run of a scheduled trigger now, as its schedule would run it (a weekly trigger need not
   * wait a virtual week of five-minute triggers in a test).
   */
  runScheduledTrigger(moduleKey: string): Promise<InvocationResult> {
    const s = this.app.scheduledTriggers.find((t) => t.key === moduleKey);
    if (!s) throw new Error(`App ${this.app.appId} has no scheduledTrigger module "${moduleKey}" in its manifest.`);
    return invoke(this.invoker, { moduleKey: s.key, moduleType: 'scheduledTrigger', functionKey: s.functionKey }, (handler) =>
      handler({ context: { cloudId: this.cloudId, moduleKey: s.key } }, this.context(s.key)),
    );
  }

  close(): void {
    this.store.close();
  }
}
