// `startWebUi`: the sandbox's Jira-like web pages for every site of a world, with the app's real
// built Custom UI in iframes and the host half of the Forge bridge behind them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxWorld, WorldSite } from '../world';
import { answerBridgeCall, type Frame } from './bridge-calls';
import { applyIssueForm, issueListPage, issuePage, modulePage, siteUsers, sitesIndex, type PageContext } from './site-pages';
import { SiteCallError, siteClient } from './site-client';
import { BRIDGE_SCRIPT_URL, sendBridgeScript, serveResource } from './ui-host';
import { readUiModules, type UiModule } from './ui-modules';
import { withAs } from './pages/layout';
import { THEME_CSS_URL, colorModeOf, sendThemeCss } from './theme';

export interface WebUi {
  origin: string;
  close(): Promise<void>;
}

const HOST_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-src 'self'; img-src 'self' data:; object-src 'none'";
const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('request body over 1 MiB'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}
const sendHtml = (res: ServerResponse, body: string, status = 200) => send(res, status, 'text/html; charset=utf-8', body, { 'content-security-policy': HOST_CSP });
const sendJson = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body));

export async function startWebUi(world: SandboxWorld, options: { port?: number } = {}): Promise<WebUi> {
  const modules = readUiModules(world.app.dir);
  const usersCache = new Map<string, Awaited<ReturnType<typeof siteUsers>>>();
  const hostCss = readFileSync(join(__dirname, 'host.css'), 'utf8');
  const hostJs = readFileSync(join(__dirname, 'host-page.js'), 'utf8');
  let origin = '';

  async function pageContext(site: WorldSite, url: URL): Promise<PageContext> {
    let users = usersCache.get(site.name);
    if (!users) usersCache.set(site.name, (users = await siteUsers(site)));
    const accountId = url.searchParams.get('as') || site.admin.accountId;
    const user = users.find((u) => u.accountId === accountId);
    if (!user) throw new SiteCallError(400, `No user with account id "${accountId}" on ${site.name}.`);
    return { site, user, users, modules, colorMode: colorModeOf(url) };
  }

  async function frameFor(site: WorldSite, module: UiModule, url: URL): Promise<Frame> {
    const accountId = url.searchParams.get('as') || site.admin.accountId;
    const client = siteClient(site, accountId);
    const extension: Record<string, unknown> = {};
    const issueKey = url.searchParams.get('issue');
    const projectKey = url.searchParams.get('project');
    if (issueKey) {
      const issue = await client.get<{ id: string; key: string; fields: { issuetype: { id: string; name: string }; project: { id: string; key: string; projectTypeKey: string } } }>(
        `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=issuetype,project`,
      );
      extension.issue = { id: issue.id, key: issue.key, type: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id };
      extension.project = { id: issue.fields.project.id, key: issue.fields.project.key, type: issue.fields.project.projectTypeKey };
    } else if (projectKey) {
      const project = await client.get<{ id: string; key: string; projectTypeKey: string }>(`/rest/api/3/project/${encodeURIComponent(projectKey)}`);
      extension.project = { id: project.id, key: project.key, type: project.projectTypeKey };
    }
    return { site, module, accountId, extension, origin, colorMode: colorModeOf(url) };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (url.pathname === BRIDGE_SCRIPT_URL) return sendBridgeScript(res);
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (url.pathname === '/__sandbox/host.css') return send(res, 200, 'text/css; charset=utf-8', hostCss);
    if (url.pathname === '/__sandbox/host.js') return send(res, 200, 'text/javascript; charset=utf-8', hostJs);
    if (url.pathname === THEME_CSS_URL) return sendThemeCss(res);
    if (parts.length === 0) return sendHtml(res, sitesIndex([...world.sites.values()]));
    const site = world.sites.get(parts[0]!);
    if (!site) return send(res, 404, 'text/plain; charset=utf-8', `No site "${parts[0]}". Sites: ${[...world.sites.keys()].join(', ')}`);
    const [, section, arg, sub] = parts;

    if (section === '__ui' && arg) {
      const module = modules.find((m) => m.key === arg);
      if (!module) return send(res, 404, 'text/plain; charset=utf-8', `No Custom UI module "${arg}"`);
      const endpoint = `/${site.name}/__bridge/${encodeURIComponent(module.key)}${url.search}`;
      if (!serveResource(res, module.resourceDir, parts.slice(3).join('/'), endpoint, colorModeOf(url))) send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    if (section === '__bridge' && arg && req.method === 'POST') {
      const module = modules.find((m) => m.key === arg);
      if (!module) return sendJson(res, 404, { ok: false, message: `No Custom UI module "${arg}"` });
      let call: { name?: unknown; payload?: unknown };
      try {
        call = JSON.parse(await readBody(req)) as typeof call;
      } catch {
        return sendJson(res, 400, { ok: false, message: 'bridge call body must be JSON {name, payload}' });
      }
      if (typeof call.name !== 'string') return sendJson(res, 400, { ok: false, message: 'bridge call needs a name' });
      try {
        const value = await answerBridgeCall(await frameFor(site, module, url), call.name, call.payload);
        return sendJson(res, 200, { ok: true, value: value ?? null });
      } catch (e) {
        return sendJson(res, 200, { ok: false, message: e instanceof Error ? e.message : String(e) });
      }
    }

    const ctx = await pageContext(site, url);
    if (section === undefined) return sendHtml(res, await issueListPage(ctx));
    if (section === 'browse' && arg && !sub && req.method === 'GET') return sendHtml(res, await issuePage(ctx, arg, url.searchParams.get('notice')));
    if (section === 'browse' && arg && sub && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      let notice = '';
      try {
        await applyIssueForm(siteClient(site, ctx.user.accountId), arg, sub, form);
      } catch (e) {
        notice = e instanceof Error ? e.message : String(e);
      }
      const back = withAs(`/${site.name}/browse/${encodeURIComponent(arg)}`, ctx.user.accountId) + (notice ? `&notice=${encodeURIComponent(notice)}` : '');
      res.writeHead(303, { location: back });
      res.end();
      return;
    }
    if (section === 'admin' && !arg) return sendHtml(res, modulePage(ctx, 'jira:adminPage', 'Liaison administration', `/${site.name}/admin`));
    if (section === 'project' && arg && sub === 'settings') {
      return sendHtml(res, modulePage(ctx, 'jira:projectSettingsPage', `Liaison settings for ${arg}`, `/${site.name}/project/${arg}/settings`, { project: arg }));
    }
    send(res, 404, 'text/plain; charset=utf-8', `Nothing at ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof SiteCallError ? e.status : 500;
      if (!(e instanceof SiteCallError)) console.error('[sandbox web]', req.method, req.url, e);
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', e instanceof Error ? e.message : String(e));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
