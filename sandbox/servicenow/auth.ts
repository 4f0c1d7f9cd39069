// Who a request acts as: Basic auth (user_name:password of an active user that has a password) or an OAuth
// Bearer token from /oauth_token.do (client_credentials acts as the client's OAuth Application User;
// password and refresh_token grants act as the named user).
import { randomBytes } from 'node:crypto';
import type { InstanceContext } from './context';
import { CLIENT_CREDENTIALS_PROPERTY, getProperty } from './instance-config';
import type { OAuthToken } from './store';
import type { SnRecord, SnResponse } from './types';

export interface Principal {
  user: SnRecord;
  roles: string[];
}

function activeUser(ctx: InstanceContext, predicate: (u: SnRecord) => boolean): SnRecord | undefined {
  const user = ctx.store.all('sys_user').find(predicate);
  return user && user.active !== 'false' ? user : undefined;
}

function principal(ctx: InstanceContext, user: SnRecord | undefined): Principal | undefined {
  if (!user) return undefined;
  return { user, roles: ctx.store.credentials(user.sys_id ?? '')?.roles ?? [] };
}

function checkPassword(ctx: InstanceContext, userName: string, password: string): SnRecord | undefined {
  const user = activeUser(ctx, (u) => u.user_name === userName);
  const stored = user ? ctx.store.credentials(user.sys_id ?? '')?.password : undefined;
  return stored !== undefined && stored !== '' && stored === password ? user : undefined;
}

function decodeBasic(header: string | undefined): [string, string] | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

export function authenticate(ctx: InstanceContext, headers: Record<string, string>): Principal | undefined {
  const header = headers.authorization;
  const basic = decodeBasic(header);
  if (basic) return principal(ctx, checkPassword(ctx, basic[0], basic[1]));
  const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!bearer) return undefined;
  const token = ctx.store.token(bearer);
  if (!token || token.kind !== 'access' || token.expiresAt <= ctx.now()) return undefined;
  return principal(ctx, activeUser(ctx, (u) => u.sys_id === token.userSysId));
}

const json = (status: number, body: unknown): SnResponse => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

/** What ServiceNow answers for any wrong client or user credential. */
const ACCESS_DENIED = json(401, { error_description: 'access_denied', error: 'server_error' });

function issue(ctx: InstanceContext, kind: OAuthToken['kind'], userSysId: string, clientId: string, seconds: number): string {
  const token = randomBytes(64).toString('base64url');
  ctx.store.putToken(token, { kind, userSysId, clientId, expiresAt: ctx.now() + seconds * 1000 });
  return token;
}

/** POST /oauth_token.do with a form body (client credentials in the body or a Basic header). */
export function oauthToken(ctx: InstanceContext, headers: Record<string, string>, body: string): SnResponse {
  const form = new URLSearchParams(body);
  const basic = decodeBasic(headers.authorization);
  const clientId = form.get('client_id') ?? basic?.[0] ?? '';
  const clientSecret = form.get('client_secret') ?? basic?.[1] ?? '';
  const grant = form.get('grant_type') ?? '';
  if (!['client_credentials', 'password', 'refresh_token'].includes(grant)) {
    return json(400, { error_description: `grant_type '${grant.slice(0, 40)}' is not supported`, error: 'unsupported_grant_type' });
  }
  const client = ctx.store.client(clientId);
  if (!client || client.clientSecret !== clientSecret) return ACCESS_DENIED;
  let user: SnRecord | undefined;
  // Off until an admin creates the property (its default is false), and only with an OAuth Application
  // User set on the client. What the instance answers then is not documented: the wrong-credentials answer.
  if (grant === 'client_credentials' && getProperty(ctx, CLIENT_CREDENTIALS_PROPERTY) !== 'true') return ACCESS_DENIED;
  if (grant === 'client_credentials') user = client.userSysId ? activeUser(ctx, (u) => u.sys_id === client.userSysId) : undefined;
  if (grant === 'password') user = checkPassword(ctx, form.get('username') ?? '', form.get('password') ?? '');
  if (grant === 'refresh_token') {
    const refresh = ctx.store.token(form.get('refresh_token') ?? '');
    const valid = refresh && refresh.kind === 'refresh' && refresh.clientId === clientId && refresh.expiresAt > ctx.now();
    user = valid ? activeUser(ctx, (u) => u.sys_id === refresh.userSysId) : undefined;
  }
  if (!user) return ACCESS_DENIED;
  const seconds = ctx.settings.accessTokenSeconds;
  const answer: Record<string, unknown> = { access_token: issue(ctx, 'access', user.sys_id ?? '', clientId, seconds) };
  // Client credentials get no refresh token: the client can always ask again.
  if (grant !== 'client_credentials') answer.refresh_token = issue(ctx, 'refresh', user.sys_id ?? '', clientId, 100 * 24 * 3600);
  return json(200, { ...answer, scope: 'useraccount', token_type: 'Bearer', expires_in: seconds });
}
