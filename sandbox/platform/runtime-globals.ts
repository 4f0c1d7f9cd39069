// The contract the real Forge SDKs call: `globalThis.__forge_runtime__` (read by @forge/api and, at
// import time, by @forge/kvs) and `globalThis.__forge_fetch__` (every product, storage and queue call),
// plus the global `fetch` that @forge/api re-exports for egress. All three answer for the invocation
// the caller runs in, found through AsyncLocalStorage, so many installations share one process.
// Installed when this module is first imported: import the sandbox before any @forge package.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FetchInput } from './types';

export interface ForgeFetchOptions { type: string; provider?: string; remote?: string; accountId?: string; contextAri?: string }

/** What an invocation must offer the globals. */
export interface ActiveInvocation {
  readonly runtime: object;
  forgeFetch(options: ForgeFetchOptions, path: string, init?: RequestInit): Promise<Response>;
  egressFetch(input: FetchInput, init?: RequestInit): Promise<Response>;
}

interface Installed { storage: AsyncLocalStorage<ActiveInvocation>; originalFetch: typeof fetch }

const KEY = Symbol.for('liaison.sandbox.forge-runtime');
const g = globalThis as typeof globalThis & { [KEY]?: Installed; __forge_fetch__?: unknown };

function install(): Installed {
  const existing = g[KEY];
  if (existing) return existing;
  const installed: Installed = { storage: new AsyncLocalStorage<ActiveInvocation>(), originalFetch: globalThis.fetch.bind(globalThis) };
  g[KEY] = installed;
  const { storage, originalFetch: passthrough } = installed;
  Object.defineProperty(globalThis, '__forge_runtime__', { configurable: true, get: () => storage.getStore()?.runtime });
  g.__forge_fetch__ = (options: ForgeFetchOptions, path: string, init?: RequestInit) => {
    const inv = storage.getStore();
    if (!inv) return Promise.reject(new Error('Forge runtime not found: __forge_fetch__ was called outside a Forge invocation.'));
    return inv.forgeFetch(options, path, init);
  };
  globalThis.fetch = (input: FetchInput, init?: RequestInit) => {
    const inv = storage.getStore();
    return inv ? inv.egressFetch(input, init) : passthrough(input, init);
  };
  return installed;
}

const installed = install();

export const invocationStorage = installed.storage;
/** The process's own fetch, for the sandbox's traffic that really leaves it (loopback proxies). */
export const originalFetch = installed.originalFetch;
