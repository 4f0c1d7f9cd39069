// Routes (see routed-config.ts) in the KVS secret store: they carry connection secrets, and the
// secret store is encrypted at rest and never returned by a query.
import { kvs } from '@forge/kvs';
import type { Route, RouteKey, RouteStore } from './routed-config';
import { keyOf } from './kvs-keys';
import { requireId } from './kvs-support';

const keyFor = (k: RouteKey) => `route:${k.kind}:${keyOf(requireId(`${k.kind} route id`, k.id))}`;

/** A record of another shape (an older version, a damaged write) reads as absent and is rebuilt. */
function isRoute(v: unknown): v is Route {
  const r = v as Partial<Route> | null | undefined;
  return !!r && r.v === 1 && Array.isArray(r.rules) && typeof r.connections === 'object' && r.connections !== null && typeof r.secrets === 'object' && r.secrets !== null;
}

export class KvsRouteStore implements RouteStore {
  async get(key: RouteKey): Promise<Route | null> {
    const v = await kvs.getSecret<unknown>(keyFor(key));
    return isRoute(v) ? v : null;
  }

  async put(key: RouteKey, route: Route): Promise<void> {
    await kvs.setSecret(keyFor(key), route);
  }
}
