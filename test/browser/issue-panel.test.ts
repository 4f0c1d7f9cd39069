// The issue panel, built for real and hosted with a canned backend: what an agent sees and can do.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PanelLinkView, PanelView, PreviewView } from '../../src/shared/resolver-contract';
import { assertAccessible, eventually, launchBrowser, screenshot, tabTo, watchProblems } from './support/browser';
import { ensureUiBuilt } from './support/build-ui';
import { startFakeHost, type BridgeHandler } from './support/fake-bridge-server';

const CONTEXT = { accountId: 'agent-1', extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'ACME-1', type: 'Bug' }, project: { id: '10000', key: 'ACME', type: 'software' } } };

const link = (over: Partial<PanelLinkView> = {}): PanelLinkView => ({
  connectionId: 'conn-1',
  partner: { kind: 'jira', endpoint: 'https://globex.atlassian.net', issueKey: 'GLX-7', issueId: '20007', url: null, table: null },
  state: 'in-sync',
  lastSentAt: Date.now() - 5 * 60_000,
  lastReceivedAt: null,
  errors: [],
  shared: { out: ['summary', 'priority'], in: ['priority', 'status'] },
  ...over,
});
const panel = (over: Partial<PanelView> = {}): PanelView => ({ issue: { id: '10001', key: 'ACME-1', projectKey: 'ACME' }, links: [link()], available: [], canAct: true, ...over });
const ok = (data: unknown) => ({ ok: true, data });
const PREVIEW: PreviewView = {
  issueKey: 'ACME-1', inScope: true, scopeReason: null,
  fields: [{ field: 'summary', value: null, text: 'Login fails after password reset' }, { field: 'priority', value: null, text: 'High' }],
  comments: [{ id: 'c1', internal: false, text: 'Customer called twice' }],
  withheld: [{ field: 'reporter', reason: 'not shared by the rule' }, { field: 'comments', reason: '1 internal comment(s) stay here' }],
};
const rejected = { id: 'err-1', at: Date.now() - 60_000, connectionId: 'conn-1', pairId: 'pair-1', field: 'priority', value: '"Urgent"', reason: 'priority "Urgent" does not exist on this site', retryable: true };

let browser: Browser;
before(async () => {
  ensureUiBuilt();
  browser = await launchBrowser();
});
after(async () => browser?.close());

async function open(t: TestContext, handler: BridgeHandler, context: Record<string, unknown> = CONTEXT) {
  const host = await startFakeHost('issue-panel', context, handler);
  const page = await browser.newPage();
  // A shared 2-core machine under load: generous waits, never a timing assertion.
  page.setDefaultTimeout(60_000);
  const problems = watchProblems(page);
  await page.goto(host.url);
  // Registered with the test, so a failing test still closes its server and page.
  t.after(async () => {
    await page.close();
    await host.close();
  });
  return { host, page, problems };
}

describe('issue panel in Chromium', () => {
  test('a rejected value shows as an error in plain words, and Retry fixes it', async (t) => {
    let fixed = false;
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ links: [fixed ? link() : link({ state: 'failed', errors: [rejected] })] }));
      if (key === 'panel/retry') return (fixed = true), ok(null);
      throw new Error(`unexpected ${key}`);
    });
    const { page } = s;
    await page.getByText('Priority: "Urgent" was not applied').waitFor();
    assert.ok(await page.getByText('Reason: priority "Urgent" does not exist on this site').isVisible());
    assert.ok(await page.getByText('Failed', { exact: true }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'GLX-7' }).isVisible());
    assert.equal(await page.getByRole('link', { name: 'GLX-7' }).getAttribute('href'), 'https://globex.atlassian.net/browse/GLX-7');
    assert.ok(await page.getByText('Summary', { exact: true }).isVisible(), 'shared fields are listed');
    await screenshot(page, 'panel-failed');
    await assertAccessible(page, 'panel with an error');
    await page.getByRole('button', { name: /Retry Priority/ }).click();
    await page.getByText('In sync', { exact: true }).waitFor();
    assert.deepEqual(s.host.callsTo('panel/retry').map((c) => c.payload), [{ connectionId: 'conn-1', errorId: 'err-1' }]);
    assert.equal(await page.getByText('was not applied').count(), 0);
    assert.deepEqual(s.problems, []);
  });

  test('an agent who dealt with an error by hand dismisses it from the panel', async (t) => {
    let dismissed = false;
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ links: [dismissed ? link() : link({ state: 'failed', errors: [rejected] })] }));
      if (key === 'panel/dismiss') return (dismissed = true), ok({ dismissed: true });
      throw new Error(`unexpected ${key}`);
    });
    await s.page.getByRole('button', { name: /Dismiss Priority/ }).click();
    await s.page.getByText('In sync', { exact: true }).waitFor();
    assert.deepEqual(s.host.callsTo('panel/dismiss').map((c) => c.payload), [{ connectionId: 'conn-1', errorId: 'err-1' }]);
    assert.equal(await s.page.getByText('was not applied').count(), 0);
    assert.deepEqual(s.problems, []);
  });

  test('refreshes by itself while a change is pending, then stops', async (t) => {
    let gets = 0;
    const s = await open(t, (key) => {
      if (key !== 'panel/get') throw new Error(`unexpected ${key}`);
      gets++;
      return ok(panel({ links: [link({ state: gets < 2 ? 'pending' : 'in-sync' })] }));
    });
    await s.page.getByText('Pending', { exact: true }).waitFor();
    await s.page.getByText('In sync', { exact: true }).waitFor({ timeout: 15_000 });
    const settled = gets;
    await s.page.waitForTimeout(3500);
    assert.equal(gets, settled, 'no polling once nothing is pending');
  });

  test('unlink asks first; cancel does nothing, confirm unlinks', async (t) => {
    let unlinked = false;
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ links: [link({ state: unlinked ? 'unlinked' : 'in-sync' })] }));
      if (key === 'panel/unlink') return (unlinked = true), ok(null);
      throw new Error(`unexpected ${key}`);
    });
    const { page } = s;
    await page.getByRole('button', { name: 'Unlink' }).click();
    const dialog = page.getByRole('group', { name: 'Unlink GLX-7?' });
    await dialog.getByText('Changes will stop flowing between ACME-1 and GLX-7').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Unlink GLX-7?', 'focus moves to the question');
    await screenshot(page, 'panel-unlink-confirm');
    await assertAccessible(page, 'unlink confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Unlink');
    assert.equal(s.host.callsTo('panel/unlink').length, 0);
    await page.getByRole('button', { name: 'Unlink' }).click();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Unlink' }).click();
    await dialog.getByRole('button', { name: 'Unlink' }).click();
    await page.getByText('Not linked', { exact: true }).waitFor();
    assert.deepEqual(s.host.callsTo('panel/unlink').map((c) => c.payload), [{ connectionId: 'conn-1' }]);
    assert.equal(await page.getByRole('button', { name: 'Sync now' }).count(), 0);
  });

  test('Sync now is reachable and usable from the keyboard', async (t) => {
    const s = await open(t, (key) => (key === 'panel/get' || key === 'panel/sync-now' ? ok(key === 'panel/get' ? panel() : null) : Promise.reject(new Error(key))));
    await s.page.getByRole('button', { name: 'Sync now' }).waitFor();
    await tabTo(s.page, s.page, /Sync now/);
    await s.page.keyboard.press('Enter');
    await eventually(() => s.host.callsTo('panel/sync-now').length > 0, 'Enter on Sync now calls panel/sync-now');
    assert.deepEqual(s.host.callsTo('panel/sync-now').map((c) => c.payload), [{ connectionId: 'conn-1' }]);
  });

  test('custom fields are listed by the names Jira gives them', async (t) => {
    const s = await open(t, () => ok(panel({
      links: [link({ shared: { out: ['summary', 'custom:10020'], in: ['custom:10020', 'custom:10099'] } })],
      fieldCatalog: [{ key: 'custom:10020', name: 'Customer Reference' }],
    })));
    await s.page.getByText('Customer Reference').waitFor();
    // A field Jira gave no name for still shows, by id.
    assert.ok(await s.page.getByText('Custom field 10099').isVisible());
    assert.equal(await s.page.getByText('Custom field 10020').count(), 0);
  });

  test('people who cannot edit the issue see the panel without actions', async (t) => {
    const s = await open(t, () => ok(panel({ canAct: false, links: [link({ state: 'failed', errors: [rejected] })], available: [{ connectionId: 'conn-2', inScope: true, reason: null }] })));
    await s.page.getByText('only people who can edit the issue can change it').waitFor();
    for (const name of ['Sync now', 'Unlink', 'Start syncing…', 'Link']) assert.equal(await s.page.getByRole('button', { name, exact: true }).count(), 0, `${name} hidden`);
    assert.equal(await s.page.getByRole('button', { name: /Retry/ }).count(), 0);
    assert.equal(await s.page.getByRole('button', { name: /Dismiss/ }).count(), 0);
  });

  test('an issue in scope can start syncing or be linked to a partner issue key', async (t) => {
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ links: [], available: [{ connectionId: 'conn-1', inScope: true, reason: null }] }));
      if (key === 'panel/preview') return ok(PREVIEW);
      return ok(null);
    });
    const { page } = s;
    await page.getByRole('button', { name: 'Start syncing…' }).click();
    await page.getByRole('group', { name: 'Start syncing ACME-1 with the partner?' }).getByRole('button', { name: 'Start syncing' }).click();
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    assert.deepEqual(s.host.callsTo('panel/start').map((c) => c.payload), [{ connectionId: 'conn-1' }]);
    const input = page.getByLabel('Link to an existing partner issue');
    await input.fill('not a key');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByText('"not a key" is not an issue key like GLX-12.').waitFor();
    assert.equal(s.host.callsTo('panel/link').length, 0, 'nothing sent for a bad key');
    await input.fill('glx-42');
    await input.press('Enter');
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    assert.deepEqual(s.host.callsTo('panel/link').map((c) => c.payload), [{ connectionId: 'conn-1', partnerIssueKey: 'GLX-42' }]);
    await screenshot(page, 'panel-available');
    await assertAccessible(page, 'panel with a start/link card');
  });

  test('a ServiceNow partner shows as its incident, on its instance, linked to the record', async (t) => {
    const SYS = '0123456789abcdef0123456789abcdef';
    const record = link({
      connectionId: 'conn-sn',
      partner: { kind: 'servicenow', endpoint: 'https://initech.service-now.com', issueKey: 'INC0010001', issueId: SYS, url: `https://initech.service-now.com/incident.do?sys_id=${SYS}`, table: 'incident' },
    });
    let unlinked = false;
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ links: [link(), unlinked ? { ...record, state: 'unlinked' } : record] }));
      if (key === 'panel/unlink') return (unlinked = true), ok(null);
      throw new Error(`unexpected ${key}`);
    });
    const { page } = s;
    const card = page.getByRole('region', { name: 'INC0010001' });
    await card.waitFor();
    assert.equal(await card.getByRole('link', { name: 'INC0010001' }).getAttribute('href'), `https://initech.service-now.com/incident.do?sys_id=${SYS}`);
    assert.ok(await card.getByText('ServiceNow incident', { exact: true }).isVisible());
    assert.ok(await card.getByText('ServiceNow instance', { exact: true }).isVisible());
    assert.ok(await card.getByText('initech.service-now.com', { exact: true }).isVisible());
    assert.ok(await card.getByText('This issue and the ServiceNow incident agree on every shared field.').isVisible());
    // The Jira partner's card beside it keeps its own words.
    const jira = page.getByRole('region', { name: 'GLX-7' });
    assert.ok(await jira.getByText('globex.atlassian.net', { exact: true }).isVisible());
    assert.ok(await jira.getByText('Both issues agree on every shared field.').isVisible());
    await screenshot(page, 'panel-servicenow');
    await assertAccessible(page, 'panel with a ServiceNow partner');

    await card.getByRole('button', { name: 'Unlink' }).click();
    const dialog = card.getByRole('group', { name: 'Unlink INC0010001?' });
    await dialog.getByText('Changes will stop flowing between ACME-1 and INC0010001').waitFor();
    assert.ok(await dialog.getByText(/nothing is deleted on ServiceNow/).isVisible());
    await dialog.getByRole('button', { name: 'Unlink' }).click();
    await card.getByText('This issue no longer syncs with the ServiceNow incident.').waitFor();
    assert.deepEqual(s.host.callsTo('panel/unlink').map((c) => c.payload), [{ connectionId: 'conn-sn' }]);
    assert.deepEqual(s.problems, []);
  });

  test('an issue not yet on ServiceNow is linked by incident number, not by Jira key', async (t) => {
    const s = await open(t, (key) => {
      if (key === 'panel/get') {
        return ok(panel({ links: [], available: [{ connectionId: 'conn-sn', inScope: true, reason: null, partnerKind: 'servicenow', partnerEndpoint: 'https://initech.service-now.com', partnerTable: 'incident' }] }));
      }
      if (key === 'panel/preview') return ok(PREVIEW);
      return ok(null);
    });
    const { page } = s;
    const card = page.getByRole('region', { name: 'Not synced with initech (ServiceNow) yet' });
    await card.getByText('this issue has no ServiceNow incident yet').waitFor();
    const input = card.getByLabel('Link to an existing ServiceNow incident');
    assert.equal(await input.getAttribute('placeholder'), 'INC0010001');
    await input.fill('GLX-12');
    await card.getByRole('button', { name: 'Link', exact: true }).click();
    await card.getByText('"GLX-12" is not an incident number like INC0010001.').waitFor();
    assert.equal(s.host.callsTo('panel/link').length, 0, 'nothing sent for a Jira key');
    await input.fill(' inc0010042 ');
    await input.press('Enter');
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    assert.deepEqual(s.host.callsTo('panel/link').map((c) => c.payload), [{ connectionId: 'conn-sn', partnerIssueKey: 'INC0010042' }]);
    await card.getByRole('button', { name: 'Start syncing…' }).click();
    await card.getByRole('group', { name: 'Start syncing ACME-1 with initech (ServiceNow)?' }).getByRole('button', { name: 'Start syncing' }).click();
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    assert.deepEqual(s.host.callsTo('panel/start').map((c) => c.payload), [{ connectionId: 'conn-sn' }]);
    await assertAccessible(page, 'panel offering a ServiceNow link');
    assert.deepEqual(s.problems, []);
  });

  test('a backend that cannot be reached is reported, not a blank panel', async (t) => {
    const s = await open(t, () => {
      throw new Error('resolver crashed');
    });
    await s.page.getByText('Liaison is not reachable right now').waitFor();
    assert.ok(await s.page.getByText(/resolver crashed/).isVisible());
  });
});
