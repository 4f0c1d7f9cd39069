// Evaluates the condition clauses @forge/kvs sends (`WhereConditions` / `FilterConditions`) against
// stored entity values, and validates `{ and | or }` filter groups the way the service does.
import { KvsHttpError } from './kvs-limits';

export interface Clause { property?: string; condition: string; values: unknown[] }
export interface FilterGroup { and?: Clause[]; or?: Clause[] }

const RANGE_CONDITIONS = new Set(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);
const FILTER_CONDITIONS = new Set([...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS']);

/** Orders numbers numerically and everything else as strings. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function checkClause(c: Clause, allowed: Set<string>): void {
  if (!c || typeof c.condition !== 'string' || !allowed.has(c.condition) || !Array.isArray(c.values)) {
    throw new KvsHttpError(400, 'INVALID_CONDITION', `Unsupported condition ${JSON.stringify(c)}.`); // sandbox
  }
  if (c.condition === 'BETWEEN' && c.values.length < 2) {
    throw new KvsHttpError(400, 'INSUFFICIENT_FILTER_VALUES', 'The specified condition needs at least two values.');
  }
}

export function checkRange(range: Clause | undefined): void {
  if (range) checkClause(range, RANGE_CONDITIONS);
}

/** Returns the clauses and whether all (and) or any (or) must hold. */
export function checkFilters(filters: FilterGroup | undefined): { clauses: Clause[]; all: boolean } | undefined {
  if (!filters) return undefined;
  if (filters.and && filters.or) {
    throw new KvsHttpError(400, 'INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.');
  }
  const clauses = filters.and ?? filters.or;
  if (!Array.isArray(clauses) || clauses.length === 0) {
    throw new KvsHttpError(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  }
  for (const c of clauses) {
    checkClause(c, FILTER_CONDITIONS);
    if (typeof c.property !== 'string') throw new KvsHttpError(400, 'INVALID_CONDITION', 'Every filter needs a property.'); // sandbox
  }
  return { clauses, all: filters.and !== undefined };
}

export function holds(c: Clause, v: unknown): boolean {
  const [a, b] = c.values;
  switch (c.condition) {
    case 'EXISTS': return v !== undefined && v !== null;
    case 'NOT_EXISTS': return v === undefined || v === null;
    case 'EQUAL_TO': return v !== undefined && compareValues(v, a) === 0 && typeof v === typeof a;
    case 'NOT_EQUAL_TO': return !(v !== undefined && compareValues(v, a) === 0 && typeof v === typeof a);
    case 'BEGINS_WITH': return typeof v === 'string' && v.startsWith(String(a));
    case 'CONTAINS': return Array.isArray(v) ? v.includes(a) : typeof v === 'string' && v.includes(String(a));
    case 'NOT_CONTAINS': return !(Array.isArray(v) ? v.includes(a) : typeof v === 'string' && v.includes(String(a)));
    case 'GREATER_THAN': return v !== undefined && v !== null && compareValues(v, a) > 0;
    case 'GREATER_THAN_EQUAL_TO': return v !== undefined && v !== null && compareValues(v, a) >= 0;
    case 'LESS_THAN': return v !== undefined && v !== null && compareValues(v, a) < 0;
    case 'LESS_THAN_EQUAL_TO': return v !== undefined && v !== null && compareValues(v, a) <= 0;
    case 'BETWEEN': return v !== undefined && v !== null && compareValues(v, a) >= 0 && compareValues(v, b) <= 0;
    default: return false;
  }
}

export function matchesFilters(value: Record<string, unknown>, f: { clauses: Clause[]; all: boolean } | undefined): boolean {
  if (!f) return true;
  const test = (c: Clause) => holds(c, value[c.property as string]);
  return f.all ? f.clauses.every(test) : f.clauses.some(test);
}
