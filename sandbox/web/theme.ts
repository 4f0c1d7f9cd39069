// What Jira does for a Custom UI that calls `view.theme.enable()`: the iframe gets the Atlassian
// design tokens for the host's colour mode (html `data-color-mode` / `data-theme`, the token CSS).
// The CSS is Atlaskit's own generated theme artifacts, so a page is exactly as dark as on Jira.
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

export type ColorMode = 'light' | 'dark';
export const THEME_CSS_URL = '/__sandbox/theme.css';

/** `?theme=dark` switches a sandbox page (and the Custom UIs in it) to Jira's dark theme. */
export const colorModeOf = (url: URL): ColorMode => (url.searchParams.get('theme') === 'dark' ? 'dark' : 'light');

const ARTIFACTS = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];
// The artifacts are generated modules each exporting one CSS string; they have no typed entry.
const load = createRequire(__filename);
let css: string | undefined;

function themeCss(): string {
  css ??= ARTIFACTS.map((name) => (load(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`) as { default: string }).default).join('\n');
  return css;
}

export function sendThemeCss(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-store' });
  res.end(themeCss());
}
