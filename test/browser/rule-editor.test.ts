// The rule editor in Chromium, on the real app and two sandbox Jira sites (acme ↔ globex): value maps
// picked from both sides' values, people picked by name and stored as account ids, sizes in MB, the
// footer of unsaved changes with Save and Discard, the flag naming the saved version, and a refused
// save that focuses the first control to fix and lists the problems by their labels.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { defaultSeed } from '../../sandbox/jira';
import { asAdmin, connectDemo } from '../../sandbox/demo/liaison-demo';
import type { RuleView } from '../../src/shared/resolver-contract';
import { assertAccessible, screenshot } from './support/browser';
import { openRules as openRulesTab, pick, saveAndExpectFlag } from './support/rule-editor-page';
import { sandboxPages, withoutHighest } from './support/sandbox-pages';

// Globex has no "Highest" priority: acme's admin must not be offered it as a globex value.
let connectionId = '';
const sandbox = sandboxPages({ sites: [{ name: 'acme' }, { name: 'globex', seed: withoutHighest(defaultSeed('globex')) }] }, async (world) => {
  // Both admins connect and save a rule (version 1 on each side); each side then tells the other
  // its profile, values included, as it does once its rules change.
  ({ connectionId } = await connectDemo(world));
  for (const site of ['acme', 'globex']) await asAdmin(world, site, 'admin/connections/refresh-profile', { connectionId }).catch((e: Error) => console.log(`refresh-profile: ${e.message}`));
});

const openRules = (query = '') => openRulesTab(sandbox, 'acme', query);

const acmeRule = async () => (await asAdmin<RuleView>(sandbox.world, 'acme', 'admin/rules/get', { connectionId, projectKey: 'ACME' })).current!;
const focusedId = (frame: Frame) => frame.evaluate(() => document.activeElement?.id ?? '');

describe('rule editor pickers in the browser (acme ↔ globex)', () => {
  test("a priority map is picked from globex's priorities on the left and acme's on the right", async () => {
    const { page, ui, frame } = await openRules();
    assert.equal(await ui.getByRole('region', { name: 'Unsaved changes' }).count(), 0, 'no footer without changes');
    await ui.getByRole('button', { name: 'Add a priority mapping' }).click();

    await ui.getByLabel("Globex's priority, row 1", { exact: true }).click();
    const globexOptions = await ui.getByRole('option').allInnerTexts();
    assert.deepEqual(globexOptions, ['High', 'Medium', 'Low', 'Lowest'], 'globex shared its own priorities');
    await ui.getByRole('option', { name: 'High', exact: true }).click();
    await ui.getByLabel('Our priority for High', { exact: true }).click();
    assert.deepEqual(await ui.getByRole('option').allInnerTexts(), ['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    await ui.getByRole('option', { name: 'Highest', exact: true }).click();

    await ui.getByRole('region', { name: 'Unsaved changes' }).waitFor();
    await screenshot(page, 'rule-editor-priority-map');
    await assertAccessible(frame(), 'rule editor with a value map row and the unsaved-changes footer');
    await saveAndExpectFlag(page, ui, 'globex High is our Highest', 2);
    await screenshot(page, 'rule-editor-saved-flag');
    const current = await acmeRule();
    assert.equal(current.version, 2);
    assert.deepEqual((current.rule as { incoming: { valueMaps: { priority: object } } }).incoming.valueMaps.priority, { High: 'Highest' });
    await page.close();
  });

  test('people are picked by name and stored as account ids; names show again after a reload', async () => {
    const byName = (name: string) => defaultSeed('acme').users.find((u) => u.displayName === name)?.accountId ?? assert.fail(`no ${name}`);
    const { page, ui } = await openRules();
    await ui.getByRole('button', { name: 'Add a person' }).click();
    await ui.getByLabel('Globex email, row 1', { exact: true }).fill('agent1@globex.example');
    await pick(ui, 'Our account for agent1@globex.example', 'Acme Agent Two', 'Agent Two');
    await pick(ui, 'Default account when nobody matches', 'Acme Admin', 'Acme Adm');
    await saveAndExpectFlag(page, ui, 'globex agent one answers to our agent two', 3);
    const users = (await acmeRule()).rule as { incoming: { users: { map: Record<string, string>; defaultAccountId: string | null } } };
    assert.deepEqual(users.incoming.users.map, { 'agent1@globex.example': byName('Acme Agent Two') });
    assert.equal(users.incoming.users.defaultAccountId, byName('Acme Admin'));

    await page.reload();
    await ui.getByRole('tab', { name: 'Sharing rules' }).click();
    await ui.getByText('Version 3 is in force.').waitFor();
    const incoming = ui.getByRole('region', { name: 'What is accepted (incoming)' });
    await incoming.getByText('Acme Admin', { exact: true }).waitFor();
    await incoming.getByText('Acme Agent Two', { exact: true }).waitFor();
    assert.equal(await ui.getByText(byName('Acme Admin'), { exact: true }).count(), 0, 'no raw account id on screen');
    await incoming.getByText('User mapping').scrollIntoViewIfNeeded();
    await screenshot(page, 'rule-editor-people');
    await page.close();
  });

  test('scope statuses are picked from a list and the attachment cap is entered in MB', async () => {
    const { page, ui } = await openRules();
    await pick(ui, 'Statuses in scope', 'In Progress');
    await pick(ui, 'Statuses in scope', 'To Do');
    await pick(ui, 'Labels in scope', 'Add "vip"', 'vip');
    const size = ui.getByLabel('Attachment size limit (MB)');
    assert.equal(await size.inputValue(), '10', 'the stored 10485760 bytes read as 10 MB');
    await size.fill('2.5');
    await size.press('Enter');
    await saveAndExpectFlag(page, ui, 'smaller attachments, two statuses, vip only', 4);
    const rule = (await acmeRule()).rule as { scope: { statuses: string[]; labels: string[] }; outgoing: { attachments: { maxBytes: number } } };
    assert.deepEqual(rule.scope.statuses, ['In Progress', 'To Do']);
    assert.deepEqual(rule.scope.labels, ['vip']);
    assert.equal(rule.outgoing.attachments.maxBytes, 2.5 * 1024 * 1024);
    await page.close();
  });

  test('a refused save focuses the first control to fix and lists the problems by label, each a link to its control', async () => {
    const { page, ui, frame } = await openRules();
    const size = ui.getByLabel('Attachment size limit (MB)');
    await size.fill('ten');
    await size.press('Enter');
    await ui.getByLabel('Pilot: only a few issues sync for now').check();
    const keys = ui.getByLabel('Pilot issue keys');
    await keys.fill('ACME-1, not a key');
    await keys.press('Enter');
    await ui.getByRole('button', { name: 'Save', exact: true }).click();

    // A size that is no size is caught before anything is sent.
    const list = ui.getByRole('list', { name: 'Settings to fix' });
    await list.getByRole('link', { name: 'Attachment size limit' }).waitFor();
    assert.equal(await focusedId(frame()), 'rule-outgoing-attachments-maxBytes');
    assert.match(await list.innerText(), /Attachment size limit: enter a size in MB, like 10/);

    await size.fill('4');
    await size.press('Enter');
    await ui.getByRole('button', { name: 'Save', exact: true }).click();
    // The backend refuses the pilot key: the list names the control, not `scope.pilot.issueKeys[1]`.
    await list.getByRole('link', { name: 'Pilot issue keys' }).waitFor();
    const text = await list.innerText();
    assert.match(text, /Pilot issue keys: entry 2: must be an issue key like ABC-12/);
    assert.doesNotMatch(text, /scope\.|\[\d\]/, 'no raw rule paths');
    assert.equal(await focusedId(frame()), 'rule-scope-pilot-issueKeys');
    assert.equal(await keys.getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'rule-editor-refused-save');
    await assertAccessible(frame(), 'rule editor after a refused save');

    // The link takes focus back to its control from anywhere.
    await ui.getByRole('button', { name: 'Save', exact: true }).focus();
    await list.getByRole('link', { name: 'Pilot issue keys' }).click();
    assert.equal(await focusedId(frame()), 'rule-scope-pilot-issueKeys');
    assert.equal((await acmeRule()).version, 4, 'nothing was saved');
    await page.close();
  });

  test('Discard puts the saved version back and the footer goes', async () => {
    const { page, ui } = await openRules();
    const attachments = ui.getByLabel('Send attachments');
    const before = await attachments.isChecked();
    await attachments.setChecked(!before);
    await ui.getByRole('button', { name: 'Add a status mapping' }).click();
    await pick(ui, "Globex's status, row 1", 'Done');
    const footer = ui.getByRole('region', { name: 'Unsaved changes' });
    await footer.waitFor();
    await footer.getByRole('button', { name: 'Discard' }).click();
    await footer.waitFor({ state: 'detached' });
    assert.equal(await attachments.isChecked(), before);
    assert.equal(await ui.getByLabel("Globex's status, row 1").count(), 0, 'the unsaved row is gone');
    assert.equal((await acmeRule()).version, 4);
    await page.close();
  });

  test('dark theme: the editor with a map row and the footer is readable and passes axe', async () => {
    const { page, ui, frame } = await openRules('?theme=dark');
    await ui.getByRole('button', { name: 'Add a status mapping' }).click();
    await pick(ui, "Globex's status, row 1", 'In Progress');
    await ui.getByRole('region', { name: 'Unsaved changes' }).waitFor();
    await ui.getByText('Status value map').scrollIntoViewIfNeeded();
    await screenshot(page, 'rule-editor-dark');
    await assertAccessible(frame(), 'rule editor, dark theme');
    await page.close();
  });

  test('no script errors or CSP refusals on any page', () => {
    assert.deepEqual(sandbox.problems(), []);
  });
});
