// Custom entity index queries: partition equality, a range condition on the index's range attribute,
// optional filters, sort and cursor paging, evaluated over the entity's stored rows.
import type { EntityDef } from './entity-schema';
import type { KvsStore, Row } from './kvs-store';
import { KvsHttpError, checkPageLimit } from './kvs-limits';
import { checkFilters, checkRange, compareValues, holds, matchesFilters, type Clause, type FilterGroup } from './conditions';
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

type Candidate = { row: Row; value: Record<string, unknown>; rangeValue: unknown };

const encodeCursor = (c: Candidate) => Buffer.from(JSON.stringify([c.rangeValue, c.row.key])).toString('base64url');

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
  const direction = req.sort === 'DESC' ? -1 : 1;

  const candidates: Candidate[] = [];
  for (const row of store.all(`entity:${entity.name}`)) {
    const value = JSON.parse(row.value) as Record<string, unknown>;
    const rangeValue = value[index.range];
    if (rangeValue === undefined || rangeValue === null) continue; // sparse index: rows without the range attribute are not in it
    if (!index.partition.every((attr, i) => value[attr] === partition[i])) continue;
    if (req.range && !holds(req.range, rangeValue)) continue;
    if (!matchesFilters(value, filters)) continue;
    candidates.push({ row, value, rangeValue });
  }
  const order = (a: { rangeValue: unknown; key: string }, b: { rangeValue: unknown; key: string }) =>
    direction * (compareValues(a.rangeValue, b.rangeValue) || compareValues(a.key, b.key));
  candidates.sort((a, b) => order({ rangeValue: a.rangeValue, key: a.row.key }, { rangeValue: b.rangeValue, key: b.row.key }));

  let start = 0;
  if (req.cursor) {
    const [rangeValue, key] = decodeCursor(req.cursor);
    const after = { rangeValue, key };
    start = candidates.findIndex((c) => order({ rangeValue: c.rangeValue, key: c.row.key }, after) > 0);
    if (start < 0) start = candidates.length;
  }
  const page = candidates.slice(start, start + limit);
  const more = start + limit < candidates.length;
  const fields = req.metadataFields ?? req.options?.metadataFields;
  const last = page[page.length - 1];
  return {
    data: page.map((c) => itemJson(c.row, fields)),
    ...(more && last ? { cursor: encodeCursor(last) } : {}),
  };
}
