// Serves web triggers over real loopback HTTP (so curl or a browser can reach them): the path of a
// web trigger URL (`/x1/<id>...` or `/public/<id>...`) is mapped back to its installation and module.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { flatHeaders, readBody } from '../http-kit';
import type { AddressInfo } from 'node:net';
import type { HostRequest, HostResponse } from './types';

export type WebTriggerRouter = (req: HostRequest) => Promise<HostResponse>;


/** Node keeps the caller's spelling of header names only in `rawHeaders` ([name, value, name, value…]). */
function rawHeaderPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

export function webTriggerHttpHandler(route: WebTriggerRouter): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const headers = flatHeaders(req);
        const body = (await readBody(req)).toString('utf8');
        const out = await route({ method: req.method ?? 'GET', path: req.url ?? '/', headers, rawHeaders: rawHeaderPairs(req.rawHeaders), ...(body ? { body } : {}) });
        res.writeHead(out.status, out.headers);
        res.end(out.bytes ?? out.body);
      } catch (e) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`sandbox web trigger server error: ${(e as Error).message}`);
      }
    })();
  };
}

export interface WebTriggerServer {
  /** e.g. http://127.0.0.1:43123 */
  readonly origin: string;
  /** The loopback URL that reaches the same web trigger as its `https://…/x1/<id>` or `https://…/public/<id>` URL. */
  loopbackUrl(webTriggerUrl: string): string;
  close(): Promise<void>;
}

export function listenWebTriggers(handler: RequestListener, port = 0, host = '127.0.0.1'): Promise<WebTriggerServer> {
  const server: Server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      const origin = `http://${host}:${actual}`;
      resolve({
        origin,
        loopbackUrl: (url) => {
          const u = new URL(url);
          return `${origin}${u.pathname}${u.search}`;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
