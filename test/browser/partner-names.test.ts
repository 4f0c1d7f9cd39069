// Partners by name in the browser: the real app on two sandbox sites (acme, globex) connected twice.
// Acme's admin page names both connections by the partner's own name and site (told in the signed
// handshake), tells the two apart, and shows the partner's contacts; the connection picker lists
// partners, not ids; globex's page names acme. Screenshots go to test-artifacts/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asAdmin, connectDemo } from '../../sandbox/demo/liaison-demo';
import type { ConnectionView } from '../../src/shared/resolver-contract';
import { assertAccessible, screenshot } from './support/browser';
import { sandboxPages } from './support/sandbox-pages';

let first = '';
let second = '';
const sandbox = sandboxPages({ sites: [{ name: 'acme' }, { name: 'globex' }] }, async (world) => {
  // The demo connection (rules on both sides), and a second invitation globex accepts with its own contact.
  first = (await connectDemo(world)).connectionId;
  const invite = await asAdmin<{ code: string; connectionId: string }>(world, 'acme', 'admin/connections/invite', {});
  await asAdmin(world, 'globex', 'admin/connections/accept', { code: invite.code, contacts: [{ name: 'Gina Support', role: 'responsible', email: 'gina@globex.example' }] });
  second = invite.connectionId;
});

describe('partners by name on the admin page', () => {
  test('the backend names both connections to globex by its name and site, each told apart by its id tail', async () => {
    const list = await asAdmin<ConnectionView[]>(sandbox.world, 'acme', 'admin/connections/list');
    assert.deepEqual(list.map((c) => c.displayName).sort(), [`Globex (globex.atlassian.net) · ${first.slice(-8)}`, `Globex (globex.atlassian.net) · ${second.slice(-8)}`].sort());
  });

  test('acme\'s connections table and details say Globex, its site and its contacts — no raw ids', async () => {
    const { page, ui, frame } = await sandbox.open('/acme/admin');
    const rows = ui.getByRole('row').filter({ hasText: 'Globex (globex.atlassian.net)' });
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2, 'both connections are named after the partner');
    assert.equal(await ui.getByText(/Jira partner · /).count(), 0, 'no connection is called by its id');
    await rows.filter({ hasText: first.slice(-8) }).getByRole('button', { name: /^More actions for / }).click();
    await ui.getByRole('button', { name: 'Details and contacts' }).click();
    await ui.getByText('lead@globex.example').first().waitFor();
    await ui.getByText('globex.atlassian.net', { exact: true }).first().waitFor();
    await screenshot(page, 'partner-names-acme-connections');
    await assertAccessible(frame(), 'acme admin page with partner names');
    await page.close();
  });

  test('the connection picker lists the partners by name with the projects each shares', async () => {
    const { page, ui } = await sandbox.open('/acme/admin');
    await ui.getByRole('tab', { name: 'Sharing rules' }).click();
    const picker = ui.getByRole('tabpanel').getByLabel('Connection', { exact: true });
    await picker.click();
    const options = ui.getByRole('option');
    await options.first().waitFor();
    const labels = await options.allInnerTexts();
    assert.equal(labels.length, 2);
    assert.ok(labels.some((l) => l.startsWith(`Globex (globex.atlassian.net) · ${first.slice(-8)}`) && l.includes('ACME')), labels.join(' | '));
    assert.ok(labels.some((l) => l.startsWith(`Globex (globex.atlassian.net) · ${second.slice(-8)}`)), labels.join(' | '));
    await screenshot(page, 'partner-names-acme-picker');
    await page.close();
  });

  test('globex\'s admin page names acme', async () => {
    const { page, ui } = await sandbox.open('/globex/admin');
    await ui.getByRole('row').filter({ hasText: 'Acme (acme.atlassian.net)' }).first().waitFor();
    await screenshot(page, 'partner-names-globex-connections');
    await page.close();
    assert.deepEqual(sandbox.problems(), [], 'no page errors or console errors');
  });
});
