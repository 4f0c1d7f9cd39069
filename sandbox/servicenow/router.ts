// One router for both entries (HTTP and in-process `request()`): matches `METHOD /path/{param}` routes and
// parses bodies the way the REST framework does, throwing SnError for anything it cannot serve.
import type { RequestScope } from './context';
import { noResource, SnError, unreadableRequest } from './errors';

export interface RouteResult {
  status: number;
  /** Serialised as JSON; absent for an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Binary answer (attachment content), sent as-is. */
  bytes?: Uint8Array;
}

export interface Ctx {
  readonly scope: RequestScope;
  readonly method: string;
  /** Path without query string, with any `/v1`-style version segment removed. */
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Record<string, string>;
  readonly rawBody: Uint8Array | undefined;
  /** The JSON object body; 400 when missing or not JSON, 415 when sent as another media type. */
  jsonObject(): Record<string, unknown>;
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

function parseJsonObject(headers: Record<string, string>, raw: Uint8Array | undefined): Record<string, unknown> {
  const type = (headers['content-type'] ?? 'application/json').toLowerCase();
  if (!type.includes('json')) throw new SnError(415, 'Unsupported Media Type', `Content-Type ${type} is not supported; send application/json`);
  const text = raw ? Buffer.from(raw).toString('utf8') : '';
  if (text.trim() === '') throw unreadableRequest('The request body is empty; send a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw unreadableRequest(`The payload is not valid JSON: ${(e as Error).message}`);
  }
  // Several records are not supported: ServiceNow works on the first one and ignores the rest.
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unreadableRequest('The payload must be a JSON object of field names and values.');
  }
  return value as Record<string, unknown>;
}

export class Router {
  private readonly routes: Compiled[];

  constructor(routes: Route[]) {
    this.routes = routes.map(compile);
  }

  dispatch(scope: RequestScope, method: string, url: URL, headers: Record<string, string>, rawBody: Uint8Array | undefined): RouteResult {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      let bad = false;
      r.names.forEach((n, i) => {
        try {
          params[n] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          bad = true;
        }
      });
      if (bad) throw noResource();
      let parsed: Record<string, unknown> | undefined;
      return r.handler({
        scope,
        method,
        path: url.pathname,
        params,
        query: url.searchParams,
        headers,
        rawBody,
        jsonObject: () => (parsed ??= parseJsonObject(headers, rawBody)),
      });
    }
    if (pathMatched) throw new SnError(405, 'Method not Supported', `${method} is not supported for this resource`);
    throw noResource();
  }
}
