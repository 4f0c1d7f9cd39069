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
  const isMap = (v: unknown) => typeof v === 'object' && v !== null;
  return !!r && r.v === 2 && Array.isArray(r.rules) && isMap(r.connections) && isMap(r.secrets) && isMap(r.connectionRules) && isMap(r.extras);
}

export class KvsRouteStore implements RouteStore {
  async get(key: RouteKey): Promise<Route | null> {
    const v = await kvs.getSecret<unknown>(keyFor(key));
    return isRoute(v) ? v : null;
  }

  async put(key: RouteKey, route: Route): Promise<void> {
    await kvs.setSecret(keyFor(key), route);
  }

  async delete(key: RouteKey): Promise<void> {
    await kvs.deleteSecret(keyFor(key));
  }
}
