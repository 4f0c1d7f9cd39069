// Which Jira REST operations the app calls, read from its source: every `route` tagged template in
// src/ (the only way @forge/api builds a product path), with the HTTP method its call site passes.
// Each is then matched to an operation of Jira's OpenAPI description, whose
// `x-atlassian-oauth2-scopes` say which scopes allow it. `forge lint` cannot see these calls (they
// go through the adapter's JiraClient, not straight into requestJira), so this is where scopes are
// proven.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type CallSite = { method: HttpMethod; path: string; at: string };
export type ScopeOption = { state: string; scopes: string[] };
export type Operation = { method: HttpMethod; path: string; operationId: string; options: ScopeOption[] };

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `/rest/api/3/issue/${id}/comment?${q}` → `/rest/api/3/issue/{}/comment` (placeholders, no query). */
function templatePath(node: ts.TaggedTemplateExpression): string {
  const t = node.template;
  const raw = ts.isNoSubstitutionTemplateLiteral(t) ? t.text : t.head.text + t.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  return raw.split('?')[0] as string;
}

/** The method a call site passes with its route: the string argument before it, or requestJira's init. */
function methodOf(node: ts.TaggedTemplateExpression): HttpMethod | undefined {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call)) return undefined;
  const i = call.arguments.indexOf(node);
  const before = call.arguments[i - 1];
  if (before && ts.isStringLiteral(before) && METHODS.has(before.text)) return before.text as HttpMethod;
  if (i === 0 && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'requestJira') {
    const init = call.arguments[1];
    if (!init) return 'GET';
    if (!ts.isObjectLiteralExpression(init)) return undefined;
    const method = init.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'method');
    if (!method) return 'GET'; // fetch's default
    const value = (method as ts.PropertyAssignment).initializer;
    return ts.isStringLiteral(value) && METHODS.has(value.text) ? (value.text as HttpMethod) : undefined;
  }
  return undefined;
}

/**
 * Every product REST call in `srcDir`. A `route` whose method cannot be read from its call site is
 * returned in `unresolved`, so a new call shape fails the test instead of slipping past it.
 */
export function jiraCallSites(appDir: string, srcDir = join(appDir, 'src')): { calls: CallSite[]; unresolved: string[] } {
  const calls: CallSite[] = [];
  const unresolved: string[] = [];
  for (const file of tsFiles(srcDir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'route') {
        const at = `${relative(appDir, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const method = methodOf(node);
        if (method) calls.push({ method, path: templatePath(node), at });
        else unresolved.push(at);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { calls, unresolved };
}

type OpenApi = { paths: Record<string, Record<string, { operationId?: string; 'x-atlassian-oauth2-scopes'?: ScopeOption[] }>> };

/**
 * The OpenAPI operation a call reaches: same method, same segments, where a `{}` placeholder of
 * ours fills a `{param}` of theirs. Literal segments win over parameters (`/project/search` is
 * not `/project/{projectIdOrKey}`).
 */
export function operationFor(spec: OpenApi, method: HttpMethod, path: string): Operation | undefined {
  const ours = path.split('/');
  let best: { op: Operation; literal: number } | undefined;
  for (const [template, item] of Object.entries(spec.paths)) {
    const theirs = template.split('/');
    if (theirs.length !== ours.length) continue;
    let literal = 0;
    const fits = theirs.every((seg, i) => {
      const param = /^\{[^}]+\}$/.test(seg);
      if (ours[i] === seg) return (literal += param ? 0 : 1), true;
      return param && /^[^{}]*\{\}[^{}]*$/.test(ours[i] as string);
    });
    const op = item[method.toLowerCase()];
    if (!fits || !op) continue;
    if (!best || literal > best.literal) {
      best = { op: { method, path: template, operationId: op.operationId ?? '?', options: op['x-atlassian-oauth2-scopes'] ?? [] }, literal };
    }
  }
  return best?.op;
}

/**
 * An operation is allowed when every scope of one of its options is declared (classic or granular).
 * An option with no scopes needs none: the description lists only GET /serverInfo ("can be accessed
 * anonymously") and Connect's app properties so.
 */
export const allowedBy = (options: ScopeOption[], declared: ReadonlySet<string>): ScopeOption | undefined =>
  options.find((o) => o.scopes.every((s) => declared.has(s)));
