// Errors written around who can fix them, on the real app with two sandbox Jira sites: globex has
// no "Highest" priority and, for a while, accepts no new issues from acme. Acme's admin finds the
// errors from the connection's error count, grouped by cause, each with its issues on both sides,
// in plain words (no sequence numbers, HTTP codes or JSON); retries and dismisses several at once;
// a bulk sync asks first and reports what the partner refused; the panel says the same sentence.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../sandbox/jira';
import { asAdmin, connectDemo, demoRule } from '../../sandbox/demo/liaison-demo';
import type { ConnectionView } from '../../src/shared/resolver-contract';
import { SiteHandle } from '../integration/jira-jira/support';
import { assertAccessible, screenshot } from './support/browser';
import { sandboxPages, withoutHighest } from './support/sandbox-pages';

/** Nothing a person cannot act on. */
const PROTOCOL = /#\d|HTTP|\b[45]\d\d\b|[{}]|replica|\blocal\b/;

let acme: SiteHandle;
let connectionId = '';
let partnerName = '';
let errorCount = 0;
let prioritised = '';
const refusedKeys: string[] = [];

const sandbox = sandboxPages({ sites: [{ name: 'acme' }, { name: 'globex', seed: withoutHighest(defaultSeed('globex')) }] }, async (world) => {
  connectionId = (await connectDemo(world)).connectionId;
  await world.settle();
  acme = new SiteHandle(world, 'acme');
  // A value globex cannot take: its rule has no priority "Highest".
  prioritised = (await acme.createIssue({ summary: 'Checkout fails on Safari' })).key;
  await world.settle();
  await acme.edit(prioritised, { priority: { name: 'Highest' } });
  await world.settle();
  // Globex takes no new issues for a while: two creates are refused.
  await saveGlobexRule(false, 'no new issues for now');
  for (const summary of ['Export times out', 'Login loops']) refusedKeys.push((await acme.createIssue({ summary })).key);
  await world.settle();
  const [c] = await asAdmin<ConnectionView[]>(world, 'acme', 'admin/connections/list');
  partnerName = c!.displayName;
  errorCount = c!.health.errors;
  assert.ok(errorCount >= 3, `the refused value and the two refused creates are errors (${errorCount})`);
});

/** Globex's rule with acme: the demo rule, taking new issues from acme or not. */
async function saveGlobexRule(createsWelcome: boolean, comment: string): Promise<void> {
  const rule = demoRule(connectionId, 'GLX');
  await asAdmin(sandbox.world, 'globex', 'admin/rules/save', { rule: createsWelcome ? rule : { ...rule, incoming: { ...rule.incoming, create: null } }, comment });
}

const open = (path: string) => sandbox.open(path).then((opened) => ({ ...opened, ui: path.includes('/browse/') ? opened.panel : opened.ui }));

describe('errors written around who can fix them (real app, acme ↔ globex)', () => {
  test('the error count opens the list: grouped by cause, issues on both sides, plain words, Retry only where it helps', async () => {
    const { page, ui, frame } = await open('/acme/admin');
    await ui.getByRole('button', { name: `${errorCount} errors on ${partnerName}: open the error list` }).click();
    const panel = ui.getByRole('tabpanel');
    await panel.getByText(`${errorCount} of ${errorCount} errors`).waitFor();
    // The value globex refused: globex must fix its rule; Retry sends it again once it has.
    const priority = panel.getByRole('region', { name: /must fix this: their priority has no value "Highest" \(their rule needs a value map for it\)/ });
    await priority.waitFor();
    // The example of the issue: who must fix it, by name, and whom to contact there.
    await panel.getByRole('heading', { name: /^Globex must fix this: their priority has no value "Highest" \(their rule needs a value map for it\) — contact Globex Service Lead \(lead@globex\.example\)\.$/ }).waitFor();
    await priority.getByRole('link', { name: prioritised }).waitFor();
    await priority.getByRole('link', { name: /^GLX-\d+$/ }).waitFor();
    await priority.getByText('Retry once', { exact: false }).waitFor();
    // The creates globex refused: one group of two, the issues not created there.
    const creates = panel.getByRole('region', { name: /must fix this: their sharing rule does not accept new issues from us/ });
    await creates.getByText('Select all 2 in this group').waitFor();
    for (const key of refusedKeys) await creates.getByRole('link', { name: key }).waitFor();
    assert.doesNotMatch(await panel.locator('section[aria-labelledby="errors-h"]').innerText(), PROTOCOL);
    await screenshot(page, 'admin-errors-grouped');
    await assertAccessible(frame('admin-page'), 'error list grouped by cause');
    await page.close();
  });

  test('the panel says the same sentence on the issue', async () => {
    const { page, ui, frame } = await open(`/acme/browse/${refusedKeys[0]}`);
    await ui.getByText(/must fix this: their sharing rule does not accept new issues from us/).first().waitFor();
    assert.doesNotMatch(await ui.getByRole('list', { name: 'Sync errors' }).innerText(), PROTOCOL);
    await screenshot(page, 'panel-error-who-fixes');
    await assertAccessible(frame('issue-panel'), 'panel with a refused create');
    await page.close();
  });

  test('once globex accepts new issues, the refused creates are retried together and reach globex; an error is dismissed', async () => {
    await saveGlobexRule(true, 'new issues welcome');
    const { page, ui, frame } = await open('/acme/admin');
    await ui.getByRole('tab', { name: 'Queue and errors' }).click();
    const creates = ui.getByRole('region', { name: /must fix this: their sharing rule does not accept new issues from us/ });
    await creates.getByText(/^Select all \d+ in this group$/).click();
    const retry = ui.getByRole('button', { name: /^Retry selected \([1-9]\d*\)$/ });
    const selected = Number((await retry.innerText()).match(/\d+/)![0]);
    assert.ok(selected >= refusedKeys.length, `the group's errors are selected (${selected})`);
    await retry.click();
    await ui.getByRole('button', { name: 'Retry selected (0)' }).waitFor();
    await sandbox.world.settle();
    for (const key of refusedKeys) {
      const view = await acme.panelView(await acme.issue(key, 'summary'));
      assert.ok(view.links[0]?.partner.issueKey, `${key} now has its globex issue`);
    }
    // Nothing is left of the retried errors, on the server as on the page.
    const left = (await asAdmin<Array<{ reason: string; issue?: { localKey: string | null } }>>(sandbox.world, 'acme', 'admin/errors/list', { connectionId }))
      .filter((e) => refusedKeys.includes(e.issue?.localKey ?? ''));
    assert.deepEqual(left.map((e) => e.reason), []);
    await creates.waitFor({ state: 'detached' });
    // The priority error stays until dismissed: select it and dismiss.
    const priority = ui.getByRole('region', { name: /their priority has no value "Highest"/ });
    await priority.getByText('Select all 1 in this group').click();
    await ui.getByRole('button', { name: 'Dismiss selected (1)' }).click();
    await priority.waitFor({ state: 'detached' });
    await screenshot(page, 'admin-errors-after-bulk');
    await assertAccessible(frame('admin-page'), 'error list after bulk actions');
    await page.close();
  });

  test('bulk sync asks with the issue count and reports that the partner refused them', async () => {
    // Globex stops taking new issues again; one more acme issue waits to be created there.
    await saveGlobexRule(false, 'no new issues again');
    await acme.createIssue({ summary: 'Dashboard blank' });
    await sandbox.world.settle();
    const { page, ui } = await open('/acme/admin');
    await ui.getByRole('tab', { name: 'Sharing rules' }).click();
    await ui.getByRole('button', { name: 'Bulk sync ACME' }).click();
    const dialog = ui.getByRole('dialog');
    await dialog.getByText(/^Bulk sync \d+ issues of ACME\?$/).waitFor();
    await dialog.getByRole('button', { name: 'Start bulk sync' }).click();
    await sandbox.world.settle();
    await page.reload();
    await ui.getByRole('tab', { name: 'Sharing rules' }).click();
    const status = ui.getByText(/^Done: \d+ of \d+ issues checked, \d+ to send: \d+ delivered, [1-9]\d* refused by the partner, \d+ waiting in the queue$/);
    await status.waitFor();
    assert.doesNotMatch(await status.innerText(), /queued$/);
    await ui.getByText(/The partner refused \d+ of them/).waitFor();
    await screenshot(page, 'admin-bulk-refused');
    await page.close();
  });

  test('no script errors or CSP refusals on any page', () => {
    assert.deepEqual(sandbox.problems(), []);
  });
});
