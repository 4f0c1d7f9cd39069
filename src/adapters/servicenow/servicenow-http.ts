// The one transport seam of the ServiceNow adapter, and its production form on @forge/api `fetch`
// (Forge egress: the instance's host must be in the manifest's permissions.external.fetch.backend).
// Credentials come in as arguments — they live in Forge secret storage — and never appear in an
// error, a log line or an answer.
import { fetch as forgeFetch } from '@forge/api';
import { OAuthTokenCache, type FetchLike } from './oauth-token';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ServiceNowRequestBody =
  | { kind: 'json'; value: unknown }
  /** Attachment uploads: the file's bytes with its own content type. */
  | { kind: 'raw'; contentType: string; bytes: Uint8Array };

export type ServiceNowHttpResponse = {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body as text; empty for 204. */
  text: string;
  /** The raw body, for binary answers (attachment content). */
  bytes?: Uint8Array;
};

export interface ServiceNowHttp {
  /**
   * `path` is relative to the instance (`/api/now/table/incident?…`), already escaped. Resolves with
   * any HTTP status; rejects only when no answer came (network, platform).
   */
  request(method: HttpMethod, path: string, body?: ServiceNowRequestBody): Promise<ServiceNowHttpResponse>;
}

export type ServiceNowAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string };

export const jsonBody = (value: unknown): ServiceNowRequestBody => ({ kind: 'json', value });

/** `https://acme.service-now.com` (a trailing slash is fine); anything else is refused up front. */
export function instanceOrigin(instanceUrl: string): string {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw new TypeError(`ServiceNow instance URL ${JSON.stringify(instanceUrl)} is not a URL (expected https://<name>.service-now.com)`);
  }
  if (url.protocol !== 'https:') throw new TypeError(`ServiceNow instance URL ${url.href} must use https`);
  if (url.username || url.password) throw new TypeError('ServiceNow instance URL must not carry credentials');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new TypeError(`ServiceNow instance URL ${url.href} must be the instance itself, without a path (expected https://<name>.service-now.com)`);
  }
  return url.origin;
}

function checkAuth(auth: ServiceNowAuth): void {
  const missing = auth.kind === 'basic'
    ? (!auth.username ? 'user name' : !auth.password ? 'password' : null)
    : (!auth.clientId ? 'OAuth client id' : !auth.clientSecret ? 'OAuth client secret' : null);
  if (missing) throw new TypeError(`ServiceNow credentials are incomplete: the ${missing} is empty`);
}

function toInit(method: HttpMethod, body: ServiceNowRequestBody | undefined, authorization: string) {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: authorization };
  if (!body) return { method, headers };
  if (body.kind === 'json') return { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body.value) };
  // Copy so the buffer holds exactly these bytes (a view may sit on a larger buffer).
  return { method, headers: { ...headers, 'Content-Type': body.contentType }, body: body.bytes.slice().buffer as ArrayBuffer };
}

async function answerOf(res: Response): Promise<ServiceNowHttpResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
  const bytes = res.status === 204 ? new Uint8Array() : new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers, text: new TextDecoder().decode(bytes), bytes };
}

export function forgeServiceNowHttp(instanceUrl: string, auth: ServiceNowAuth, options: { fetch?: FetchLike } = {}): ServiceNowHttp {
  const origin = instanceOrigin(instanceUrl);
  checkAuth(auth);
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => forgeFetch(url, init) as unknown as Promise<Response>);
  const basic = auth.kind === 'basic' ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` : null;
  const tokens = auth.kind === 'oauth' ? new OAuthTokenCache(`${origin}/oauth_token.do`, auth.clientId, auth.clientSecret, fetchImpl) : null;

  return {
    async request(method, path, body) {
      if (!path.startsWith('/')) throw new TypeError(`ServiceNow path must start with "/", got ${JSON.stringify(path)}`);
      const url = origin + path;
      if (basic) return answerOf(await fetchImpl(url, toInit(method, body, basic)));
      let token = await tokens!.get();
      if (!token.ok) return { status: token.status, headers: token.headers, text: token.text };
      const first = await fetchImpl(url, toInit(method, body, `Bearer ${token.token}`));
      if (first.status !== 401) return answerOf(first);
      // An expired or revoked token: fetch a new one and try once more; a second 401 is the answer.
      token = await tokens!.get(true);
      if (!token.ok) return { status: token.status, headers: token.headers, text: token.text };
      return answerOf(await fetchImpl(url, toInit(method, body, `Bearer ${token.token}`)));
    },
  };
}
