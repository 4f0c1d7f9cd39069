// Routes (see routed-config.ts) in the KVS secret store: they carry connection secrets, and the
// secret store is encrypted at rest and never returned by a query. A secret value may be at most
// 128 KiB (Forge's kvs.setSecret), and a route holds whole rules (user maps can be large), so a
// route too big for one record is split: its parts are written first under a fresh generation, then
// a head naming them, so a reader never combines parts of two writes.
import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { Route, RouteKey, RouteStore } from './routed-config';
import { keyOf } from './kvs-keys';
import { requireId } from './kvs-support';

const keyFor = (k: RouteKey) => `route:${k.kind}:${keyOf(requireId(`${k.kind} route id`, k.id))}`;
const partKey = (base: string, generation: string, i: number) => `${base}:${generation}:${i}`;

/** Forge's limit on one secret value ("persisted JSON values may be up to 128 KiB"). */
export const SECRET_VALUE_MAX_BYTES = 128 * 1024;
/**
 * Characters of route JSON per part: a character is at most 6 bytes once stored as a JSON string
 * (a `\uXXXX` escape), so a part stays under the limit whatever the route holds.
 */
export const PART_CHARS = 20_000;

type Head = { v: 2; split: { generation: string; parts: number } };

// Plain keys (not secrets): they hold times only. The maintenance reads them with its schedule in
// one batch (kvs-maintenance-schedule.ts).
export const CHANGED_AT = 'routes:changed-at';
export const REBUILT_AT = 'routes:rebuilt-at';

/** A record of another shape (an older version, a damaged write) reads as absent and is rebuilt. */
function isRoute(v: unknown): v is Route {
  const r = v as Partial<Route> | null | undefined;
  const isMap = (v: unknown) => typeof v === 'object' && v !== null;
  return !!r && r.v === 2 && Array.isArray(r.rules) && isMap(r.connections) && isMap(r.secrets) && isMap(r.connectionRules) && isMap(r.extras);
}

function isHead(v: unknown): v is Head {
  const s = (v as Partial<Head> | null)?.split;
  return (v as Partial<Head> | null)?.v === 2 && typeof s?.generation === 'string' && Number.isInteger(s.parts) && s.parts > 0;
}

const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

export class KvsRouteStore implements RouteStore {
  async get(key: RouteKey): Promise<Route | null> {
    const base = keyFor(key);
    const v = await kvs.getSecret<unknown>(base);
    if (isRoute(v)) return v;
    if (!isHead(v)) return null;
    const parts = await Promise.all(Array.from({ length: v.split.parts }, (_, i) => kvs.getSecret<string>(partKey(base, v.split.generation, i))));
    if (parts.some((p) => typeof p !== 'string')) return null; // a part lost: rebuilt from the truth
    try {
      const route: unknown = JSON.parse(parts.join(''));
      return isRoute(route) ? route : null;
    } catch {
      return null;
    }
  }

  async put(key: RouteKey, route: Route): Promise<void> {
    const base = keyFor(key);
    const before = await kvs.getSecret<unknown>(base);
    if (bytesOf(route) <= SECRET_VALUE_MAX_BYTES) {
      await kvs.setSecret(base, route);
    } else {
      const json = JSON.stringify(route);
      const generation = randomUUID().slice(0, 8);
      const parts = Math.ceil(json.length / PART_CHARS);
      for (let i = 0; i < parts; i++) await kvs.setSecret(partKey(base, generation, i), json.slice(i * PART_CHARS, (i + 1) * PART_CHARS));
      await kvs.setSecret(base, { v: 2, split: { generation, parts } } satisfies Head);
    }
    await this.dropParts(base, before);
  }

  async delete(key: RouteKey): Promise<void> {
    const base = keyFor(key);
    const before = await kvs.getSecret<unknown>(base);
    await kvs.deleteSecret(base);
    await this.dropParts(base, before);
  }

  async stamps(): Promise<{ changedAt: number; rebuiltAt: number }> {
    const [changedAt, rebuiltAt] = await Promise.all([kvs.get<number>(CHANGED_AT), kvs.get<number>(REBUILT_AT)]);
    return { changedAt: typeof changedAt === 'number' ? changedAt : 0, rebuiltAt: typeof rebuiltAt === 'number' ? rebuiltAt : 0 };
  }

  async markChanged(at: number): Promise<void> {
    await kvs.set(CHANGED_AT, at);
  }

  async markRebuilt(at: number): Promise<void> {
    await kvs.set(REBUILT_AT, at);
  }

  /** The parts of a split route the head no longer names (best effort: a leftover is only space). */
  private async dropParts(base: string, before: unknown): Promise<void> {
    if (!isHead(before)) return;
    for (let i = 0; i < before.split.parts; i++) await kvs.deleteSecret(partKey(base, before.split.generation, i));
  }
}
