// JQL parse (POST /rest/api/3/jql/parse?validation=strict|warn|none), as the Jira platform REST
// API documents it (ParsedJqlQueries): each query answered on its own with Jira's error messages
// and, when it reads, its structure. `strict` and `warn` also check fields, values, operators and
// functions against the site, through the same engine the search uses.
import { badRequest, JiraError } from './errors';
import { compileJql } from './jql/evaluate';
import { parseJql, type Expr, type JqlQuery, type Operand } from './jql/parser';
import { json, type Ctx, type Route } from './router';

const field = (name: string) => ({ name, encodedName: /^[A-Za-z0-9_.]+$/.test(name) ? name : JSON.stringify(name) });

function operand(o: Operand): unknown {
  switch (o.kind) {
    case 'value': return { value: o.value, encodedValue: /^[A-Za-z0-9_.-]+$/.test(o.value) ? o.value : JSON.stringify(o.value) };
    case 'empty': return { keyword: 'empty' };
    case 'function': return { function: o.name, arguments: o.args, encodedOperand: `${o.name}(${o.args.join(', ')})` };
    case 'list': return { values: o.items.map(operand) };
  }
}

function structureOf(e: Expr): unknown {
  if (e.kind === 'clause') return { field: field(e.field), operator: e.op, operand: operand(e.operand) };
  if (e.kind === 'not') return { operator: 'not', clauses: [structureOf(e.expr)] };
  return { operator: e.kind, clauses: [structureOf(e.left), structureOf(e.right)] };
}

const structure = (q: JqlQuery) => ({
  ...(q.where ? { where: structureOf(q.where) } : {}),
  ...(q.orderBy.length > 0 ? { orderBy: { fields: q.orderBy.map((s) => ({ field: field(s.field), direction: s.dir })) } } : {}),
});

const messages = (e: unknown): string[] => {
  if (e instanceof JiraError) return e.errorMessages;
  throw e;
};

function parseQueries(ctx: Ctx) {
  const validation = ctx.query.get('validation') ?? 'strict';
  if (!['strict', 'warn', 'none'].includes(validation)) throw badRequest(`Invalid validation value '${validation}'. Valid values are: strict, warn, none.`);
  const body = ctx.json() as { queries?: unknown } | null;
  const queries = body && typeof body === 'object' ? body.queries : undefined;
  if (!Array.isArray(queries) || queries.length === 0 || queries.some((q) => typeof q !== 'string' || q.length === 0)) {
    throw badRequest("The 'queries' property must be a non-empty list of non-empty JQL strings.");
  }
  return json(200, {
    queries: (queries as string[]).map((query) => {
      let parsed: JqlQuery;
      try {
        parsed = parseJql(query);
      } catch (e) {
        return { query, errors: messages(e) };
      }
      let errors: string[] = [];
      if (validation !== 'none') {
        try {
          compileJql(ctx.scope, parsed);
        } catch (e) {
          errors = messages(e);
        }
      }
      if (errors.length > 0 && validation === 'strict') return { query, errors };
      return { query, structure: structure(parsed), ...(errors.length > 0 ? { errors } : {}) };
    }),
  });
}

export const jqlRoutes: Route[] = [{ method: 'POST', pattern: '/rest/api/3/jql/parse', handler: parseQueries }];
