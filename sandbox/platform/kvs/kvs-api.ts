// The HTTP API @forge/kvs's StorageApi posts to (`/api/v1/...`), answered from one installation's
// KvsStore with the service's status codes and body shapes.
import type { EntityDef } from './entity-schema';
import { checkedWrite, spaceOf } from './kvs-space';
import type { KvsStore } from './kvs-store';
import { KvsHttpError, LIMITS, checkKey, checkPageLimit, checkRequestSize, ttlMs } from './kvs-limits';
import { queryEntity, type EntityQueryRequest } from './entity-query';
import { itemJson } from './item-json';
import { batchDelete, batchGet, batchSet, transact } from './kvs-batch';
import { checkBatchSize, checkConditionCount, touchesOf, type KeyTouches } from './kvs-key-limits';

export interface KvsReply { status: number; body?: unknown }

type Body = Record<string, unknown>;
type Entities = Map<string, EntityDef>;

function get(store: KvsStore, space: string, body: Body): KvsReply {
  const key = checkKey(body.key, space.startsWith('entity:'));
  const row = store.get(space, key);
  if (!row) return { status: 404, body: { code: 'KEY_NOT_FOUND', message: `The specified key does not exist.` } };
  return { status: 200, body: itemJson(row) };
}

function set(store: KvsStore, space: string, entity: EntityDef | undefined, body: Body): KvsReply {
  const json = checkedWrite(entity, body.key, body.value, space === 'secret' ? LIMITS.secretMaxBytes : LIMITS.valueMaxBytes);
  const key = body.key as string;
  const options = (body.options ?? {}) as { keyPolicy?: string; returnValue?: string; ttl?: unknown };
  const ttl = ttlMs(options.ttl);
  if (options.keyPolicy === 'FAIL_IF_EXISTS' && store.get(space, key)) {
    throw new KvsHttpError(409, 'KEY_ALREADY_EXISTS', `The key "${key}" already exists.`); // sandbox
  }
  const { previous, latest } = store.put(space, key, json, ttl);
  if (options.returnValue === 'LATEST') return { status: 200, body: itemJson(latest) };
  if (options.returnValue === 'PREVIOUS') return previous ? { status: 200, body: itemJson(previous) } : { status: 204 };
  return { status: 204 };
}

function query(store: KvsStore, body: Body): KvsReply {
  const limit = checkPageLimit(body.limit);
  const where = Array.isArray(body.where) ? (body.where as Array<{ property?: string; condition?: string; values?: unknown[] }>) : [];
  let prefix = '';
  for (const w of where) {
    if (w.property !== 'key' || w.condition !== 'BEGINS_WITH' || !Array.isArray(w.values)) {
      throw new KvsHttpError(400, 'INVALID_CONDITION', 'Key-value queries support only where("key", beginsWith(prefix)).'); // sandbox
    }
    prefix = String(w.values[0] ?? '');
  }
  const after = typeof body.after === 'string' && body.after ? Buffer.from(body.after, 'base64url').toString('utf8') : '';
  const rows = store.queryKeys('kvs', prefix, after).slice(0, limit + 1);
  const page = rows.slice(0, limit);
  const fields = (body.options as { metadataFields?: string[] } | undefined)?.metadataFields ?? [];
  const last = page[page.length - 1];
  return {
    status: 200,
    body: {
      data: page.map((r) => itemJson(r, fields)),
      ...(rows.length > limit && last ? { cursor: Buffer.from(last.key).toString('base64url') } : {}),
    },
  };
}

/** The keys a request touches, for the per-key limits (none when its body is not JSON: serve() refuses it). */
function touches(route: string, bodyText: string): KeyTouches {
  try {
    return touchesOf(route, JSON.parse(bodyText || 'null'));
  } catch {
    return { writes: [], reads: [] };
  }
}

/** One storage request, counted against the installation's rate limits and per-key limits (429 when over). */
export function handleKvsRequest(store: KvsStore, entities: Entities, path: string, bodyText: string): KvsReply {
  const route = path.replace(/^\/api\/v1\//, '');
  const requestBytes = Buffer.byteLength(bodyText);
  const keys = touches(route, bodyText);
  store.rateLimiter.admit(route, requestBytes);
  store.keyLimiter.admit(route, keys);
  const reply = serve(store, entities, path, route, bodyText);
  const answerBytes = reply.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(reply.body));
  store.rateLimiter.chargeRead(route, requestBytes, answerBytes);
  store.keyLimiter.charge(keys, answerBytes);
  return reply;
}

function serve(store: KvsStore, entities: Entities, path: string, route: string, bodyText: string): KvsReply {
  checkRequestSize(bodyText);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText || 'null');
  } catch {
    throw new KvsHttpError(400, 'INVALID_REQUEST_BODY', 'The request body is not JSON.'); // sandbox
  }
  const body = (parsed ?? {}) as Body;
  switch (route) {
    case 'get': return get(store, 'kvs', body);
    case 'secret/get': return get(store, 'secret', body);
    case 'entity/get': return get(store, spaceOf(entities, 'kvs', body.entityName).space, body);
    case 'set': return set(store, 'kvs', undefined, body);
    case 'secret/set': return set(store, 'secret', undefined, body);
    case 'entity/set': {
      const { space, entity } = spaceOf(entities, 'kvs', body.entityName);
      return set(store, space, entity, body);
    }
    case 'delete':
    case 'secret/delete':
    case 'entity/delete': {
      const space = route === 'delete' ? 'kvs' : route === 'secret/delete' ? 'secret' : spaceOf(entities, 'kvs', body.entityName).space;
      store.delete(space, checkKey(body.key, space.startsWith('entity:')));
      return { status: 204 };
    }
    case 'query': return query(store, body);
    case 'entity/query': {
      const { entity } = spaceOf(entities, 'kvs', body.entityName);
      checkConditionCount(body);
      return { status: 200, body: queryEntity(store, entity as EntityDef, body as unknown as EntityQueryRequest) };
    }
    case 'batch/set':
    case 'batch/get':
    case 'batch/delete': {
      if (Array.isArray(parsed)) checkBatchSize(parsed, route.slice('batch/'.length));
      return route === 'batch/set' ? batchSet(store, entities, parsed) : route === 'batch/get' ? batchGet(store, entities, parsed) : batchDelete(store, entities, parsed);
    }
    case 'transaction': return transact(store, entities, body);
    default:
      return { status: 404, body: { code: 'NOT_FOUND', message: `No storage API at ${path}.` } };
  }
}
