// The frame every sandbox page shares: site navigation and the "signed in as" switcher.
import { html, type Raw } from '../html';
import type { ColorMode } from '../theme';

/**
 * Custom UI iframes may run scripts and talk to their own origin, but not open windows or move the
 * top page: "Popups from embedded iframes are blocked by default" (manifest reference, permissions;
 * `allow-popups` only with `external.fetch.client: '*'`, which Liaison does not declare). Links
 * must go through the bridge's `router`, which the host page carries out (host-page.js).
 */
export const FORGE_IFRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-downloads';

export interface PageUser { accountId: string; displayName: string }

export interface LayoutInput {
  title: string;
  site: string;
  user: PageUser;
  users: PageUser[];
  projects: string[];
  body: Raw;
  /** Path (without query) of this page, so switching user stays here. */
  here: string;
  colorMode?: ColorMode | undefined;
}

export const withAs = (path: string, accountId: string): string => `${path}${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(accountId)}`;

export function layout(p: LayoutInput): string {
  const dark = p.colorMode === 'dark';
  const nav = (path: string) => withAs(`/${p.site}${path}`, p.user.accountId) + (dark ? '&theme=dark' : '');
  const toggle = withAs(p.here, p.user.accountId) + (dark ? '' : '&theme=dark');
  return html`<!doctype html>
<html lang="en" data-color-mode="${dark ? 'dark' : 'light'}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${p.title} · ${p.site} (sandbox)</title>
  <link rel="stylesheet" href="/__sandbox/host.css">
  <script src="/__sandbox/host.js"></script>
</head>
<body>
  <header>
    <strong>${p.site}</strong>
    <nav aria-label="Site">
      <a href="${nav('/')}">Issues</a> ·
      <a href="${nav('/admin')}">Apps: Liaison admin</a>
      ${p.projects.map((k) => html` · <a href="${nav(`/project/${k}/settings`)}">${k} project settings</a>`)}
      · <a href="${toggle}">${dark ? 'Light theme' : 'Dark theme'}</a>
    </nav>
    <form method="get" action="${p.here}">
      ${dark ? html`<input type="hidden" name="theme" value="dark">` : ''}
      <label for="as" class="switch-label">Signed in as</label>
      <select id="as" name="as">
        ${p.users.map((u) => html`<option value="${u.accountId}" ${u.accountId === p.user.accountId ? 'selected' : ''}>${u.displayName}</option>`)}
      </select>
      <button type="submit">Switch</button>
    </form>
  </header>
  <main>
    <h1>${p.title}</h1>
    ${p.body}
  </main>
</body>
</html>`.html;
}
