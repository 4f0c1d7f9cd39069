// `__forge_fetch__` for one installation: storage (`type: 'kvs'`), product REST (`fpp` to jira &c.)
// and platform APIs reached through `stargate` (web trigger URLs, async event queues).
import type { ForgeFetchOptions } from './runtime-globals';
import type { Invocation } from './invocation';
import type { ForgeApp } from './manifest';
import type { Recorder } from './recorder';
import type { ProductBackend } from './types';
import type { KvsStore } from './kvs/kvs-store';
import { handleKvsRequest } from './kvs/kvs-api';
import type { PersonalDataRegistry } from './personal-data';
import { KvsHttpError } from './kvs/kvs-limits';
import { fromHostResponse, jsonResponse, toHostRequest, toResponse } from './http-util';
import { missingScopes } from './product-scopes';

export interface QueuePort {
  push(inv: Invocation, body: unknown): { status: number; body: unknown };
  stats(body: unknown): { status: number; body: unknown };
  cancel(body: unknown): { status: number; body: unknown };
}

export interface ForgeFetchDeps {
  app: ForgeApp;
  store: KvsStore;
  product?: ProductBackend;
  appAccountId: string;
  recorder: Recorder;
  queue: QueuePort;
  webTriggerUrl(moduleKey: string): string;
  webTriggerUrls(): Array<{ triggerKey: string; url: string }>;
  personalData: PersonalDataRegistry;
}

function kvs(deps: ForgeFetchDeps, inv: Invocation, path: string, body: string): Response {
  const op = path.replace(/^\/api\/v1\//, '');
  // Sizes too (UTF-8 bytes of the request and the answer), so a bench can count storage units.
  const requestBytes = Buffer.byteLength(body);
  const record = (status: number, code?: string, answerBytes?: number) =>
    deps.recorder.add({ kind: 'kvs', moduleKey: inv.spec.moduleKey, op, status, ...(code ? { code } : {}), requestBytes, ...(answerBytes === undefined ? {} : { answerBytes }) });
  if (!deps.app.scopes.includes('storage:app')) {
    record(403, 'FORBIDDEN');
    return jsonResponse(403, { code: 'FORBIDDEN', message: "The app needs the 'storage:app' scope to use Forge storage." });
  }
  try {
    const reply = handleKvsRequest(deps.store, deps.app.entities, path, body);
    const text = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    record(reply.status, undefined, text === undefined ? 0 : Buffer.byteLength(text));
    return text === undefined ? toResponse(reply.status, {}) : toResponse(reply.status, { 'content-type': 'application/json' }, text);
  } catch (e) {
    if (!(e instanceof KvsHttpError)) throw e;
    record(e.status, e.code);
    return jsonResponse(e.status, { code: e.code, message: e.message });
  }
}

async function product(deps: ForgeFetchDeps, inv: Invocation, options: ForgeFetchOptions, req: Request): Promise<Response> {
  const hostReq = await toHostRequest(req);
  const asUser = options.provider === 'user';
  const accountId = asUser ? (options.accountId ?? inv.spec.accountId) : deps.appAccountId;
  const record = (status: number) =>
    deps.recorder.add({ kind: 'product', moduleKey: inv.spec.moduleKey, method: hostReq.method, path: hostReq.path, status, asUser, ...(accountId ? { accountId } : {}) });
  if (!accountId) {
    // What Forge answers asUser() without a user: @forge/api turns it into NeedsAuthenticationError.
    record(401);
    return toResponse(401, { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' }, '');
  }
  if (options.remote !== 'jira' || !deps.product) {
    record(404);
    return jsonResponse(404, { message: `This site has no ${options.remote ?? 'unknown'} product for the app to call.` });
  }
  const missing = missingScopes(hostReq.method, hostReq.path, deps.app.scopes);
  if (missing) {
    // Forge checks the app's scopes before Jira sees the call (see product-scopes.ts).
    record(401);
    return toResponse(401, { 'content-type': 'application/json', 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' }, JSON.stringify({ code: 401, message: 'Unauthorized; scope does not match' }));
  }
  const res = await deps.product.request({ ...hostReq, actor: { accountId } });
  record(res.status);
  return fromHostResponse(res);
}

function graphql(deps: ForgeFetchDeps, body: string): Response {
  const { query = '', variables = {} } = JSON.parse(body || '{}') as { query?: string; variables?: { input?: { triggerKey?: string } } };
  if (query.includes('createWebTriggerUrl')) {
    const key = variables.input?.triggerKey ?? '';
    try {
      return jsonResponse(200, { data: { createWebTriggerUrl: { url: deps.webTriggerUrl(key) } } });
    } catch (e) {
      return jsonResponse(200, { data: null, errors: [{ message: (e as Error).message }] });
    }
  }
  if (query.includes('webTriggerUrlsByAppContext')) return jsonResponse(200, { data: { webTriggerUrlsByAppContext: deps.webTriggerUrls() } });
  if (query.includes('deleteWebTriggerUrl')) {
    return jsonResponse(200, { data: { deleteWebTriggerUrl: { success: false, message: 'The sandbox keeps one stable URL per web trigger; it cannot be deleted.' } } });
  }
  return jsonResponse(501, { message: 'This GraphQL operation is not modelled by the sandbox.' });
}

function stargate(deps: ForgeFetchDeps, inv: Invocation, path: string, body: string): Response {
  if (path === '/graphql') return graphql(deps, body);
  if (path === '/app/report-accounts' || path === '/app/report-accounts/') {
    const r = deps.personalData.answer(body);
    deps.recorder.add({ kind: 'product', moduleKey: inv.spec.moduleKey, method: 'POST', path: '/app/report-accounts/', status: r.status, asUser: false });
    return r.status === 204 ? toResponse(204, {}, '') : toResponse(r.status, { 'content-type': 'application/json', ...r.headers }, JSON.stringify(r.body));
  }
  const parsed: unknown = body ? JSON.parse(body) : {};
  const queueOp = /^\/webhook\/queue\/(publish|stats|cancel)\//.exec(path)?.[1];
  if (queueOp) {
    const r = queueOp === 'publish' ? deps.queue.push(inv, parsed) : queueOp === 'stats' ? deps.queue.stats(parsed) : deps.queue.cancel(parsed);
    return jsonResponse(r.status, r.body);
  }
  return jsonResponse(501, { message: `The sandbox does not model ${path}.` });
}

export async function forgeFetch(deps: ForgeFetchDeps, inv: Invocation, options: ForgeFetchOptions, path: string, init?: RequestInit): Promise<Response> {
  const req = new Request(new URL(path, 'https://api.atlassian.sandbox.invalid'), init);
  const body = req.method === 'GET' || req.method === 'HEAD' ? '' : await req.clone().text();
  if (options.type === 'kvs') return kvs(deps, inv, new URL(req.url).pathname, body);
  if (options.type === 'fpp' && options.remote === 'stargate') return stargate(deps, inv, new URL(req.url).pathname, body);
  if (options.type === 'fpp') return product(deps, inv, options, req);
  return toResponse(501, { 'forge-proxy-error': 'PROXY_ERR' }, '');
}
