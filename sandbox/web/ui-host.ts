// Serves a built Custom UI resource the way Jira's iframe host does: the app's files unchanged,
// under Forge's content security policy, with the host's bridge script loaded before the app so
// `globalThis.__bridge.callBridge` exists when @forge/bridge initialises.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { THEME_CSS_URL, type ColorMode } from './theme';

export const BRIDGE_SCRIPT_URL = '/__sandbox/forge-bridge.js';
const BRIDGE_SCRIPT_FILE = join(__dirname, 'forge-bridge-client.js');

/**
 * Forge's Custom UI CSP: no inline or remote scripts, same-origin calls only; inline styles are
 * allowed because the manifest grants `permissions.content.styles: ['unsafe-inline']` (Atlaskit
 * sets style attributes).
 */
export const CUSTOM_UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function sendBridgeScript(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' });
  res.end(readFileSync(BRIDGE_SCRIPT_FILE));
}

/**
 * Adds the bridge script (with where its calls go, and the host's colour mode for
 * `view.theme.enable()`) ahead of the app's own scripts.
 */
export function injectBridge(html: string, bridgeEndpoint: string, colorMode: ColorMode = 'light'): string {
  const tag = `<script src="${BRIDGE_SCRIPT_URL}" data-endpoint="${escapeAttr(bridgeEndpoint)}" data-color-mode="${colorMode}" data-theme-css="${THEME_CSS_URL}"></script>`;
  if (!/<head[^>]*>/i.test(html)) throw new Error('Custom UI index.html has no <head>');
  return html.replace(/<head[^>]*>/i, (m) => `${m}\n    ${tag}`);
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Answers one request for a file of the resource. `subPath` is the path below the resource root
 * ('' or 'index.html' for the page itself). Returns false when there is no such file.
 */
export function serveResource(res: ServerResponse, resourceDir: string, subPath: string, bridgeEndpoint: string, colorMode: ColorMode = 'light'): boolean {
  const root = resolve(resourceDir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`This Custom UI is not built yet (${index} is missing). Run: npm run build:ui`);
    return true;
  }
  const decoded = decodeURIComponent(subPath);
  const file = decoded === '' || decoded === 'index.html' ? index : resolve(root, decoded);
  if (file !== root && !file.startsWith(root + sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CUSTOM_UI_CSP, 'cache-control': 'no-store' };
  if (file === index) {
    res.writeHead(200, headers);
    res.end(injectBridge(readFileSync(index, 'utf8'), bridgeEndpoint, colorMode));
  } else {
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  }
  return true;
}
