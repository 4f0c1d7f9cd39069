// The admin page's Connections tab on the real app, two sandbox Jira sites (acme ↔ globex) with
// real traffic between them: the table of connections comes first at 1280×800 with figures from
// that traffic, setup forms open in modals, Pause asks, Delete asks for the partner's name with the
// number of linked issues; KPIs from the traffic; someone who is not an admin sees only why.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../sandbox/jira';
import { asAdmin, connectDemo } from '../../sandbox/demo/liaison-demo';
import type { ConnectionView } from '../../src/shared/resolver-contract';
import { SiteHandle } from '../integration/jira-jira/support';
import { assertAccessible, screenshot } from './support/browser';
import { sandboxPages } from './support/sandbox-pages';

let partnerName = '';
let deleteWord = '';
const sandbox = sandboxPages({ sites: [{ name: 'acme' }, { name: 'globex' }] }, async (world) => {
  await connectDemo(world);
  await world.settle();
  // Real traffic both ways: acme creates an issue (globex gets it), globex's agent edits the copy.
  const acme = new SiteHandle(world, 'acme');
  const globex = new SiteHandle(world, 'globex');
  await acme.createIssue({ summary: 'Printer on fire' });
  await world.settle();
  const [copy] = await globex.findBySummary('Printer on fire');
  assert.ok(copy, 'globex has the copy');
  await globex.edit(copy.key, { summary: 'Printer on fire (second floor)' });
  await world.settle();
  const [c] = await asAdmin<ConnectionView[]>(world, 'acme', 'admin/connections/list');
  partnerName = c!.displayName;
  deleteWord = c!.partner.name ?? c!.id.slice(-8);
});

const openAdmin = (query = '', viewport = { width: 1280, height: 800 }) => sandbox.open(`/acme/admin${query}`, { viewport });

describe('admin page: connections first (real app, acme ↔ globex)', () => {
  test('at 1280×800 the table of connections is on the first screen, with figures from real traffic', async () => {
    const { page, ui, frame } = await openAdmin();
    const table = ui.getByRole('table').first();
    const row = table.getByRole('row').filter({ hasText: partnerName });
    await row.waitFor();
    for (const text of ['Active', 'ACME', 'No errors']) assert.ok(await row.getByText(text, { exact: true }).isVisible(), `the row shows ${text}`);
    // Sent and received, each from the audit of real changes (it said "never" before).
    assert.match(await row.innerText(), /Sent (just now|\d+ min ago) · received (just now|\d+ min ago)/);
    const box = await page.locator('iframe.page').boundingBox();
    const rowBox = await row.boundingBox();
    assert.ok(box && rowBox && rowBox.y + rowBox.height <= 800, `the row is within the first 800 px (ends at ${rowBox ? rowBox.y + rowBox.height : '?'})`);
    // The three ways to connect are buttons; their forms are not on the page until asked for.
    assert.equal(await ui.getByRole('button', { name: 'Create invitation code' }).count(), 0);
    await ui.getByRole('button', { name: 'Invite a partner' }).click();
    const dialog = ui.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create invitation code' }).waitFor();
    await screenshot(page, 'admin-connections-invite-modal');
    await assertAccessible(frame(), 'invite modal');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ui.getByRole('button', { name: 'Connect ServiceNow' }).click();
    await ui.getByRole('dialog').getByLabel('Instance URL').waitFor();
    await ui.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await screenshot(page, 'admin-connections-table-1280x800');
    await assertAccessible(frame(), 'connections table');
    await page.close();
  });

  test('details name the contacts of both sides (the partner\'s as the partner said them) and the traffic both ways', async () => {
    const { page, ui } = await openAdmin();
    await ui.getByRole('button', { name: `Details of ${partnerName}` }).click();
    const card = ui.getByRole('region', { name: partnerName });
    await card.getByText('Acme Integration Owner (accountable, owner@acme.example)').waitFor();
    // The partner's contacts as globex's admin entered them there, exchanged in the handshake.
    await card.getByText('Globex Service Lead (accountable, lead@globex.example)').waitFor();
    assert.match(await card.innerText(), /Last exchange\s+Sent (just now|\d+ min ago) · received (just now|\d+ min ago)/);
    await screenshot(page, 'admin-connection-details');
    await page.close();
  });

  test('KPIs come from the traffic: latency measured both ways, changes counted', async () => {
    const { page, ui, frame } = await openAdmin();
    await ui.getByRole('tab', { name: 'KPIs' }).click();
    const panel = ui.getByRole('tabpanel');
    await panel.getByText(/Latency from \d+ measured change/).waitFor();
    assert.equal(await panel.getByText('No data yet', { exact: true }).count(), 0, 'latency and error rate have data');
    assert.match(await panel.innerText(), /Last 14 days: [1-9]\d* sent, [1-9]\d* received/);
    await screenshot(page, 'admin-kpis-real-traffic');
    await assertAccessible(frame(), 'KPI tab');
    await page.close();
  });

  test('Pause asks first; Resume resumes', async () => {
    const { page, ui } = await openAdmin();
    await ui.getByRole('button', { name: `Pause ${partnerName}` }).click();
    const dialog = ui.getByRole('dialog');
    await dialog.getByText(/changes on both sides wait in the queue/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await asAdmin<ConnectionView[]>(sandbox.world, 'acme', 'admin/connections/list'))[0]!.state, 'active', 'Cancel pauses nothing');
    await ui.getByRole('button', { name: `Pause ${partnerName}` }).click();
    await ui.getByRole('dialog').getByRole('button', { name: 'Pause' }).click();
    await ui.getByText('Paused', { exact: true }).waitFor();
    assert.equal((await asAdmin<ConnectionView[]>(sandbox.world, 'acme', 'admin/connections/list'))[0]!.state, 'paused');
    await ui.getByRole('button', { name: `Resume ${partnerName}` }).click();
    await ui.getByText('Active', { exact: true }).waitFor();
    await page.close();
  });

  test('the dark theme: the table, the row menu and the delete dialog pass axe', async () => {
    const { page, ui, frame } = await openAdmin('?theme=dark');
    await ui.getByRole('row').filter({ hasText: partnerName }).waitFor();
    await ui.getByRole('button', { name: `More actions for ${partnerName}` }).click();
    await ui.getByRole('button', { name: 'Delete…' }).waitFor();
    await screenshot(page, 'admin-connections-dark-menu');
    await assertAccessible(frame(), 'connections table with its menu, dark');
    await ui.getByRole('button', { name: 'Delete…' }).click();
    await ui.getByRole('dialog').getByText(/linked issue/).waitFor();
    await screenshot(page, 'admin-connections-dark-delete');
    await assertAccessible(frame(), 'delete dialog, dark');
    await page.close();
  });

  test('someone who is not a Jira admin sees only why, and whom to ask', async () => {
    const agent = defaultSeed('acme').users.find((u) => !u.admin)!;
    const { page, ui, frame } = await openAdmin(`?as=${agent.accountId}`);
    await ui.getByText("You don't have access to this page").waitFor();
    await ui.getByRole('link', { name: 'contact the Jira administrators' }).waitFor();
    assert.equal(await ui.getByRole('tab').count(), 0, 'no tabs');
    assert.equal(await ui.getByRole('button').count(), 0, 'no controls that would only fail');
    await screenshot(page, 'admin-not-allowed');
    await assertAccessible(frame(), 'admin page for a non-admin');
    await page.close();
  });

  test('a project admin whose project was not delegated sees whom to ask, not an editor', async () => {
    const { page, ui } = await sandbox.open('/acme/project/ACME/settings', { viewport: { width: 1280, height: 800 } });
    await ui.getByText('Nothing to edit here').waitFor();
    await ui.getByText(/ask Acme Integration Owner \(owner@acme\.example\)/).waitFor();
    assert.equal(await ui.getByRole('button', { name: /Save/ }).count(), 0);
    await screenshot(page, 'project-settings-not-delegated');
    await page.close();
  });

  test('Delete sits in the row menu, says how many issues are linked, and needs the partner name typed', async () => {
    const { page, ui } = await openAdmin();
    await ui.getByRole('button', { name: `More actions for ${partnerName}` }).click();
    await ui.getByRole('button', { name: 'Delete…' }).click();
    const dialog = ui.getByRole('dialog');
    await dialog.getByText('1 linked issue will stop syncing.').waitFor();
    const confirm = dialog.getByRole('button', { name: 'Delete connection' });
    assert.equal(await confirm.isDisabled(), true);
    await dialog.getByLabel(`Type ${deleteWord} to confirm`).fill('someone else');
    assert.equal(await confirm.isDisabled(), true);
    await dialog.getByLabel(`Type ${deleteWord} to confirm`).fill(deleteWord);
    await screenshot(page, 'admin-connection-delete-confirm');
    await confirm.click();
    await ui.getByText(/No connections yet/).waitFor();
    await page.close();
  });

  test('no script errors or CSP refusals on any page', () => {
    assert.deepEqual(sandbox.problems(), []);
  });
});
