// The frame every sandbox page shares: site navigation and the "signed in as" switcher.
import { html, type Raw } from '../html';

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
}

export const withAs = (path: string, accountId: string): string => `${path}${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(accountId)}`;

export function layout(p: LayoutInput): string {
  const nav = (path: string) => withAs(`/${p.site}${path}`, p.user.accountId);
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${p.title} · ${p.site} (sandbox)</title>
  <link rel="stylesheet" href="/__sandbox/host.css">
</head>
<body>
  <header>
    <strong>${p.site}</strong>
    <nav aria-label="Site">
      <a href="${nav('/')}">Issues</a> ·
      <a href="${nav('/admin')}">Apps: Liaison admin</a>
      ${p.projects.map((k) => html` · <a href="${nav(`/project/${k}/settings`)}">${k} project settings</a>`)}
    </nav>
    <form method="get" action="${p.here}">
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
