// The five-minute maintenance runs several steps that each walk every connection (sweeps, lost
// deletes, stalled bulk runs, partner pings). Listing connections is an index query; an idle site
// paid it four times a run (48 storage operations an hour of 138). One run lists them once and
// every step walks that list: a connection added in the same few seconds waits for the next run.
import type { ConfigStore } from '../core/ports/config-store';
import type { SyncDeps } from '../core/sync/deps';

/** `deps` whose connection listing is read at most once (a failed read is not kept: the next step reads again). */
export function listingConnectionsOnce<D extends SyncDeps>(deps: D): D {
  const config: D['config'] = deps.config;
  let listed: ReturnType<ConfigStore['listConnections']> | undefined;
  const listOnce = () => {
    listed ??= config.listConnections().catch((e: unknown) => {
      listed = undefined;
      throw e;
    });
    return listed;
  };
  // The same store, every other member bound to it (its state stays one, shared with deps.secrets).
  const once = new Proxy(config, {
    get(target, prop) {
      if (prop === 'listConnections') return listOnce;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...deps, config: once };
}
