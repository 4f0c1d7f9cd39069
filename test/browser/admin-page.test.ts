// The admin page and the project settings page, built for real and hosted with a canned backend.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, eventually, launchBrowser, screenshot, tabTo, watchProblems } from './support/browser';
import { ensureUiBuilt } from './support/build-ui';
import { startFakeHost } from './support/fake-bridge-server';
import { fakeAdminBackend, INVITE_CODE, SN_NOTICE, SN_PASSWORD } from './support/fake-admin-backend';

const ADMIN = { accountId: 'admin-1', extension: { type: 'jira:adminPage' } };
const PROJECT = { accountId: 'lead-1', extension: { type: 'jira:projectSettingsPage', project: { id: '10000', key: 'ACME', type: 'software' } } };

let browser: Browser;
before(async () => {
  ensureUiBuilt();
  browser = await launchBrowser();
});
after(async () => browser?.close());

async function open(t: TestContext, context: Record<string, unknown>) {
  const backend = fakeAdminBackend();
  const host = await startFakeHost('admin', context, backend.handler);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watchProblems(page);
  await page.goto(host.url);
  // Registered with the test, so a failing test still closes its server and page.
  t.after(async () => {
    await page.close();
    await host.close();
  });
  return { backend, host, page, problems };
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name }).click();

describe('admin page in Chromium', () => {
  test('connections: invite and accept open in modals, pause asks first, delete needs the partner name', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    const partner = 'Globex (globex.atlassian.net)';
    await page.getByRole('row').filter({ hasText: partner }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create invitation code' }).count(), 0, 'no setup form on the first screen');
    await page.getByRole('button', { name: 'Invite a partner' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create invitation code' }).click();
    const code = dialog.getByLabel(/Invitation code \(valid until/);
    await code.waitFor();
    assert.equal(await code.inputValue(), INVITE_CODE);
    await dialog.getByRole('button', { name: 'Copy code' }).click();
    await dialog.getByText(/Copied|Copying is blocked/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Accept an invitation' }).click();
    await dialog.getByLabel('Invitation code from your partner').fill('too short');
    await dialog.getByRole('button', { name: 'Accept and connect' }).click();
    await dialog.getByText('Paste the whole invitation code').waitFor();
    assert.equal(s.host.callsTo('admin/connections/accept').length, 0);
    await dialog.getByLabel('Invitation code from your partner').fill('LZ1.someone-elses-code-0000');
    await dialog.getByRole('button', { name: 'Accept and connect' }).click();
    await dialog.getByText('That invitation code is unknown or expired.').waitFor();
    await dialog.getByLabel('Invitation code from your partner').fill(INVITE_CODE);
    await dialog.getByRole('button', { name: 'Accept and connect' }).click();
    await dialog.getByText('The partner confirmed the connection.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: `Pause ${partner}` }).click();
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: `Resume ${partner}` }).waitFor();
    assert.deepEqual(s.host.callsTo('admin/connections/change').map((c) => c.payload), [{ connectionId: 'conn-0001-abcdef12', change: 'pause' }]);

    await page.getByRole('button', { name: `More actions for ${partner}` }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByText('12 linked issues will stop syncing.').waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Delete connection' }).isDisabled(), true);
    await dialog.getByLabel('Type Globex to confirm').fill('globex');
    assert.equal(await dialog.getByRole('button', { name: 'Delete connection' }).isDisabled(), false);
    await screenshot(page, 'admin-connections');
    await assertAccessible(page, 'admin connections tab with the delete dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(s.host.callsTo('admin/connections/change').length, 1, 'cancel deletes nothing');
    assert.deepEqual(s.problems, []);
  });

  test('connections: a ServiceNow instance is checked, tested, connected, and its notice secret shown once', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    await page.getByRole('button', { name: 'Connect ServiceNow' }).click();
    const form = page.getByRole('region', { name: 'Connect a ServiceNow instance' });
    await form.getByRole('button', { name: 'Test connection' }).click();
    // Mistakes are named next to their fields, before anything is sent.
    await form.getByText('Enter the instance URL').waitFor();
    const password = form.getByLabel('Password');
    assert.equal(await password.getAttribute('type'), 'password');
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator(`#${(await password.getAttribute('aria-describedby'))!}`).innerText(), /Enter the password/);
    assert.equal(s.host.callsTo('admin/connections/servicenow-test').length, 0);

    await form.getByLabel('Instance URL').fill('acme');
    await form.getByLabel('Table').fill('incident');
    await form.getByLabel('Integration user name').fill('liaison.integration');
    await password.fill('wrong password');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('ServiceNow did not accept the credentials', { exact: true }).waitFor();
    await form.getByText(/check the integration user's name and password/).waitFor();
    await password.fill(SN_PASSWORD);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('The connection works').waitFor();
    assert.deepEqual(s.host.callsTo('admin/connections/servicenow-test').at(-1)!.payload, {
      instanceUrl: 'https://acme.service-now.com',
      table: 'incident',
      auth: { kind: 'basic', username: 'liaison.integration', password: SN_PASSWORD },
    });
    // The instance's own Resolution codes are offered, ServiceNow's usual one preselected; the notes are a template.
    await form.getByText('Resolution code when Jira resolves or closes').waitFor();
    await form.getByText('Solution provided', { exact: true }).waitFor();
    await form.getByLabel('Resolution notes').fill('Resolved in Jira {key}');

    await form.getByRole('button', { name: 'Connect instance' }).click();
    await form.getByText('Connected: copy these two values now').waitFor();
    assert.deepEqual((s.host.callsTo('admin/connections/servicenow').at(-1)!.payload as { resolution?: unknown }).resolution, { code: 'Solution provided', notes: 'Resolved in Jira {key}' });
    assert.equal(await form.getByLabel('Notice URL').inputValue(), SN_NOTICE.url);
    assert.equal(await form.getByLabel('Notice secret').inputValue(), SN_NOTICE.secret);
    await form.getByRole('button', { name: 'Copy notice secret' }).click();
    await form.getByText(/Copied|Copying is blocked/).waitFor();
    assert.ok(await form.getByText('business rule', { exact: false }).isVisible());
    assert.equal(await password.inputValue(), '', 'the password is not kept in the page');

    await screenshot(page, 'admin-servicenow-connected');
    await assertAccessible(page, 'ServiceNow connect form with its notice');

    // Once: hidden by the admin, the secret is gone from the page for good.
    await form.getByRole('button', { name: 'I have stored both values' }).click();
    assert.equal(await page.getByLabel('Notice secret').count(), 0);
    assert.equal(await page.getByText(SN_NOTICE.secret).count(), 0);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    // The new row and its details name the instance host and the table, not a web-trigger URL.
    await page.getByRole('button', { name: 'Details of acme (ServiceNow)' }).click();
    const card = page.getByRole('region', { name: 'acme (ServiceNow)' });
    await card.getByText('acme.service-now.com', { exact: true }).waitFor();
    assert.ok(await card.getByText('incident', { exact: true }).isVisible());
    assert.equal(s.host.callsTo('admin/connections/servicenow').length, 1);
    assert.deepEqual(s.problems, []);
  });

  test('a ServiceNow connection is named by its instance, and its rule and preview speak of ServiceNow', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    s.backend.others.push({
      ...s.backend.connection, id: 'conn-sn-0002-77aa55cc', displayName: 'initech (ServiceNow)', partner: { ...s.backend.connection.partner, name: 'initech' }, partnerKind: 'servicenow', partnerEndpoint: 'https://initech.service-now.com', table: 'incident',
      contacts: { local: [], partner: [] }, health: { backlog: 0, errors: 0, lastExchangeAt: null }, projects: [{ projectKey: 'ACME', version: 2, delegated: false }],
    });
    await page.reload();
    const name = 'initech (ServiceNow) · incident';
    await page.getByRole('button', { name: 'Details of initech (ServiceNow)' }).click();
    const card = page.getByRole('region', { name: 'initech (ServiceNow)' });
    await card.getByText('initech.service-now.com', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'More actions for initech (ServiceNow)' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByText('Issues here and records on ServiceNow stay as they are.').waitFor();
    await page.getByLabel('Type initech to confirm').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const pick = async (panel: string) => {
      await tab(page, panel);
      const visible = page.getByRole('tabpanel');
      await visible.getByLabel('Connection', { exact: true }).click();
      await page.getByRole('option', { name }).click();
    };
    await pick('Sharing rules');
    await page.getByText('Version 2 is in force.').waitFor();
    const rules = page.getByRole('tabpanel');
    await rules.getByText(/A ServiceNow incident holds summary, description, status, priority/).waitFor();
    assert.ok(await rules.getByText('Fed by ServiceNow field').isVisible());
    assert.ok(await rules.getByLabel('Create issues here when a new ServiceNow incident appears').isVisible());
    assert.equal(await rules.getByLabel('Issue type value map').count(), 0, 'a record has no issue type to map');
    assert.match(await rules.getByText(/Each ServiceNow value, as the instance labels it/).first().innerText(), /In Progress/);
    await screenshot(page, 'admin-servicenow-rule');
    await assertAccessible(page, 'rule editor for a ServiceNow connection');

    await pick('What the partner sees');
    await page.getByRole('heading', { name: 'What initech (ServiceNow) will receive' }).waitFor();
    assert.deepEqual(s.problems, []);
  });

  test('rules: a validation error appears next to the control it concerns; a fix saves a new version', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    await tab(page, 'Sharing rules');
    await page.getByText('Version 2 is in force.').waitFor();
    await page.getByLabel('Pilot: only a few issues sync for now').check();
    const keys = page.getByLabel('Pilot issue keys');
    await keys.fill('ACME-1, not a key');
    await keys.press('Enter');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The rule was not saved').waitFor();
    // The message sits with the pilot keys input, tied to it for screen readers.
    const describedBy = await keys.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the input names its messages');
    assert.match(await page.locator(`#${describedBy}`).innerText(), /entry 2: must be an issue key like ABC-12/);
    assert.equal(await keys.getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'admin-rule-validation-error');
    await assertAccessible(page, 'rule editor with a validation error');

    await keys.fill('ACME-1, ACME-7');
    await keys.press('Enter');
    await page.getByLabel('What changed and why').fill('pilot on two issues');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Version 3 is in force.').waitFor();
    const saved = s.host.callsTo('admin/rules/save').at(-1)!.payload as { rule: { scope: { pilot: unknown } }; comment: string };
    assert.deepEqual(saved.rule.scope.pilot, { labels: [], issueKeys: ['ACME-1', 'ACME-7'] });
    assert.equal(saved.comment, 'pilot on two issues');
  });

  test('rules: field direction and conflict policy are edited in the table', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    await tab(page, 'Sharing rules');
    await page.getByText('Version 2 is in force.').waitFor();
    await page.getByLabel('Status', { exact: true }).check();
    await page.getByLabel('Status direction').click();
    await page.getByRole('option', { name: 'Both ways' }).click();
    await page.getByLabel('Status conflict policy').click();
    await page.getByRole('option', { name: "Partner's value wins" }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Version 3 is in force.').waitFor();
    const saved = s.host.callsTo('admin/rules/save').at(-1)!.payload as { rule: { fields: Record<string, unknown> } };
    assert.deepEqual(saved.rule.fields.status, { direction: 'both', conflict: 'partner' });
  });

  test('version history: readable diff and one-click rollback', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    await tab(page, 'Sharing rules');
    await page.getByRole('button', { name: 'Changes in v2' }).click();
    await page.getByText('Changes from v1 to v2').waitFor();
    assert.ok(await page.getByText('Field › Priority › Direction: set to "both"').isVisible());
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Field › Priority › Direction: removed (was "both")').waitFor();
    await screenshot(page, 'admin-rollback-confirm');
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await page.getByText('Version 3 is in force.').waitFor();
    assert.deepEqual(s.host.callsTo('admin/rules/restore').map((c) => c.payload), [{ connectionId: 'conn-0001-abcdef12', projectKey: 'ACME', version: 1, comment: '' }]);
    await page.getByText('Rollback to v1').waitFor();
  });

  test('bulk sync shows progress until done', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    await tab(page, 'Sharing rules');
    await page.getByRole('button', { name: 'Bulk sync ACME' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start bulk sync' }).click();
    await page.getByText('Done: 40 of 40 issues checked, 31 to send').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByRole('progressbar').getAttribute('aria-valuenow'), '1');
  });

  test('preview, queue and errors, audit log and KPIs', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    await tab(page, 'What the partner sees');
    await page.getByLabel('Issue key').fill('acme-1');
    await page.getByRole('button', { name: 'Show payload' }).click();
    await page.getByText('Reproduced on staging.').waitFor();
    assert.ok(await page.getByText('not in the outgoing rule').isVisible());
    assert.deepEqual(s.host.callsTo('admin/preview').map((c) => c.payload), [{ connectionId: 'conn-0001-abcdef12', issueKey: 'ACME-1' }]);
    await assertAccessible(page, 'preview tab');

    await tab(page, 'Queue and errors');
    await page.getByText('2 of 2 errors').waitFor();
    await page.getByLabel('Filter by issue, field, value or reason').fill('transition');
    await page.getByText('1 of 2 errors').waitFor();
    await page.getByLabel('Filter by issue, field, value or reason').fill('');
    await page.getByRole('button', { name: 'Retry Priority: "Urgent"' }).click();
    await page.getByText('1 of 1 errors').waitFor();
    await page.getByRole('button', { name: 'Dismiss Status: "Closed"' }).click();
    await page.getByText('0 of 0 errors').waitFor();
    assert.ok(await page.getByText('The last try failed; Liaison tries again').isVisible(), 'the queue says why a change waits, without protocol codes');
    assert.deepEqual(s.host.callsTo('admin/errors/retry').map((c) => c.payload.errorId), ['e1']);
    assert.deepEqual(s.host.callsTo('admin/errors/dismiss').map((c) => c.payload.errorId), ['e2']);
    await screenshot(page, 'admin-queue');
    await assertAccessible(page, 'queue tab');

    await tab(page, 'Audit log');
    await page.getByText('entry 1', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('entry 26', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('entry 1', { exact: true }).waitFor();
    assert.deepEqual(s.host.callsTo('admin/audit/list').map((c) => c.payload.cursor ?? null), [null, '25', null]);
    await assertAccessible(page, 'audit tab');

    await tab(page, 'KPIs');
    await page.getByText('420 ms').waitFor();
    assert.ok(await page.getByText('2.1 %').isVisible());
    assert.equal(await page.locator('svg[role="img"] rect').count(), 6);
    await screenshot(page, 'admin-kpis');
    await assertAccessible(page, 'KPI tab');
    assert.deepEqual(s.problems, []);
  });

  test('tabs and the rule editor are reachable from the keyboard', async (t) => {
    const s = await open(t, ADMIN);
    const { page } = s;
    await page.getByRole('tab', { name: 'Connections' }).waitFor();
    await tabTo(page, page, /^Connections/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByText('Version 2 is in force.').waitFor();
    // Save appears with the first change (the footer of unsaved changes).
    await tabTo(page, page, /rule-outgoing-attachments-enabled/, 200);
    await page.keyboard.press('Space');
    await tabTo(page, page, /^Save$/, 200);
    await page.keyboard.press('Enter');
    await eventually(() => s.host.callsTo('admin/rules/save').length === 1, 'Enter on Save saves');
  });
});

describe('project settings page in Chromium', () => {
  test('a project admin edits the delegated rule of their project', async (t) => {
    const s = await open(t, PROJECT);
    const { page } = s;
    await page.getByText('Nothing to edit here').waitFor();
    s.backend.connection.projects[0]!.delegated = true;
    await page.reload();
    await page.getByRole('heading', { name: 'Liaison sharing rule for ACME' }).waitFor();
    await page.getByText('Version 2 is in force.').waitFor();
    await page.getByLabel('Customer Reference').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Version 3 is in force.').waitFor();
    const saved = s.host.callsTo('project/rules/save').at(-1)!.payload as { rule: { fields: Record<string, unknown> } };
    assert.deepEqual(saved.rule.fields['custom:10020'], { direction: 'out' });
    assert.equal(s.host.callsTo('admin/rules/save').length, 0, 'the project page never uses the admin save');
    await screenshot(page, 'project-settings');
    await assertAccessible(page, 'project settings page');
    assert.deepEqual(s.problems, []);
  });
});
