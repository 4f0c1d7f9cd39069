// The HTTP face of a site: node:http, Basic auth with email:apiToken as on Jira Cloud, then the same
// handler `request()` uses.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { flatHeaders, readBody } from '../http-kit';
import type { SiteStore } from './store';
import type { SiteRequest, SiteResponse } from './types';

const UNAUTHENTICATED: SiteResponse = {
  status: 401,
  headers: { 'content-type': 'application/json;charset=UTF-8', 'www-authenticate': 'Basic realm="protected-area"' },
  body: JSON.stringify({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }),
};

/** The account behind a Basic header, when email and API token match a user of the site. */
export function basicAuthAccount(store: SiteStore, header: string | undefined): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const email = decoded.slice(0, colon).toLowerCase();
  const token = decoded.slice(colon + 1);
  const user = store.users().find((u) => u.emailAddress?.toLowerCase() === email && u.apiToken !== undefined && u.apiToken === token);
  return user?.active ? user.accountId : undefined;
}


function send(res: ServerResponse, out: SiteResponse): void {
  res.writeHead(out.status, out.headers);
  res.end(out.bytes ? Buffer.from(out.bytes) : out.body);
}

export function createSiteServer(store: SiteStore, handle: (req: SiteRequest) => Promise<SiteResponse>): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const headers = flatHeaders(req);
        const accountId = basicAuthAccount(store, headers.authorization);
        if (!accountId) return send(res, UNAUTHENTICATED);
        const out = await handle({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers,
          body: body.length > 0 ? body : undefined,
          actor: { accountId },
        });
        send(res, out);
      } catch (err) {
        console.error('[jira-site] HTTP request failed:', err);
        if (!res.headersSent) send(res, { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorMessages: ['Internal server error'], errors: {} }) });
      }
    })();
  });
}
