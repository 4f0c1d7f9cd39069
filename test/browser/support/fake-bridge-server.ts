// A stand-in for Jira hosting one Custom UI: serves the real build with the sandbox's bridge
// script, and answers bridge calls from the test's canned handler, recording every call.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE_SCRIPT_URL, sendBridgeScript, serveResource } from '../../../sandbox/web/ui-host';
import { THEME_CSS_URL, sendThemeCss } from '../../../sandbox/web/theme';
import { buildDir, type UiApp } from './build-ui';

export type BridgeHandler = (functionKey: string, payload: Record<string, unknown>) => unknown;
export type Call = { key: string; payload: Record<string, unknown> };
/** A `router.open` / `router.navigate` call as @forge/bridge sends it (`navigate` with a type). */
export type Navigation = { url?: string; type: 'same-tab' | 'new-tab'; target?: string; [k: string]: unknown };

export interface FakeHost {
  url: string;
  calls: Call[];
  callsTo(key: string): Call[];
  /** Every navigation the UI asked the host for, in order. */
  navigations: Navigation[];
  /** Every `showFlag` the UI asked for (options as @forge/bridge sends them). */
  flags: Array<Record<string, unknown>>;
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
  const navigations: Navigation[] = [];
  const flags: Array<Record<string, unknown>> = [];
  const colorMode = (context.theme as { colorMode?: string } | undefined)?.colorMode === 'dark' ? 'dark' : 'light';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === BRIDGE_SCRIPT_URL) return sendBridgeScript(res);
    if (url.pathname === THEME_CSS_URL) return sendThemeCss(res);
    if (url.pathname === '/__bridge' && req.method === 'POST') {
      void body(req).then(async (text) => {
        const { name, payload } = JSON.parse(text) as { name: string; payload: { functionKey?: string; payload?: Record<string, unknown> } | null };
        let answer: unknown;
        try {
          if (name === 'getContext') answer = { ok: true, value: context };
          else if (name === 'navigate' && payload) {
            // Recorded and answered as the host would; nothing is opened (there is no host page).
            const nav = payload as unknown as Navigation;
            navigations.push(nav);
            answer = { ok: true, value: { url: nav.url ?? null, type: nav.type, external: typeof nav.url === 'string' && !nav.url.startsWith('/') } };
          }
          else if (name === 'showFlag' || name === 'closeFlag') {
            // Recorded; there is no host page to show it on.
            if (name === 'showFlag') flags.push(payload as Record<string, unknown>);
            answer = { ok: true, value: payload };
          }
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
      if (serveResource(res, buildDir(app), url.pathname.slice('/ui/'.length), '/__bridge', colorMode)) return;
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
    navigations,
    flags,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
