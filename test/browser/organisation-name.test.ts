// Our organisation name in the browser: the real app on two connected sandbox sites (acme, globex).
// Acme's admin sees the name partners see on the Connections tab, is told by label when the name
// is refused, renames the site to "Acme Industries", and globex's admin page then names the
// connection by the new name (sent in a signed profile message). Screenshots go to test-artifacts/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asAdmin, connectDemo } from '../../sandbox/demo/liaison-demo';
import type { ConnectionView, SiteProfileView } from '../../src/shared/resolver-contract';
import { assertAccessible, screenshot } from './support/browser';
import { sandboxPages } from './support/sandbox-pages';

const sandbox = sandboxPages({ sites: [{ name: 'acme' }, { name: 'globex' }] }, async (world) => {
  await connectDemo(world);
});

describe('our organisation name on the admin page', () => {
  test('globex first knows acme by the name from acme\'s site', async () => {
    const list = await asAdmin<ConnectionView[]>(sandbox.world, 'globex', 'admin/connections/list');
    assert.deepEqual(list.map((c) => c.displayName), ['Acme (acme.atlassian.net)']);
  });

  test('acme\'s admin sees the name, is told by label when it is empty, and renames the site to Acme Industries', async () => {
    const { page, ui, frame } = await sandbox.open('/acme/admin');
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
    assert.equal((await asAdmin<SiteProfileView>(sandbox.world, 'acme', 'admin/profile/get', {})).name, 'Acme', 'nothing was stored');
    await assertAccessible(frame(), 'acme admin page, organisation name refused');

    await field.fill('Acme Industries');
    await ui.getByRole('button', { name: 'Save', exact: true }).click();
    await line.getByRole('status').filter({ hasText: 'Your connected partners are told: they now see you as Acme Industries.' }).waitFor();
    await line.getByText('Partners see you as Acme Industries (acme.atlassian.net)').waitFor();
    await screenshot(page, 'organisation-name-acme-saved');
    await assertAccessible(frame(), 'acme admin page, organisation name saved');
    await page.close();
    assert.equal((await asAdmin<SiteProfileView>(sandbox.world, 'acme', 'admin/profile/get', {})).name, 'Acme Industries');
  });

  test('globex\'s admin page then names the connection Acme Industries', async () => {
    await sandbox.world.settle();
    const { page, ui, frame } = await sandbox.open('/globex/admin');
    await ui.getByRole('row').filter({ hasText: 'Acme Industries (acme.atlassian.net)' }).first().waitFor();
    assert.equal(await ui.getByRole('row').filter({ hasText: 'Acme (acme.atlassian.net)' }).count(), 0, 'the old name is gone');
    await screenshot(page, 'organisation-name-globex-connections');
    await assertAccessible(frame(), 'globex admin page after the rename');
    await page.close();
    assert.deepEqual(sandbox.problems(), [], 'no page errors or console errors');
  });
});
