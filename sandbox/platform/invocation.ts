// One run of one app function: its `__forge_runtime__` object, its time limit, and the calls it makes.
// Once past its limit the invocation is dead: every later SDK call from code it started is refused.
import { randomUUID } from 'node:crypto';
import type { ActiveInvocation, ForgeFetchOptions } from './runtime-globals';
import type { ForgeApp } from './manifest';
import type { FetchInput, InvocationKind } from './types';

/** What an invocation needs from the installation it runs in. */
export interface InvocationHost {
  readonly installationId: string;
  readonly cloudId: string;
  readonly environmentId: string;
  readonly app: ForgeApp;
  forgeFetch(inv: Invocation, options: ForgeFetchOptions, path: string, init?: RequestInit): Promise<Response>;
  egressFetch(inv: Invocation, input: FetchInput, init?: RequestInit): Promise<Response>;
}

/**
 * The invocations that descend from one first invocation through queue pushes (a consumer runs in
 * the chain of the invocation that pushed its event). Forge's cyclic invocation limit counts the
 * push requests of a whole chain.
 */
export class InvocationChain {
  pushes = 0;
}

export interface InvocationSpec { moduleKey: string; moduleType: InvocationKind; functionKey: string; accountId?: string; timeoutMs: number; chain?: InvocationChain }

const noopTimer = { stop: () => undefined };
const noopMetrics = {
  timing: () => ({ measure: () => noopTimer }),
  counter: () => ({ incr: () => undefined, incrBy: () => undefined, decr: () => undefined, decrBy: () => undefined }),
  gauge: () => ({ set: () => undefined }),
};

export class Invocation implements ActiveInvocation {
  readonly id = randomUUID();
  readonly startedAt = Date.now();
  readonly deadline: number;
  private deadReason: string | undefined;
  private finish!: () => void;
  /** Settles when the invocation has ended (returned, thrown or timed out). */
  readonly finished = new Promise<void>((resolve) => (this.finish = resolve));
  readonly runtime: object;
  /** A resolver, trigger, web trigger or schedule starts a chain; a consumer continues its pusher's. */
  readonly chain: InvocationChain;

  constructor(
    readonly host: InvocationHost,
    readonly spec: InvocationSpec,
  ) {
    this.deadline = this.startedAt + spec.timeoutMs;
    this.chain = spec.chain ?? new InvocationChain();
    const { app, installationId, cloudId, environmentId } = host;
    this.runtime = {
      proxy: { token: `sandbox-${this.id}`, url: 'https://forge-proxy.sandbox.invalid' },
      contextAri: `ari:cloud:jira::site/${cloudId}`,
      container: { runtime: 'sandbox', handler: app.functions.get(spec.functionKey)?.handler, appCodeDir: app.dir },
      appContext: {
        appId: app.appId,
        appVersion: '1.0.0',
        environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: this.id,
        installationId,
        functionKey: spec.functionKey,
        moduleType: spec.moduleType,
        moduleKey: spec.moduleKey,
        installation: { ari: { installationId, toString: () => `ari:cloud:ecosystem::installation/${installationId}` }, contexts: [{ cloudId, toString: () => `ari:cloud:jira::site/${cloudId}` }] },
        permissions: { scopes: app.scopes, external: { fetch: { backend: app.egress } } },
      },
      aaid: spec.accountId,
      lambdaContext: { awsRequestId: this.id, getRemainingTimeInMillis: () => Math.max(0, this.deadline - Date.now()) },
      tracing: { traceId: this.id.replace(/-/g, ''), spanId: this.id.slice(0, 16) },
      realtime: {},
      metrics: noopMetrics,
      kvs: { url: 'https://kvs.sandbox.invalid', host: 'kvs.sandbox.invalid' },
      featureFlags: () => false,
    };
  }

  get dead(): boolean {
    return this.deadReason !== undefined;
  }

  kill(reason: string): void {
    this.deadReason ??= reason;
  }

  end(): void {
    this.finish();
  }

  private refuse(): Promise<never> {
    return Promise.reject(new Error(`Forge invocation ${this.id} (${this.spec.moduleKey}) is no longer running: ${this.deadReason}`));
  }

  forgeFetch(options: ForgeFetchOptions, path: string, init?: RequestInit): Promise<Response> {
    return this.dead ? this.refuse() : this.host.forgeFetch(this, options, path, init);
  }

  egressFetch(input: FetchInput, init?: RequestInit): Promise<Response> {
    return this.dead ? this.refuse() : this.host.egressFetch(this, input, init);
  }
}
