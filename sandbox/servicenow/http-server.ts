// The HTTP face of an instance: node:http in front of the same handler `request()` uses. Links in answers
// point at the address the client used (its Host header), so paging links work over the wire.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { flatHeaders, readBody } from '../http-kit';
import type { SnRequest, SnResponse } from './types';


function send(res: ServerResponse, out: SnResponse): void {
  res.writeHead(out.status, out.headers);
  res.end(out.bytes ? Buffer.from(out.bytes) : out.body);
}

export function createInstanceServer(handle: (req: SnRequest, origin: string) => Promise<SnResponse>): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const headers = flatHeaders(req);
        const origin = `http://${headers.host ?? '127.0.0.1'}`;
        const out = await handle(
          { method: req.method ?? 'GET', path: req.url ?? '/', headers, ...(body.length > 0 ? { bytes: new Uint8Array(body) } : {}) },
          origin,
        );
        send(res, out);
      } catch (err) {
        console.error('[servicenow] HTTP request failed:', err);
        if (!res.headersSent) {
          send(res, { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: 'Internal server error', detail: null }, status: 'failure' }) });
        }
      }
    })();
  });
}
