// Our organisation name in the browser: the real app on two connected sandbox sites (acme, globex).
// Acme's admin sees the name partners see on the Connections tab, is told by label when the name
// is refused, renames the site to "Acme Industries", and globex's admin page then names the
// connection by the new name (sent in a signed profile message). Screenshots go to test-artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { SandboxWorld } from '../../sandbox/world';
import { startBrowserWorld } from './support/browser-world';
import { startWebUi, type WebUi } from '../../sandbox/web';
import { asAdmin, connectDemo } from '../../sandbox/demo/liaison-demo';
import type { ConnectionView, SiteProfileView } from '../../src/shared/resolver-contract';
import { appRoot } from '../support/paths';
import { assertAccessible, launchBrowser, screenshot, watchProblems } from './support/browser';
import { ensureUiBuilt } from './support/build-ui';

let browser: Browser;
let world: SandboxWorld;
let web: WebUi;
const problemLists: string[][] = [];

before(async () => {
  ensureUiBuilt();
  world = await startBrowserWorld({ appDir: appRoot, sites: [{ name: 'acme' }, { name: 'globex' }] });
  await connectDemo(world);
  await world.settle();
  web = await startWebUi(world);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await web?.close();
  await world?.close();
});

async function openAdmin(site: string): Promise<{ page: Page; ui: FrameLocator }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  problemLists.push(watchProblems(page));
  await page.goto(`${web.origin}/${site}/admin`);
  return { page, ui: page.frameLocator('iframe.page') };
}

const adminFrame = (page: Page) => page.frames().find((f) => f.url().includes('/__ui/admin-page/')) ?? assert.fail('no admin frame');

describe('our organisation name on the admin page', () => {
  test('globex first knows acme by the name from acme\'s site', async () => {
    const list = await asAdmin<ConnectionView[]>(world, 'globex', 'admin/connections/list');
    assert.deepEqual(list.map((c) => c.displayName), ['Acme (acme.atlassian.net)']);
  });

  test('acme\'s admin sees the name, is told by label when it is empty, and renames the site to Acme Industries', async () => {
    const { page, ui } = await openAdmin('acme');
    const line = ui.getByRole('region', { name: 'Your organisation name' });
    await line.getByText('Partners see you as Acme (acme.atlassian.net)').waitFor();
    await line.getByRole('button', { name: 'Edit your organisation name' }).click();
    const field = ui.getByLabel('Organisation name', { exact: true });
    assert.equal(await field.inputValue(), 'Acme');

    // An empty name: the resolver refuses it and the page says so under the field, by its label.
    await field.fill('   ');
    await ui.getByRole('button', { name: 'Save', exact: true }).click();
    await line.getByText(/^Organisation name: /).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal((await asAdmin<SiteProfileView>(world, 'acme', 'admin/profile/get', {})).name, 'Acme', 'nothing was stored');
    await assertAccessible(adminFrame(page), 'acme admin page, organisation name refused');

    await field.fill('Acme Industries');
    await ui.getByRole('button', { name: 'Save', exact: true }).click();
    await line.getByRole('status').filter({ hasText: 'Your connected partners are told: they now see you as Acme Industries.' }).waitFor();
    await line.getByText('Partners see you as Acme Industries (acme.atlassian.net)').waitFor();
    await screenshot(page, 'organisation-name-acme-saved');
    await assertAccessible(adminFrame(page), 'acme admin page, organisation name saved');
    await page.close();
    assert.equal((await asAdmin<SiteProfileView>(world, 'acme', 'admin/profile/get', {})).name, 'Acme Industries');
  });

  test('globex\'s admin page then names the connection Acme Industries', async () => {
    await world.settle();
    const { page, ui } = await openAdmin('globex');
    await ui.getByRole('row').filter({ hasText: 'Acme Industries (acme.atlassian.net)' }).first().waitFor();
    assert.equal(await ui.getByRole('row').filter({ hasText: 'Acme (acme.atlassian.net)' }).count(), 0, 'the old name is gone');
    await screenshot(page, 'organisation-name-globex-connections');
    await assertAccessible(adminFrame(page), 'globex admin page after the rename');
    await page.close();
    assert.deepEqual(problemLists.flat(), [], 'no page errors or console errors');
  });
});
