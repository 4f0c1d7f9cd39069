// Custom entity index queries: partition equality, a range condition on the index's range attribute,
// optional filters, sort and cursor paging. The store reads the index in order (SQLite side table,
// see entity-index.ts) and stops once the page is full; filters apply to the rows it walks.
import type { EntityDef } from './entity-schema';
import type { KvsStore } from './kvs-store';
import { KvsHttpError, checkPageLimit } from './kvs-limits';
import { checkFilters, checkRange, compareValues, matchesFilters, type Clause, type FilterGroup } from './conditions';
import { orderOf } from './entity-index';
import { itemJson } from './item-json';

export interface EntityQueryRequest {
  entityName: string;
  indexName: string;
  partition?: unknown[];
  range?: Clause;
  filters?: FilterGroup;
  sort?: 'ASC' | 'DESC';
  cursor?: string;
  limit?: number;
  metadataFields?: string[];
  options?: { metadataFields?: string[] };
}

const encodeCursor = (rangeValue: unknown, key: string) => Buffer.from(JSON.stringify([rangeValue, key])).toString('base64url');

function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return [parsed[0], parsed[1]];
  } catch {
    // fall through to the error below
  }
  throw new KvsHttpError(400, 'INVALID_CURSOR', 'The cursor is not one this service returned.'); // sandbox
}

export function queryEntity(store: KvsStore, entity: EntityDef, req: EntityQueryRequest): { data: unknown[]; cursor?: string } {
  const index = entity.indexes.get(req.indexName);
  if (!index) {
    throw new KvsHttpError(400, 'INVALID_ENTITY_INDEX', `Entity ${entity.name} has no index "${req.indexName}" declared in the manifest.`);
  }
  const partition = req.partition ?? [];
  if (partition.length !== index.partition.length) {
    throw new KvsHttpError(400, 'INVALID_PARTITION', `Index ${index.name} needs ${index.partition.length} partition value(s), got ${partition.length}.`); // sandbox
  }
  checkRange(req.range);
  const filters = checkFilters(req.filters);
  const limit = checkPageLimit(req.limit);
  const desc = req.sort === 'DESC';
  const after = req.cursor ? decodeCursor(req.cursor) : undefined;
  const orderBy = orderOf(entity, index);
  const accept = (value: Record<string, unknown>) => matchesFilters(value, filters);
  const scan = { space: `entity:${entity.name}`, index: index.name, partition, range: req.range, desc, orderBy };

  let rows;
  if (orderBy) {
    // One page plus one row tells whether there is more.
    rows = store.queryIndex({ ...scan, after }, accept, limit + 1);
  } else {
    // A range attribute of type `any` may mix numbers and strings, which no single SQL order matches:
    // order this partition's rows here instead.
    const dir = desc ? -1 : 1;
    const order = (a: [unknown, string], b: [unknown, string]) => dir * (compareValues(a[0], b[0]) || compareValues(a[1], b[1]));
    const all = store.queryIndex(scan, accept, Infinity).sort((a, b) => order([a.range, a.key], [b.range, b.key]));
    const start = after ? all.findIndex((r) => order([r.range, r.key], after) > 0) : 0;
    rows = all.slice(start < 0 ? all.length : start, (start < 0 ? all.length : start) + limit + 1);
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const fields = req.metadataFields ?? req.options?.metadataFields;
  return {
    data: page.map((r) => itemJson(r, fields)),
    ...(rows.length > limit && last ? { cursor: encodeCursor(last.range, last.key) } : {}),
  };
}
