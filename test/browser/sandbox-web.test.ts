// The sandbox's Jira-like pages in Chromium: a person browses issues, edits one through the
// emulated site's REST API, and the app's real built Custom UI runs beside it with the context
// Jira would give it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SandboxWorld } from '../../sandbox/world';
import { startBrowserWorld } from './support/browser-world';
import { startWebUi, type WebUi } from '../../sandbox/web';
import { assertAccessible, launchBrowser, screenshot, watchProblems } from './support/browser';
import { ensureUiBuilt } from './support/build-ui';

type Call = { key: string; accountId?: string; extension: { type: string; issue?: { key: string }; project?: { key: string } } };

let browser: Browser;
let world: SandboxWorld;
let web: WebUi;

before(async () => {
  ensureUiBuilt();
  world = await startBrowserWorld({ appDir: join(__dirname, 'fixtures', 'ui-probe'), sites: [{ name: 'acme' }] });
  web = await startWebUi(world, {});
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await web?.close();
  await world?.close();
});

const calls = async (): Promise<Call[]> => (await world.site('acme').installation.invokeResolver('probe-issue-panel', 'probe/calls')) as Call[];

describe('sandbox web pages', () => {
  test('issue list, then an issue edited, moved and commented on through the site API', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${web.origin}/acme/`);
    await page.getByRole('link', { name: 'ACME-1', exact: true }).click();
    await page.getByRole('heading', { name: /^ACME-1: Login page returns 500/ }).waitFor();

    await page.getByLabel('Summary').fill('Login page returns 500 after a password reset');
    await page.getByLabel('Priority').selectOption('Highest');
    await page.getByLabel('Labels (comma separated)').fill('login, customer, partner');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'ACME-1: Login page returns 500 after a password reset' }).waitFor();
    await page.getByLabel('Move to').selectOption({ label: 'In Progress' });
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByText('In Progress', { exact: true }).first().waitFor();
    await page.getByLabel('Add a comment').fill('Partner informed.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Partner informed.').waitFor();

    const res = await world.site('acme').jira.request({ method: 'GET', path: '/rest/api/3/issue/ACME-1?fields=summary,priority,labels,status', headers: {}, actor: { accountId: world.site('acme').admin.accountId } });
    const fields = (JSON.parse(res.body) as { fields: { summary: string; priority: { name: string }; labels: string[]; status: { name: string } } }).fields;
    assert.equal(fields.summary, 'Login page returns 500 after a password reset');
    assert.equal(fields.priority.name, 'Highest');
    assert.deepEqual([...fields.labels].sort(), ['customer', 'login', 'partner']);
    assert.equal(fields.status.name, 'In Progress');
    await screenshot(page, 'sandbox-issue-view');
    await assertAccessible(page, 'sandbox issue view');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the issue panel is the built Custom UI, invoked with the issue context and the signed-in user', async () => {
    const agent = (await world.site('acme').jira.request({ method: 'GET', path: '/rest/api/3/user/search?query=agent', headers: {}, actor: { accountId: world.site('acme').admin.accountId } })).body;
    const agentId = (JSON.parse(agent) as Array<{ accountId: string; displayName: string }>).find((u) => u.displayName.includes('Agent One'))!.accountId;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${web.origin}/acme/browse/ACME-2`);
    await page.getByLabel('Signed in as').selectOption({ label: 'Acme Agent One' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.waitForURL(/as=/);
    const panel = page.frameLocator('iframe[title="Probe panel"]');
    await panel.getByRole('heading', { name: 'Partner sync for ACME-2' }).waitFor();
    await panel.getByRole('button', { name: 'Start syncing…' }).click();
    const confirm = panel.getByRole('group', { name: /^Start syncing ACME-2 with .+\?$/ });
    await confirm.getByText('Probe issue').waitFor();
    await confirm.getByRole('button', { name: 'Start syncing', exact: true }).click();
    await panel.getByText('In sync', { exact: true }).waitFor();
    const preview = (await calls()).find((c) => c.key === 'panel/preview')!;
    assert.equal(preview.extension.issue?.key, 'ACME-2', 'the preview was read for this issue before starting');
    const start = (await calls()).find((c) => c.key === 'panel/start')!;
    assert.equal(start.accountId, agentId);
    assert.equal(start.extension.type, 'jira:issuePanel');
    assert.equal(start.extension.issue?.key, 'ACME-2');
    assert.equal(start.extension.project?.key, 'ACME');
    await screenshot(page, 'sandbox-issue-with-panel');
    const frame = page.frames().find((f) => f.url().includes('/__ui/probe-issue-panel/'))!;
    await assertAccessible(frame, 'issue panel inside the sandbox');
    assert.deepEqual(problems, [], 'no CSP refusals or script errors in the page or the panel');
    await page.close();
  });

  test('admin page and project settings page pick their mode from the context the sandbox gives', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${web.origin}/acme/admin`);
    await page.frameLocator('iframe[title="Probe admin"]').getByText('No connections yet.').waitFor();
    await page.goto(`${web.origin}/acme/project/ACME/settings`);
    const settings = page.frameLocator('iframe[title="Probe project settings"]');
    await settings.getByRole('heading', { name: 'Liaison sharing rule for ACME' }).waitFor();
    await settings.getByText('Nothing to edit here').waitFor();
    const lists = (await calls()).filter((c) => c.key === 'admin/connections/list' || c.key === 'project/connections/list');
    assert.deepEqual(lists.map((c) => [c.key, c.extension.type]), [['admin/connections/list', 'jira:adminPage'], ['project/connections/list', 'jira:projectSettingsPage']]);
    assert.equal(lists[1]!.extension.project?.key, 'ACME');
    await screenshot(page, 'sandbox-project-settings');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('unknown sites, modules and users get clear answers', async () => {
    const site = await fetch(`${web.origin}/nope/`);
    assert.equal(site.status, 404);
    assert.match(await site.text(), /No site "nope"\. Sites: acme/);
    const user = await fetch(`${web.origin}/acme/?as=ghost`);
    assert.equal(user.status, 400);
    assert.match(await user.text(), /No user with account id "ghost"/);
    const bridge = await fetch(`${web.origin}/acme/__bridge/probe-issue-panel?issue=ACME-1`, { method: 'POST', body: JSON.stringify({ name: 'openModal', payload: {} }) });
    assert.deepEqual(await bridge.json(), { ok: false, message: 'The sandbox bridge does not emulate "openModal".' });
    const traversal = await fetch(`${web.origin}/acme/__ui/probe-issue-panel/..%2F..%2Fpackage.json`);
    assert.equal(traversal.status, 404);
  });
});
