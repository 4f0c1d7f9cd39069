// The Jira-like pages of one site: issue list, issue view (edit, transition, comment) and the
// pages that host the app's Custom UI modules. Everything goes through the site's REST API as the
// signed-in person.
import { adfFromText, adfToText } from '../jira';
import type { AdfDoc } from '../jira/types';
import type { WorldSite } from '../world';
import { html } from './html';
import { issueListBody, type IssueRow } from './pages/issue-list';
import { issueViewBody } from './pages/issue-view';
import { layout, withAs, type PageUser } from './pages/layout';
import { modulePageBody } from './pages/module-page';
import { siteClient, type SiteClient } from './site-client';
import { moduleOfType, type UiModule } from './ui-modules';
import type { ColorMode } from './theme';

type Named = { name?: string } | null | undefined;
type IssueFields = {
  summary?: string;
  description?: AdfDoc | null;
  status?: Named;
  priority?: Named;
  labels?: string[];
  updated?: string;
  project?: { id: string; key: string; projectTypeKey?: string };
  issuetype?: { id: string; name: string };
};
type IssueBean = { id: string; key: string; fields: IssueFields };

export interface PageContext {
  site: WorldSite;
  user: PageUser;
  users: PageUser[];
  modules: UiModule[];
  /** `?theme=dark`: the page and the Custom UIs in it in Jira's dark theme. */
  colorMode?: ColorMode;
}

const when = (iso: string | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 16) : '');

/** Jira Cloud has no "list every user" call in this emulator, so names are gathered by search. */
export async function siteUsers(site: WorldSite): Promise<PageUser[]> {
  const client = siteClient(site, site.admin.accountId);
  const found = new Map<string, PageUser & { accountType?: string }>();
  for (const q of 'abcdefghijklmnopqrstuvwxyz') {
    const users = await client.get<Array<{ accountId: string; displayName: string; accountType?: string }>>(`/rest/api/3/user/search?query=${q}&maxResults=1000`);
    for (const u of users) found.set(u.accountId, u);
  }
  return [...found.values()].filter((u) => u.accountType !== 'app').map((u) => ({ accountId: u.accountId, displayName: u.displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export async function issueListPage(ctx: PageContext): Promise<string> {
  const client = siteClient(ctx.site, ctx.user.accountId);
  const jql = `project in (${ctx.site.projects.join(', ')}) ORDER BY updated DESC`;
  const found = await client.send<{ issues: IssueBean[] }>('POST', '/rest/api/3/search/jql', { jql, maxResults: 100, fields: ['summary', 'status', 'priority', 'updated'] });
  const rows: IssueRow[] = found.issues.map((i) => ({
    key: i.key,
    summary: i.fields.summary ?? '',
    status: i.fields.status?.name ?? '',
    priority: i.fields.priority?.name ?? '',
    updated: when(i.fields.updated),
  }));
  return layout({ title: 'Issues', site: ctx.site.name, user: ctx.user, users: ctx.users, projects: ctx.site.projects, here: `/${ctx.site.name}/`, colorMode: ctx.colorMode, body: issueListBody(ctx.site.name, ctx.user.accountId, rows) });
}

export const uiSrc = (site: string, module: UiModule, accountId: string, extra: Record<string, string> = {}, colorMode: ColorMode = 'light'): string => {
  const q = new URLSearchParams({ as: accountId, ...extra, ...(colorMode === 'dark' ? { theme: 'dark' } : {}) });
  return `/${site}/__ui/${encodeURIComponent(module.key)}/?${q.toString()}`;
};

export async function issuePage(ctx: PageContext, key: string, notice: string | null): Promise<string> {
  const client = siteClient(ctx.site, ctx.user.accountId);
  const issue = await client.get<IssueBean>(`/rest/api/3/issue/${encodeURIComponent(key)}?fields=summary,description,status,priority,labels,project,issuetype`);
  const [priorities, transitions, comments] = await Promise.all([
    client.get<Array<{ name: string }>>('/rest/api/3/priority'),
    client.get<{ transitions: Array<{ id: string; name: string }> }>(`/rest/api/3/issue/${issue.key}/transitions`),
    client.get<{ comments: Array<{ author?: { displayName?: string }; created?: string; body?: AdfDoc; jsdPublic?: boolean }> }>(`/rest/api/3/issue/${issue.key}/comment?maxResults=100`),
  ]);
  const panel = moduleOfType(ctx.modules, 'jira:issuePanel');
  const body = issueViewBody({
    site: ctx.site.name,
    accountId: ctx.user.accountId,
    key: issue.key,
    summary: issue.fields.summary ?? '',
    description: adfToText(issue.fields.description ?? null),
    status: issue.fields.status?.name ?? '',
    priority: issue.fields.priority?.name ?? '',
    priorities: priorities.map((p) => p.name),
    labels: issue.fields.labels ?? [],
    transitions: transitions.transitions,
    comments: comments.comments.map((c) => ({ author: c.author?.displayName ?? 'unknown', created: when(c.created), text: adfToText(c.body ?? null), internal: c.jsdPublic === false })),
    notice,
    panel: panel ? { src: uiSrc(ctx.site.name, panel, ctx.user.accountId, { issue: issue.key }, ctx.colorMode), title: panel.title } : null,
  });
  return layout({ title: `${issue.key}: ${issue.fields.summary ?? ''}`, site: ctx.site.name, user: ctx.user, users: ctx.users, projects: ctx.site.projects, here: `/${ctx.site.name}/browse/${issue.key}`, colorMode: ctx.colorMode, body });
}

/** Applies one form post from the issue view; returns the notice to show (null when it worked). */
export async function applyIssueForm(client: SiteClient, key: string, action: string, form: URLSearchParams): Promise<void> {
  const path = `/rest/api/3/issue/${encodeURIComponent(key)}`;
  if (action === 'edit') {
    const labels = (form.get('labels') ?? '').split(',').map((l) => l.trim()).filter(Boolean);
    const description = form.get('description') ?? '';
    await client.send('PUT', path, {
      fields: {
        summary: form.get('summary') ?? '',
        description: description.trim() ? adfFromText(description) : null,
        priority: { name: form.get('priority') ?? '' },
        labels,
      },
    });
  } else if (action === 'transition') {
    await client.send('POST', `${path}/transitions`, { transition: { id: form.get('transition') ?? '' } });
  } else if (action === 'comment') {
    await client.send('POST', `${path}/comment`, { body: adfFromText(form.get('comment') ?? '') });
  } else {
    throw new Error(`unknown issue action "${action}"`);
  }
}

export function modulePage(ctx: PageContext, type: string, title: string, here: string, extra: Record<string, string> = {}): string {
  const module = moduleOfType(ctx.modules, type);
  const frame = module ? { src: uiSrc(ctx.site.name, module, ctx.user.accountId, extra, ctx.colorMode), title: module.title } : null;
  const body = modulePageBody(frame, `The installed app has no ${type} module.`);
  return layout({ title, site: ctx.site.name, user: ctx.user, users: ctx.users, projects: ctx.site.projects, here, colorMode: ctx.colorMode, body });
}

export function sitesIndex(sites: WorldSite[]): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Liaison sandbox</title><link rel="stylesheet" href="/__sandbox/host.css"></head>
<body><main><h1>Liaison sandbox</h1><ul>
${sites.map((s) => html`<li><a href="${withAs(`/${s.name}/`, s.admin.accountId)}">${s.name}</a> — <a href="${withAs(`/${s.name}/admin`, s.admin.accountId)}">admin page</a></li>`)}
</ul></main></body></html>`.html;
}
