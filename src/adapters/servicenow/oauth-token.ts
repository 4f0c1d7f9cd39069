// OAuth client credentials against ServiceNow's token endpoint (POST /oauth_token.do, form-encoded,
// as ServiceNow documents the client credentials grant). One token per transport instance, which
// lives as long as one invocation: Forge functions keep no state between invocations anyway, and a
// token never reaches storage or logs.
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string | ArrayBuffer }) => Promise<Response>;

export type TokenAnswer =
  | { ok: true; token: string }
  /** The endpoint's own answer, passed on so the caller can classify it (401 = bad client). */
  | { ok: false; status: number; headers: Record<string, string>; text: string };

const headersOf = (res: Response): Record<string, string> => {
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => (out[key.toLowerCase()] = value));
  return out;
};

/** ServiceNow answers a refused client with `{error, error_description}` (RFC 6749 §5.2). */
function refusal(status: number, text: string): string {
  let detail = '';
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    detail = [body.error, body.error_description].filter((s): s is string => typeof s === 'string' && s.length > 0).join(': ');
  } catch {
    detail = text.trim().slice(0, 200);
  }
  return JSON.stringify({ error: { message: 'OAuth token request refused', detail: detail || `HTTP ${status}` }, status: 'failure' });
}

export class OAuthTokenCache {
  private token: string | null = null;

  constructor(
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly fetchImpl: FetchLike,
  ) {}

  /** The cached token, or a new one; `refresh` forgets the cached one first (after a 401). */
  async get(refresh = false): Promise<TokenAnswer> {
    if (refresh) this.token = null;
    if (this.token) return { ok: true, token: this.token };
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret });
    const res = await this.fetchImpl(this.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      // 400 invalid_client / invalid_grant and 401 both mean the credentials will not work: report
      // them as a 401 so every caller treats them as bad credentials. Rate limits and outages pass on.
      const permanent = res.status === 400 || res.status === 401 || res.status === 403;
      return { ok: false, status: permanent ? 401 : res.status, headers: headersOf(res), text: permanent ? refusal(res.status, text) : text };
    }
    let token: unknown;
    try {
      token = (JSON.parse(text) as { access_token?: unknown }).access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token.length === 0) {
      return { ok: false, status: 401, headers: headersOf(res), text: refusal(res.status, 'the token endpoint answered without an access_token') };
    }
    this.token = token;
    return { ok: true, token };
  }
}
