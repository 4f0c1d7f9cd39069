// Encoded queries (sysparm_query): conditions joined by `^` (AND) and `^OR` (OR, binding tighter than
// AND), `^NQ` (a new query OR-ed with the previous ones), and ORDERBY / ORDERBYDESC clauses. An invalid
// part (unknown field, unknown operator) is ignored, as ServiceNow does by default.

export const OPERATORS = [
  '!=', '>=', '<=', '=', '>', '<', 'NOT LIKE', 'LIKE', 'STARTSWITH', 'ENDSWITH', 'NOT IN', 'IN', 'ISNOTEMPTY', 'ISEMPTY',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  field: string;
  op: Operator;
  value: string;
}

export interface OrderBy {
  field: string;
  desc: boolean;
}

/** OR of queries (`^NQ`); each query is an AND of OR-groups of conditions. */
export interface ParsedQuery {
  queries: Condition[][][];
  orderBy: OrderBy[];
  /** Parts that could not be parsed at all (kept to honour glide.invalid_query.returns_no_rows). */
  invalid: string[];
}

const ESCAPED_CARET = '\u0000';
const OPERATOR_ALTERNATION = OPERATORS.map((o) => o.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('|');
const CONDITION = new RegExp(`^([a-z_][a-z0-9_.]*?)(${OPERATOR_ALTERNATION})(.*)$`, 's');

function parseCondition(term: string): Condition | undefined {
  const m = CONDITION.exec(term);
  if (!m) return undefined;
  const op = m[2] as Operator;
  const value = (m[3] ?? '').replaceAll(ESCAPED_CARET, '^');
  if ((op === 'ISEMPTY' || op === 'ISNOTEMPTY') && value !== '') return undefined;
  return { field: m[1] as string, op, value };
}

export function parseQuery(text: string): ParsedQuery {
  const parsed: ParsedQuery = { queries: [], orderBy: [], invalid: [] };
  for (const sub of text.replaceAll('^^', ESCAPED_CARET).split('^NQ')) {
    const groups: Condition[][] = [];
    for (const raw of sub.split('^')) {
      const term = raw.trim();
      if (term === '' || term === 'EQ') continue;
      if (term.startsWith('ORDERBYDESC')) {
        parsed.orderBy.push({ field: term.slice('ORDERBYDESC'.length), desc: true });
        continue;
      }
      if (term.startsWith('ORDERBY')) {
        parsed.orderBy.push({ field: term.slice('ORDERBY'.length), desc: false });
        continue;
      }
      const isOr = term.startsWith('OR') && groups.length > 0;
      const condition = parseCondition(isOr ? term.slice(2) : term);
      if (!condition) {
        parsed.invalid.push(term);
        continue;
      }
      if (isOr) groups[groups.length - 1]!.push(condition);
      else groups.push([condition]);
    }
    parsed.queries.push(groups);
  }
  return parsed;
}

export type ValueKind = 'number' | 'text';

/** How the query engine reads a record: the value at a (possibly dot-walked) path, and how to compare it. */
export interface FieldAccess {
  /** The value at `path`, or undefined when the path names no field of the table. */
  get(record: Record<string, string>, path: string): string | undefined;
  kind(path: string): ValueKind;
  /** Rewrites special values such as `javascript:gs.getUserID()`. */
  literal(value: string): string;
}

function compare(a: string, b: string, kind: ValueKind): number {
  if (kind === 'number' && a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b))) {
    return Number(a) - Number(b);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function test(c: Condition, actual: string, access: FieldAccess): boolean {
  const value = access.literal(c.value);
  const kind = access.kind(c.field);
  const lower = actual.toLowerCase();
  const list = () => value.split(',').map((v) => v.trim());
  switch (c.op) {
    case '=': return compare(actual, value, kind) === 0;
    case '!=': return compare(actual, value, kind) !== 0;
    case '>': return actual !== '' && compare(actual, value, kind) > 0;
    case '>=': return actual !== '' && compare(actual, value, kind) >= 0;
    case '<': return actual !== '' && compare(actual, value, kind) < 0;
    case '<=': return actual !== '' && compare(actual, value, kind) <= 0;
    case 'LIKE': return lower.includes(value.toLowerCase());
    case 'NOT LIKE': return !lower.includes(value.toLowerCase());
    case 'STARTSWITH': return lower.startsWith(value.toLowerCase());
    case 'ENDSWITH': return lower.endsWith(value.toLowerCase());
    case 'IN': return list().some((v) => compare(actual, v, kind) === 0);
    case 'NOT IN': return !list().some((v) => compare(actual, v, kind) === 0);
    case 'ISEMPTY': return actual === '';
    case 'ISNOTEMPTY': return actual !== '';
  }
}

export interface CompiledQuery {
  matches(record: Record<string, string>): boolean;
  sort<T extends Record<string, string>>(records: T[]): T[];
}

export function compileQuery(text: string, access: FieldAccess, invalidReturnsNoRows: boolean): CompiledQuery {
  const parsed = parseQuery(text);
  const known = (path: string, sample: Record<string, string>) => access.get(sample, path) !== undefined;
  let poisoned = invalidReturnsNoRows && parsed.invalid.length > 0;
  const orderBy = parsed.orderBy.filter((o) => o.field !== '');
  return {
    matches(record) {
      if (poisoned) return false;
      // Conditions on unknown fields are dropped (or poison the query when the property says so).
      const usable = (c: Condition) => {
        if (known(c.field, record)) return true;
        if (invalidReturnsNoRows) poisoned = true;
        return false;
      };
      const queries = parsed.queries.map((groups) => groups.map((g) => g.filter(usable)).filter((g) => g.length > 0));
      if (poisoned) return false;
      if (queries.length === 0) return true;
      return queries.some((groups) => groups.every((g) => g.some((c) => test(c, access.get(record, c.field) ?? '', access))));
    },
    sort(records) {
      if (orderBy.length === 0) return records;
      return [...records].sort((a, b) => {
        for (const o of orderBy) {
          const d = compare(access.get(a, o.field) ?? '', access.get(b, o.field) ?? '', access.kind(o.field));
          if (d !== 0) return o.desc ? -d : d;
        }
        return 0;
      });
    },
  };
}
