// Real-site behaviour of the built Custom UIs: links leave through @forge/bridge's router (Jira
// blocks popups from app iframes), and every UI follows Jira's dark theme once it enables theming.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import type { PanelView } from '../../src/shared/resolver-contract';
import { assertAccessible, eventually, launchBrowser, screenshot, watchProblems } from './support/browser';
import { ensureUiBuilt, type UiApp } from './support/build-ui';
import { startFakeHost, type BridgeHandler } from './support/fake-bridge-server';
import { fakeAdminBackend } from './support/fake-admin-backend';

const PANEL = { accountId: 'agent-1', extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'ACME-1', type: 'Bug' }, project: { id: '10000', key: 'ACME', type: 'software' } } };
const ADMIN = { accountId: 'admin-1', extension: { type: 'jira:adminPage' } };
const PROJECT = { accountId: 'lead-1', extension: { type: 'jira:projectSettingsPage', project: { id: '10000', key: 'OPS', type: 'software' } } };
const ok = (data: unknown) => ({ ok: true, data });
const linked = (url: string | null, kind: 'jira' | 'servicenow' = 'jira'): PanelView => ({
  issue: { id: '10001', key: 'ACME-1', projectKey: 'ACME' },
  links: [{
    connectionId: 'conn-1',
    partner: kind === 'jira'
      ? { kind, endpoint: 'https://4b1c.webtrigger.atlassian.app/public/abc', issueKey: 'GLX-7', issueId: '20007', url, table: null }
      : { kind, endpoint: 'https://initech.service-now.com', issueKey: 'INC0010001', issueId: '9d385017c611228701d22104cc95c371', url: null, table: 'incident' },
    state: 'in-sync', lastSentAt: Date.now() - 60_000, lastReceivedAt: null, errors: [], shared: { out: ['summary'], in: ['status'] },
  }],
  available: [], canAct: true,
});
const panelOnly = (view: PanelView): BridgeHandler => (key) => {
  if (key === 'panel/get') return ok(view);
  throw new Error(`unexpected ${key}`);
};

const load = createRequire(__filename);
let browser: Browser;
before(async () => {
  ensureUiBuilt();
  browser = await launchBrowser();
});
after(async () => browser?.close());

async function open(t: TestContext, app: UiApp, context: Record<string, unknown>, handler: BridgeHandler) {
  const host = await startFakeHost(app, context, handler);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watchProblems(page);
  const popups: string[] = [];
  page.on('popup', (p) => popups.push(p.url()));
  await page.goto(host.url);
  t.after(async () => {
    await page.close();
    await host.close();
  });
  return { host, page, problems, popups };
}

describe('links through the router', () => {
  test("clicking the partner issue's key asks the host to open exactly that URL in a new tab, and opens nothing itself", async (t) => {
    const s = await open(t, 'issue-panel', PANEL, panelOnly(linked('https://globex.atlassian.net/browse/GLX-7')));
    const key = s.page.getByRole('link', { name: 'GLX-7' });
    await key.waitFor();
    assert.equal(await key.getAttribute('target'), null, 'no target=_blank: Jira blocks popups from app iframes');
    await key.click();
    await eventually(() => s.host.navigations.length === 1, 'router.open reached the host');
    assert.deepEqual(s.host.navigations, [{ url: 'https://globex.atlassian.net/browse/GLX-7', type: 'new-tab' }]);
    assert.deepEqual(s.popups, [], 'the iframe itself opened no window');
    assert.ok(s.page.url().startsWith(s.host.url), 'the panel did not navigate away');
    assert.deepEqual(s.problems, []);
  });

  test('a ServiceNow record opens through the router at its record page', async (t) => {
    const s = await open(t, 'issue-panel', PANEL, panelOnly(linked(null, 'servicenow')));
    await s.page.getByRole('link', { name: 'INC0010001' }).click();
    await eventually(() => s.host.navigations.length === 1, 'router.open reached the host');
    assert.deepEqual(s.host.navigations, [{ url: 'https://initech.service-now.com/nav_to.do?uri=task.do%3Fsys_id%3D9d385017c611228701d22104cc95c371', type: 'new-tab' }]);
  });

  test('"Liaison admin page" in the project settings page navigates to the admin page module in this tab', async (t) => {
    const backend = fakeAdminBackend();
    const s = await open(t, 'admin', PROJECT, backend.handler);
    const link = s.page.getByRole('link', { name: 'Liaison admin page' });
    await link.waitFor();
    await link.click();
    await eventually(() => s.host.navigations.length === 1, 'router.navigate reached the host');
    assert.deepEqual(s.host.navigations, [{ target: 'module', moduleKey: 'admin-page', type: 'same-tab' }]);
  });
});

/** A token's value in Atlaskit's dark theme, as `rgb(r, g, b)` (what getComputedStyle reports). */
function darkToken(name: string): string {
  const css = (load('@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-dark.js') as { default: string }).default;
  const hex = new RegExp(`--ds-${name}: #([0-9a-fA-F]{6});`).exec(css)?.[1];
  assert.ok(hex, `--ds-${name} in the dark theme`);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function assertDark(page: Page, what: string) {
  await page.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
  // The token stylesheet the host hands over has loaded once the surface is Jira's dark surface.
  await page.waitForFunction((surface) => getComputedStyle(document.body).backgroundColor === surface, darkToken('surface'));
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.equal(text, darkToken('text'), `${what}: body text in the dark theme's text colour`);
}

describe('dark theme', () => {
  test('the issue panel follows a dark Jira (view.theme.enable), readable and accessible', async (t) => {
    const s = await open(t, 'issue-panel', { ...PANEL, theme: { colorMode: 'dark' } }, panelOnly(linked('https://globex.atlassian.net/browse/GLX-7')));
    await s.page.getByRole('link', { name: 'GLX-7' }).waitFor();
    await assertDark(s.page, 'issue panel');
    await screenshot(s.page, 'panel-dark');
    await assertAccessible(s.page, 'issue panel, dark theme');
    assert.deepEqual(s.problems, []);
  });

  test('the admin page follows a dark Jira, readable and accessible', async (t) => {
    const backend = fakeAdminBackend();
    const s = await open(t, 'admin', { ...ADMIN, theme: { colorMode: 'dark' } }, backend.handler);
    await s.page.getByRole('button', { name: 'Invite a partner' }).waitFor();
    await assertDark(s.page, 'admin page');
    await screenshot(s.page, 'admin-dark');
    await assertAccessible(s.page, 'admin page, dark theme');
    assert.deepEqual(s.problems, []);
  });

  test('in a light Jira the same UI stays light', async (t) => {
    const s = await open(t, 'issue-panel', { ...PANEL, theme: { colorMode: 'light' } }, panelOnly(linked('https://globex.atlassian.net/browse/GLX-7')));
    await s.page.locator('html[data-color-mode="light"]').waitFor({ state: 'attached' });
    await s.page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)');
  });
});
