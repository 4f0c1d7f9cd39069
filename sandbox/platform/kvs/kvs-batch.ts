// Batch operations (each item succeeds or fails alone) and transactions (all or nothing, with
// entity conditions), as the storage service answers them.
import type { EntityDef } from './entity-schema';
import type { KvsStore } from './kvs-store';
import { KvsHttpError, LIMITS, checkKey, ttlMs } from './kvs-limits';
import { checkFilters, matchesFilters, type FilterGroup } from './conditions';
import { itemJson } from './item-json';
import { checkedWrite, spaceOf } from './kvs-space';
import type { KvsReply } from './kvs-api';

type Entities = Map<string, EntityDef>;
interface Item { key?: unknown; entityName?: unknown; value?: unknown; options?: { ttl?: unknown; metadataFields?: string[] } }
type Outcome = { ok: true; extra?: Record<string, unknown> } | { ok: false; code: string; message: string };

function items(body: unknown, op: string): Item[] {
  if (!Array.isArray(body) || body.length === 0) {
    throw new KvsHttpError(400, 'EMPTY_BATCH', `A batch ${op} needs at least one item.`); // sandbox
  }
  const seen = new Set<string>();
  for (const it of body as Item[]) {
    const id = `${String(it?.entityName ?? '')}\u0000${String(it?.key)}`;
    if (seen.has(id)) throw new KvsHttpError(400, 'DUPLICATE_KEYS', `The batch names key "${String(it?.key)}" more than once.`); // sandbox
    seen.add(id);
  }
  return body as Item[];
}

function run(list: Item[], fn: (it: Item) => Outcome): KvsReply {
  const successfulKeys: unknown[] = [];
  const failedKeys: unknown[] = [];
  for (const it of list) {
    const id = { key: it.key, ...(it.entityName ? { entityName: it.entityName } : {}) };
    let outcome: Outcome;
    try {
      outcome = fn(it);
    } catch (e) {
      if (!(e instanceof KvsHttpError)) throw e;
      outcome = { ok: false, code: e.code, message: e.message };
    }
    if (outcome.ok) successfulKeys.push({ ...id, ...outcome.extra });
    else failedKeys.push({ ...id, error: { code: outcome.code, message: outcome.message } });
  }
  return { status: 200, body: { successfulKeys, failedKeys } };
}

export function batchSet(store: KvsStore, entities: Entities, body: unknown): KvsReply {
  return run(items(body, 'set'), (it) => {
    const { space, entity } = spaceOf(entities, 'kvs', it.entityName);
    const json = checkedWrite(entity, it.key, it.value);
    store.put(space, it.key as string, json, ttlMs(it.options?.ttl));
    return { ok: true };
  });
}

export function batchGet(store: KvsStore, entities: Entities, body: unknown): KvsReply {
  return run(items(body, 'get'), (it) => {
    const { space } = spaceOf(entities, 'kvs', it.entityName);
    const row = store.get(space, checkKey(it.key, space !== 'kvs'));
    if (!row) return { ok: false, code: 'KEY_NOT_FOUND', message: 'The specified key does not exist.' };
    const { key: _key, ...rest } = itemJson(row, it.options?.metadataFields);
    return { ok: true, extra: rest };
  });
}

export function batchDelete(store: KvsStore, entities: Entities, body: unknown): KvsReply {
  return run(items(body, 'delete'), (it) => {
    const { space } = spaceOf(entities, 'kvs', it.entityName);
    store.delete(space, checkKey(it.key, space !== 'kvs'));
    return { ok: true };
  });
}

interface TxOp { key?: unknown; value?: unknown; entityName?: unknown; conditions?: FilterGroup; options?: { ttl?: unknown } }

export function transact(store: KvsStore, entities: Entities, body: Record<string, unknown>): KvsReply {
  const sets = (body.set ?? []) as TxOp[];
  const deletes = (body.delete ?? []) as TxOp[];
  const checks = (body.check ?? []) as TxOp[];
  const total = sets.length + deletes.length + checks.length;
  if (total === 0) throw new KvsHttpError(400, 'EMPTY_TRANSACTION', 'A transaction needs at least one operation.'); // sandbox
  if (total > LIMITS.transactionMaxOps) {
    throw new KvsHttpError(400, 'TOO_MANY_OPERATIONS', `Each transaction can contain a maximum of ${LIMITS.transactionMaxOps} operations; this one has ${total}.`); // sandbox code
  }
  const seen = new Set<string>();
  const resolved = [...sets.map((op) => ({ op, kind: 'set' })), ...deletes.map((op) => ({ op, kind: 'delete' })), ...checks.map((op) => ({ op, kind: 'check' }))].map(
    ({ op, kind }) => {
      const { space, entity } = spaceOf(entities, 'kvs', op.entityName);
      const key = checkKey(op.key, entity !== undefined);
      if (seen.has(`${space}\u0000${key}`)) throw new KvsHttpError(400, 'DUPLICATE_KEYS', `Each key can only be used once in a transaction ("${key}").`); // sandbox code
      seen.add(`${space}\u0000${key}`);
      const json = kind === 'set' ? checkedWrite(entity, key, op.value) : '';
      if (op.conditions && !entity) throw new KvsHttpError(400, 'INVALID_CONDITION', 'Conditions apply only to custom entities.'); // sandbox
      return { kind, space, key, json, ttl: ttlMs(op.options?.ttl), filters: checkFilters(op.conditions) };
    },
  );
  store.atomically(() => {
    for (const r of resolved) {
      if (!r.filters) continue;
      const row = store.get(r.space, r.key);
      const current = row ? (JSON.parse(row.value) as Record<string, unknown>) : {};
      if (!matchesFilters(current, r.filters)) {
        throw new KvsHttpError(409, 'CONDITIONAL_CHECK_FAILED', `The transaction was cancelled: the condition on "${r.key}" does not hold.`); // sandbox code
      }
    }
    for (const r of resolved) {
      if (r.kind === 'set') store.put(r.space, r.key, r.json, r.ttl);
      else if (r.kind === 'delete') store.delete(r.space, r.key);
    }
  });
  return { status: 204 };
}
