// What each part of the app needs from `permissions.scopes`, from Atlassian's own data: the Jira
// OpenAPI description for REST calls, @forge/manifest's product-event mapping for triggers, and
// storage:app for app storage. Each need is a list of options (the classic scopes, or the full set
// of granular ones); a need is met when every scope of one option is declared.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readManifest } from '../../support/manifest-contract';
import { allowedBy, jiraCallSites, operationFor, type ScopeOption } from './jira-operations';
import { JSM_OPERATIONS } from './jsm-operations';

export type Need = { what: string; options: ScopeOption[] };
export type ScopeFindings = {
  needs: Array<Need & { allowedBy?: ScopeOption }>;
  /** Needs no declared option meets. */
  missing: string[];
  /** Declared scopes that no need requires (the rest still meet every need without them). */
  unused: string[];
  /** Write or manage scopes declared only for reads that granular read scopes allow. */
  broader: string[];
  /** Call sites whose method or operation could not be told. */
  unknown: string[];
};

// @forge/manifest's data files (not in its package exports): read from its out/ folder.
const MANIFEST_LIB = dirname(require.resolve('@forge/manifest'));
const SPEC_FILE = join(__dirname, '..', '..', '..', '..', 'shared', 'contracts', 'jira-platform-openapi.json');

type EventMapping = { mapping: Array<{ productEvent: string; oAuthScopes: { current?: string[]; beta?: string[] } }> };
type AppManifest = {
  app?: { storage?: { entities?: unknown[] } };
  modules?: { trigger?: Array<{ events?: string[] }> };
  permissions?: { scopes?: string[] };
};

/** Every scope name Forge knows (the list @forge/manifest validates against). */
export function knownScopes(): Set<string> {
  return new Set(JSON.parse(readFileSync(join(MANIFEST_LIB, 'scopes', 'shipyard-scopes.json'), 'utf8')) as string[]);
}

export function declaredScopes(appDir: string): string[] {
  return ((readManifest(appDir) as AppManifest).permissions?.scopes ?? []).slice();
}

export function appNeeds(appDir: string): { needs: Need[]; unknown: string[] } {
  const platform = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Parameters<typeof operationFor>[0];
  const spec = { paths: { ...platform.paths, ...JSM_OPERATIONS.paths } } as Parameters<typeof operationFor>[0];
  const manifest = readManifest(appDir) as AppManifest;
  const needs: Need[] = [];
  const { calls, unresolved } = jiraCallSites(appDir);
  const unknown = unresolved.map((at) => `${at}: cannot tell the HTTP method of this route`);
  for (const call of calls) {
    const op = operationFor(spec, call.method, call.path);
    if (!op) unknown.push(`${call.at}: ${call.method} ${call.path} is no operation of Jira's REST API`);
    else needs.push({ what: `${op.method} ${op.path} (${op.operationId}, ${call.at})`, options: op.options });
  }
  const events = (JSON.parse(readFileSync(join(MANIFEST_LIB, 'mapping', 'product-event-to-scope-mapping.json'), 'utf8')) as EventMapping).mapping;
  for (const event of new Set((manifest.modules?.trigger ?? []).flatMap((t) => t.events ?? []))) {
    const known = events.find((e) => e.productEvent === event);
    if (!known) continue; // app lifecycle events need no scope
    const options = [
      { state: 'Current', scopes: known.oAuthScopes.current ?? [] },
      { state: 'Beta', scopes: known.oAuthScopes.beta ?? [] },
    ].filter((o) => o.scopes.length > 0);
    needs.push({ what: `trigger event ${event}`, options });
  }
  if ((manifest.app?.storage?.entities ?? []).length > 0) needs.push({ what: 'app storage (@forge/kvs)', options: [{ state: 'Current', scopes: ['storage:app'] }] });
  return { needs, unknown };
}

const isRead = (scope: string) => scope.startsWith('read:');

export function scopeFindings(needs: Need[], declaredList: string[]): Omit<ScopeFindings, 'unknown'> {
  const declared = new Set(declaredList);
  const met = needs.map((n) => ({ ...n, allowedBy: allowedBy(n.options, declared) }));
  const missing = met.filter((n) => !n.allowedBy).map((n) => `${n.what}: needs one of ${n.options.map((o) => o.scopes.join(' + ')).join(' | ')}`);
  const unused = declaredList.filter((s) => {
    const without = new Set(declaredList.filter((d) => d !== s));
    return needs.every((n) => allowedBy(n.options, without) !== undefined);
  });
  const broader = declaredList.filter((s) => {
    if (isRead(s)) return false;
    const relying = met.filter((n) => n.allowedBy?.scopes.includes(s));
    return relying.length > 0 && relying.every((n) => n.options.some((o) => o.scopes.every(isRead)));
  });
  return { needs: met, missing, unused, broader };
}
