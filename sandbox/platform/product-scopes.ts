// The scope check Forge makes on every product REST call (`requestJira`, as app or as user): the
// operation's scopes, as Jira's OpenAPI description lists them (`x-atlassian-oauth2-scopes`, a
// classic option and a granular one), must all be in the manifest's `permissions.scopes` for one
// option. Otherwise Jira answers 401 `{"code":401,"message":"Unauthorized; scope does not match"}`
// with `x-failure-category: FAILURE_CLIENT_SCOPE_CHECK` (as quoted in Atlassian community threads;
// the docs leave the exact answer open). A path the description does not know is left to the
// product emulator (it answers 404 for what Jira does not serve).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type ScopeOption = { state?: string; scopes: string[] };
type Spec = { paths: Record<string, Record<string, { 'x-atlassian-oauth2-scopes'?: ScopeOption[] }>> };
interface Operation { segments: string[]; literal: number; template: string; options: ScopeOption[] }

/** Jira's platform REST description, kept beside the repository (`../shared/contracts`). */
export const JIRA_OPENAPI_FILE = join(__dirname, '..', '..', '..', 'shared', 'contracts', 'jira-platform-openapi.json');

let table: Map<string, Operation[]> | null | undefined;

function load(): Map<string, Operation[]> | null {
  if (table !== undefined) return table;
  if (!existsSync(JIRA_OPENAPI_FILE)) {
    console.warn(`sandbox: ${JIRA_OPENAPI_FILE} is missing, so product calls are not checked against the app's scopes`);
    return (table = null);
  }
  const spec = JSON.parse(readFileSync(JIRA_OPENAPI_FILE, 'utf8')) as Spec;
  table = new Map();
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const segments = template.split('/');
      const literal = segments.filter((s) => !/^\{[^}]+\}$/.test(s)).length;
      const list = table.get(method.toUpperCase()) ?? [];
      list.push({ segments, literal, template, options: op['x-atlassian-oauth2-scopes'] ?? [] });
      table.set(method.toUpperCase(), list);
    }
  }
  for (const list of table.values()) list.sort((a, b) => b.literal - a.literal);
  return table;
}

/** The documented operation a request reaches (literal segments win over parameters). */
export function operationOf(method: string, pathWithQuery: string): { template: string; options: ScopeOption[] } | undefined {
  const ops = load()?.get(method.toUpperCase());
  if (!ops) return undefined;
  const ours = pathWithQuery.split('?')[0]!.split('/').map((s) => decodeURIComponent(s));
  return ops.find((op) => op.segments.length === ours.length && op.segments.every((seg, i) => seg === ours[i] || (/^\{[^}]+\}$/.test(seg) && ours[i] !== '')));
}

/** Null when the declared scopes allow the call; else the scopes it would need (each option). */
export function missingScopes(method: string, path: string, declared: readonly string[]): { template: string; needs: string[] } | null {
  const op = operationOf(method, path);
  if (!op || op.options.length === 0) return null;
  const have = new Set(declared);
  // An option with no scopes is an operation that needs none (serverInfo: "can be accessed
  // anonymously"; apps call it with no scope), so it always passes.
  if (op.options.some((o) => o.scopes.every((s) => have.has(s)))) return null;
  return { template: op.template, needs: op.options.map((o) => o.scopes.join(' + ')) };
}
