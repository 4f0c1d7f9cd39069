// One router for both entries (HTTP and in-process `request()`): matches `METHOD /path/{param}` routes,
// parses JSON bodies strictly, and maps thrown JiraErrors to Jira's ErrorCollection responses.
import type { RequestScope } from './context';
import { JiraError } from './errors';
import { INVALID_PAYLOAD } from './request-schemas';

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Binary answer (attachment content); sent as-is instead of JSON. */
  bytes?: Uint8Array;
}

export interface Ctx {
  readonly scope: RequestScope;
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Record<string, string>;
  readonly rawBody: Uint8Array | undefined;
  /** The JSON body; 415 unless sent as application/json, 400 when it does not parse. */
  json(): unknown;
}

export type Handler = (ctx: Ctx) => RouteResult;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

interface Compiled extends Route {
  regex: RegExp;
  names: string[];
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): RouteResult => ({
  status,
  body,
  headers,
});
export const noContent = (): RouteResult => ({ status: 204 });

function parseJson(headers: Record<string, string>, raw: Uint8Array | undefined): unknown {
  const text = raw ? Buffer.from(raw).toString('utf8') : '';
  if (text.trim() === '') throw new JiraError(400, [INVALID_PAYLOAD]);
  const type = headers['content-type'] ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new JiraError(415, ['Unsupported Media Type: send the body as application/json.']);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new JiraError(400, [`${INVALID_PAYLOAD} (${(e as Error).message})`]);
  }
}

export class Router {
  private readonly routes: Compiled[];

  constructor(routes: Route[]) {
    this.routes = routes.map(compile);
  }

  /** The route pattern a request would be served by (one endpoint for the burst limit), if any. */
  endpoint(method: string, pathWithQuery: string): string | undefined {
    const path = new URL(pathWithQuery, 'http://site.invalid').pathname;
    return this.routes.find((r) => r.method === method && r.regex.test(path))?.pattern;
  }

  dispatch(
    scope: RequestScope,
    method: string,
    pathWithQuery: string,
    headers: Record<string, string>,
    rawBody: Uint8Array | undefined,
  ): RouteResult {
    const url = new URL(pathWithQuery, 'http://site.invalid');
    const path = url.pathname;
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      let parsed: { value: unknown } | undefined;
      const ctx: Ctx = {
        scope,
        method,
        path,
        params,
        query: url.searchParams,
        headers,
        rawBody,
        json: () => (parsed ??= { value: parseJson(headers, rawBody) }).value,
      };
      return r.handler(ctx);
    }
    if (pathMatched) throw new JiraError(405, [`Method ${method} is not allowed on ${path}.`]);
    throw new JiraError(404, [`No resource found for ${method} ${path}.`]);
  }
}
