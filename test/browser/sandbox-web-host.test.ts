// The sandbox's Jira-like pages as a Forge host: the app's iframes cannot open windows themselves,
// so router calls are carried out by the page (asking before leaving the site), and ?theme=dark
// shows the page and the app in Jira's dark theme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SandboxWorld } from '../../sandbox/world';
import { startBrowserWorld } from './support/browser-world';
import { startWebUi, type WebUi } from '../../sandbox/web';
import { assertAccessible, launchBrowser, screenshot, watchProblems } from './support/browser';
import { ensureUiBuilt } from './support/build-ui';

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

const PARTNER = 'https://globex.atlassian.net/browse/GLX-7';
const routerOpen = (url: string) => `window.__bridge.callBridge('navigate', { url: ${JSON.stringify(url)}, type: 'new-tab' }).then(() => 'opened', (e) => 'rejected: ' + e.message)`;

describe('sandbox pages as the Forge host', () => {
  test('?theme=dark: the page and the app inside it are dark, and both pass axe', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${web.origin}/acme/project/ACME/settings?theme=dark`);
    const settings = page.frameLocator('iframe[title="Probe project settings"]');
    await settings.getByText('Nothing to edit here').waitFor();
    assert.equal(await page.locator('html').getAttribute('data-color-mode'), 'dark');
    const frame = page.frames().find((f) => f.url().includes('/__ui/probe-project-settings/'))!;
    assert.match(frame.url(), /theme=dark/);
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark' && getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)');
    await screenshot(page, 'sandbox-dark-project-settings');
    await assertAccessible(page, 'sandbox page, dark theme');
    await assertAccessible(frame, 'project settings page, dark theme');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the admin page link in the app's iframe moves the page to the admin page (router.navigate, carried out by the host)", async () => {
    const page = await browser.newPage();
    await page.goto(`${web.origin}/acme/project/ACME/settings`);
    await page.frameLocator('iframe[title="Probe project settings"]').getByRole('link', { name: 'Liaison admin page' }).click();
    await page.waitForURL(/\/acme\/admin\?/);
    await page.frameLocator('iframe[title="Probe admin"]').getByText('No connections yet.').waitFor();
    await page.close();
  });

  test('router.open of an external link asks first: accepted it opens a new tab with that URL, declined the promise rejects', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.origin}/acme/project/ACME/settings`);
    await page.frameLocator('iframe[title="Probe project settings"]').getByText('Nothing to edit here').waitFor();
    const frame = page.frames().find((f) => f.url().includes('/__ui/probe-project-settings/'))!;
    const asked: string[] = [];
    page.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
    assert.equal(await frame.evaluate(routerOpen(PARTNER)), 'rejected: The user declined to open https://globex.atlassian.net/browse/GLX-7');
    assert.match(asked[0] ?? '', /leaves Jira and opens https:\/\/globex\.atlassian\.net\/browse\/GLX-7/);
    // The closed network cannot reach the partner; its page is answered here.
    await page.context().route(PARTNER, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>GLX-7</title>' }));
    page.once('dialog', (d) => void d.accept());
    const [popup, result] = await Promise.all([page.waitForEvent('popup'), frame.evaluate(routerOpen(PARTNER))]);
    assert.equal(result, 'opened');
    assert.equal(popup.url(), PARTNER);
    await popup.close();
    // Without the host, the iframe could not have opened it: its sandbox has no allow-popups.
    assert.doesNotMatch((await page.locator('iframe').getAttribute('sandbox')) ?? '', /allow-popups|allow-top-navigation/);
    await page.close();
  });
});
