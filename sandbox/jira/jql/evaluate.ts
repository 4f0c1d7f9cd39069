// Compiles a parsed JQL query against the site: checks every field, operator and value (collecting all
// problems, as Jira lists them together) and returns a predicate plus an ORDER BY comparator.
import type { RequestScope } from '../context';
import { JiraError } from '../errors';
import type { IssueRecord } from '../types';
import { badDate, unknownField, unknownValue, unsupportedOperator } from './errors';
import { jqlFields, OPERATORS, type JqlField, type JqlFunction } from './fields';
import { propertyField } from './property-field';
import type { Clause, Expr, JqlQuery, Operand } from './parser';

type Value = string | number | typeof EMPTY;
const EMPTY = Symbol('EMPTY');
const UNITS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

export function parseJqlDate(raw: string, now: number): number | undefined {
  const rel = /^([+-])?\s*((?:\d+\s*[wdhm]\s*)+)$/i.exec(raw.trim());
  if (rel) {
    let total = 0;
    for (const m of (rel[2] as string).matchAll(/(\d+)\s*([wdhm])/gi)) total += Number(m[1]) * (UNITS[(m[2] as string).toLowerCase()] ?? 0);
    return now + (rel[1] === '-' ? -total : total);
  }
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(raw.trim());
  if (!abs) return undefined;
  const [, y, mo, d, h, mi] = abs.map(Number) as number[];
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h || 0, mi || 0);
  const check = new Date(ms);
  return check.getUTCDate() === d && check.getUTCMonth() === (mo as number) - 1 ? ms : undefined;
}

export interface CompiledJql {
  matches(issue: IssueRecord): boolean;
  compare(a: IssueRecord, b: IssueRecord): number;
  bounded: boolean;
}

export function compileJql(scope: RequestScope, query: JqlQuery): CompiledJql {
  const fields = jqlFields(scope);
  const errors: string[] = [];
  const now = scope.site.now();
  const lookup = (name: string): JqlField | undefined => fields.get(name.toLowerCase()) ?? propertyField(scope, name);

  const value = (field: JqlField, o: Operand, op: string): Value[] => {
    if (o.kind === 'empty') return [EMPTY];
    if (o.kind === 'list') return o.items.flatMap((item) => value(field, item, op));
    if (o.kind === 'function') {
      const name = o.name.toLowerCase();
      const fn = field.functions?.[name];
      if (fn) return functionValues(field, fn, o.name, op, o.args);
      if (name === 'currentuser' && field.kind === 'ref') return [scope.user.accountId];
      if (name === 'now' && field.kind === 'date') return [now];
      errors.push(`Unable to find JQL function '${o.name}()'.`);
      return [];
    }
    const v = o.value;
    if (field.kind === 'date') {
      const ms = parseJqlDate(v, now);
      if (ms === undefined) errors.push(badDate(v, field.name));
      return ms === undefined ? [] : [ms];
    }
    if (field.kind === 'number') {
      const n = Number(v);
      if (v.trim() === '' || Number.isNaN(n)) errors.push(`The value '${v}' is not a valid number for the field '${field.name}'.`);
      return Number.isNaN(n) ? [] : [n];
    }
    if (!field.resolve) return [v];
    const resolved = field.resolve(v);
    if (resolved !== undefined) return [resolved];
    if (field.name === 'key') {
      errors.push(/^[A-Za-z][A-Za-z0-9_]*-\d+$|^\d+$/.test(v) ? `An issue with key '${v}' does not exist for field 'key'.` : `The issue key '${v}' for field 'key' is invalid.`);
    } else {
      errors.push(unknownValue(v, field.name));
    }
    return [];
  };

  // A list function goes with IN / NOT IN only, a single-value one with = / != only (Jira's
  // "Operator 'in' does not support the non-list value …" refusal, JRACLOUD-65003).
  const functionValues = (field: JqlField, fn: JqlFunction, name: string, op: string, args: string[]): Value[] => {
    const listOp = op === 'in' || op === 'not in';
    if (fn.list !== listOp || !['=', '!=', 'in', 'not in'].includes(op)) {
      errors.push(`Operator '${op}' does not support the ${fn.list ? 'list' : 'non-list'} value '${name}()' for field '${field.name}'.`);
      return [];
    }
    const r = fn.call(args);
    if ('error' in r) {
      errors.push(r.error);
      return [];
    }
    return r.values;
  };

  const clause = (c: Clause): ((i: IssueRecord) => boolean) => {
    const field = lookup(c.field);
    if (!field) {
      errors.push(unknownField(c.field));
      return () => false;
    }
    if (!OPERATORS[field.kind].includes(c.op)) {
      errors.push(unsupportedOperator(c.op, c.field));
      return () => false;
    }
    const wanted = value(field, c.operand, c.op);
    const wantsEmpty = wanted.includes(EMPTY);
    const plain = wanted.filter((w): w is string | number => w !== EMPTY);
    const eq = (a: string | number, b: string | number): boolean =>
      typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
    // A field with its own order (versions) compares by it; others by value (dates, numbers).
    const order = (h: string | number, w: string | number, test: (d: number) => boolean): boolean => {
      if (!field.compareValues) return test(h < w ? -1 : h > w ? 1 : 0);
      const d = field.compareValues(h, w);
      return d !== undefined && test(d);
    };
    return (issue) => {
      const have = field.read(issue);
      const empty = have.length === 0;
      switch (c.op) {
        case 'is': return empty;
        case 'is not': return !empty;
        case '=': case 'in': return (wantsEmpty && empty) || have.some((h) => plain.some((w) => eq(h, w)));
        // Jira's negative operators never match an issue whose field is empty.
        case '!=': case 'not in': return wantsEmpty && plain.length === 0 ? !empty : !empty && !have.some((h) => plain.some((w) => eq(h, w)));
        case '>': return have.some((h) => plain.some((w) => order(h, w, (d) => d > 0)));
        case '>=': return have.some((h) => plain.some((w) => order(h, w, (d) => d >= 0)));
        case '<': return have.some((h) => plain.some((w) => order(h, w, (d) => d < 0)));
        case '<=': return have.some((h) => plain.some((w) => order(h, w, (d) => d <= 0)));
        case '~': return have.some((h) => plain.some((w) => String(h).toLowerCase().includes(String(w).replace(/\*/g, '').toLowerCase())));
        case '!~': return !have.some((h) => plain.some((w) => String(h).toLowerCase().includes(String(w).replace(/\*/g, '').toLowerCase())));
      }
    };
  };

  const build = (e: Expr): ((i: IssueRecord) => boolean) => {
    if (e.kind === 'clause') return clause(e);
    if (e.kind === 'not') {
      const inner = build(e.expr);
      return (i) => !inner(i);
    }
    const l = build(e.left);
    const r = build(e.right);
    return e.kind === 'and' ? (i) => l(i) && r(i) : (i) => l(i) || r(i);
  };

  const matches = query.where ? build(query.where) : () => true;
  const sorts = query.orderBy.length > 0 ? query.orderBy : [{ field: 'created', dir: 'desc' as const }];
  const keys = sorts.map((s) => {
    const f = lookup(s.field);
    if (!f) errors.push(unknownField(s.field));
    return { f, sign: s.dir === 'desc' ? -1 : 1 };
  });
  if (errors.length > 0) throw new JiraError(400, [...new Set(errors)]);
  const compare = (a: IssueRecord, b: IssueRecord): number => {
    for (const { f, sign } of keys) {
      const x = f!.sortKey(a);
      const y = f!.sortKey(b);
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return Number(b.id) - Number(a.id);
  };
  return { matches, compare, bounded: query.where !== undefined };
}
