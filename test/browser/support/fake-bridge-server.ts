// A stand-in for Jira hosting one Custom UI: serves the real build with the sandbox's bridge
// script, and answers bridge calls from the test's canned handler, recording every call.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE_SCRIPT_URL, sendBridgeScript, serveResource } from '../../../sandbox/web/ui-host';
import { buildDir, type UiApp } from './build-ui';

export type BridgeHandler = (functionKey: string, payload: Record<string, unknown>) => unknown;
export type Call = { key: string; payload: Record<string, unknown> };

export interface FakeHost {
  url: string;
  calls: Call[];
  callsTo(key: string): Call[];
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export async function startFakeHost(app: UiApp, context: Record<string, unknown>, handler: BridgeHandler): Promise<FakeHost> {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === BRIDGE_SCRIPT_URL) return sendBridgeScript(res);
    if (url.pathname === '/__bridge' && req.method === 'POST') {
      void body(req).then(async (text) => {
        const { name, payload } = JSON.parse(text) as { name: string; payload: { functionKey?: string; payload?: Record<string, unknown> } | null };
        let answer: unknown;
        try {
          if (name === 'getContext') answer = { ok: true, value: context };
          else if (name === 'invoke' && payload?.functionKey) {
            const call = { key: payload.functionKey, payload: payload.payload ?? {} };
            calls.push(call);
            answer = { ok: true, value: await handler(call.key, call.payload) };
          } else answer = { ok: false, message: `fake host does not answer ${name}` };
        } catch (e) {
          answer = { ok: false, message: e instanceof Error ? e.message : String(e) };
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
      return;
    }
    if (url.pathname.startsWith('/ui/')) {
      if (serveResource(res, buildDir(app), url.pathname.slice('/ui/'.length), '/__bridge')) return;
    }
    // Browsers ask for /favicon.ico by themselves; Jira's host page answers it, so do we.
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/ui/`,
    calls,
    callsTo: (key) => calls.filter((c) => c.key === key),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
