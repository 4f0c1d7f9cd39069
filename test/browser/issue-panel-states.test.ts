// Every state the issue panel can be in — paused, pending, ended, failed, not shared yet, outside
// the scope, outside the pilot — with its lozenge, one plain sentence, the way in and only the
// actions that can work; the Start preview and the inline Unlink confirmation in a narrow column;
// the same states in Jira's dark theme. The real build, hosted with a canned backend.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PanelLinkView, PanelView, PreviewView } from '../../src/shared/resolver-contract';
import { assertAccessible, launchBrowser, screenshot, watchProblems } from './support/browser';
import { ensureUiBuilt } from './support/build-ui';
import { startFakeHost, type BridgeHandler } from './support/fake-bridge-server';

const CONTEXT = { accountId: 'agent-1', extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'ACME-1', type: 'Bug' }, project: { id: '10000', key: 'ACME', type: 'software' } } };
const GLOBEX = 'Globex (globex.atlassian.net)';
const owner = { name: 'Acme Integration Owner', role: 'accountable' as const, email: 'owner@acme.example' };
const active = { state: 'active' as const, contacts: [owner] };

const link = (over: Partial<PanelLinkView> = {}): PanelLinkView => ({
  connectionId: 'conn-1', partnerName: GLOBEX,
  partner: { kind: 'jira', endpoint: 'https://globex.atlassian.net', issueKey: 'GLX-7', issueId: '20007', url: null, table: null },
  state: 'in-sync', lastSentAt: Date.now() - 5 * 60_000, lastReceivedAt: null, errors: [], shared: { out: ['summary', 'priority'], in: ['priority', 'status'] },
  connection: active, ...over,
});
type Available = PanelView['available'][number];
const offer = (over: Partial<Available> = {}): Available => ({ connectionId: 'conn-1', inScope: true, reason: null, partnerName: GLOBEX, connection: active, ...over });
const panel = (over: Partial<PanelView> = {}): PanelView => ({ issue: { id: '10001', key: 'ACME-1', projectKey: 'ACME' }, links: [], available: [], canAct: true, ...over });
const ok = (data: unknown) => ({ ok: true, data });
const only = (view: PanelView): BridgeHandler => (key) => {
  if (key === 'panel/get') return ok(view);
  throw new Error(`unexpected ${key}`);
};
const PREVIEW: PreviewView = {
  issueKey: 'ACME-1', inScope: true, scopeReason: null,
  fields: [{ field: 'summary', value: null, text: 'Login fails after password reset' }, { field: 'description', value: null, text: 'Steps: '.repeat(60) }],
  comments: [{ id: 'c1', internal: false, text: 'Customer called twice' }],
  withheld: [{ field: 'reporter', reason: 'not shared by the rule' }],
};

let browser: Browser;
before(async () => {
  ensureUiBuilt();
  browser = await launchBrowser();
});
after(async () => browser?.close());

/** The panel in a column as narrow as Jira's issue view gives it. */
async function open(t: TestContext, handler: BridgeHandler, context: Record<string, unknown> = CONTEXT, width = 380) {
  const host = await startFakeHost('issue-panel', context, handler);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  // A shared 2-core machine under load: generous waits, never a timing assertion.
  page.setDefaultTimeout(60_000);
  const problems = watchProblems(page);
  await page.goto(host.url);
  t.after(async () => {
    await page.close();
    await host.close();
  });
  return { host, page, problems };
}

describe('issue panel states in Chromium', () => {
  test('paused: "Paused", the reason, Sync now disabled with why; Unlink still offered', async (t) => {
    const s = await open(t, only(panel({ links: [link({ connection: { state: 'paused', contacts: [owner] } })] })));
    const card = s.page.getByRole('region', { name: 'GLX-7' });
    await card.getByText('Paused', { exact: true }).waitFor();
    assert.equal(await card.getByText('In sync', { exact: true }).count(), 0, 'never "In sync" while paused');
    await card.getByText(`The connection with ${GLOBEX} is paused by a Jira admin. Changes made meanwhile wait here and are sent, in order, when it resumes.`).waitFor();
    const syncNow = card.getByRole('button', { name: 'Sync now' });
    assert.equal(await syncNow.isDisabled(), true);
    const describedBy = await syncNow.getAttribute('aria-describedby');
    assert.equal(await s.page.locator(`[id="${describedBy}"]`).innerText(), 'Sync now is off while the connection is paused.');
    assert.equal(await card.getByRole('button', { name: 'Unlink' }).isEnabled(), true);
    assert.ok(await card.getByText(GLOBEX, { exact: true }).isVisible(), 'the partner by name');
    await screenshot(s.page, 'panel-state-paused');
    await assertAccessible(s.page, 'paused panel');
    await card.getByRole('button', { name: 'Unlink' }).click();
    await card.getByText(/the partner is told the link was removed when the connection resumes/).waitFor();
    assert.equal(s.host.callsTo('panel/sync-now').length, 0);
    assert.deepEqual(s.problems, []);
  });

  test('ended by the partner: "Ended", when, and no action', async (t) => {
    const s = await open(t, only(panel({ links: [link({ state: 'unlinked', connection: { state: 'ended', endedAt: Date.UTC(2030, 0, 7, 9, 5), contacts: [] } })] })));
    await s.page.getByText('Ended', { exact: true }).waitFor();
    await s.page.getByText(`${GLOBEX} ended the connection on 2030-01-07 09:05 UTC, so this issue no longer syncs.`, { exact: false }).waitFor();
    for (const name of ['Sync now', 'Unlink']) assert.equal(await s.page.getByRole('button', { name }).count(), 0, `${name} not offered`);
    await screenshot(s.page, 'panel-state-ended');
    await assertAccessible(s.page, 'ended panel');
  });

  test('pending: the invitation is not accepted yet; nothing to start or link', async (t) => {
    const s = await open(t, only(panel({ available: [offer({ inScope: false, reason: 'the partner has not accepted the invitation yet', help: { kind: 'connection', state: 'pending' } })] })));
    await s.page.getByText('Waiting', { exact: true }).waitFor();
    await s.page.getByText(`The connection waits for ${GLOBEX} to accept the invitation; nothing can be synced until then.`).waitFor();
    for (const name of ['Start syncing…', 'Link']) assert.equal(await s.page.getByRole('button', { name, exact: true }).count(), 0, `${name} not offered`);
    await screenshot(s.page, 'panel-state-pending');
    await assertAccessible(s.page, 'pending panel');
  });

  test('failed: the lozenge, the errors and Retry', async (t) => {
    const error = { id: 'err-1', at: Date.now() - 60_000, connectionId: 'conn-1', pairId: 'pair-1', field: 'priority', value: '"Urgent"', reason: 'priority "Urgent" does not exist on this site', retryable: true };
    const s = await open(t, only(panel({ links: [link({ state: 'failed', errors: [error] })] })));
    await s.page.getByText('Failed', { exact: true }).waitFor();
    await s.page.getByRole('button', { name: /^Retry/ }).waitFor();
    assert.equal(await s.page.getByRole('button', { name: 'Sync now' }).isEnabled(), true);
    await screenshot(s.page, 'panel-state-failed');
    await assertAccessible(s.page, 'failed panel');
  });

  test('not shared yet: with whom; Start shows what will be sent and asks; Cancel changes nothing', async (t) => {
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ available: [offer()] }));
      if (key === 'panel/preview') return ok(PREVIEW);
      if (key === 'panel/start') return ok({ outcomes: [] });
      throw new Error(`unexpected ${key}`);
    });
    const { page } = s;
    const card = page.getByRole('region', { name: `Not synced with ${GLOBEX} yet` });
    await card.getByText('Not shared yet', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Start syncing…' }).click();
    const confirm = card.getByRole('group', { name: `Start syncing ACME-1 with ${GLOBEX}?` });
    await confirm.getByText('Login fails after password reset').waitFor();
    const sent = confirm.getByRole('definition');
    assert.equal(await sent.count(), 2);
    assert.ok((await sent.nth(1).innerText()).endsWith('…'), 'a long description is cut to panel size');
    assert.ok(await confirm.getByText('1 comment.').isVisible());
    assert.ok(await confirm.getByText('Stays here (1)').isVisible());
    assert.deepEqual(s.host.callsTo('panel/preview').map((c) => c.payload), [{ connectionId: 'conn-1' }]);
    await screenshot(page, 'panel-state-start-preview');
    await assertAccessible(page, 'start preview');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(s.host.callsTo('panel/start').length, 0, 'nothing started on cancel');
    await card.getByRole('button', { name: 'Start syncing…' }).click();
    await confirm.getByRole('button', { name: 'Start syncing' }).click();
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    assert.deepEqual(s.host.callsTo('panel/start').map((c) => c.payload), [{ connectionId: 'conn-1' }]);
    assert.deepEqual(s.problems, []);
  });

  test('a preview that says the issue cannot start offers no confirmation', async (t) => {
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ available: [offer()] }));
      if (key === 'panel/preview') return ok({ ...PREVIEW, inScope: false, scopeReason: 'status Done not in scope' });
      throw new Error(`unexpected ${key}`);
    });
    await s.page.getByRole('button', { name: 'Start syncing…' }).click();
    await s.page.getByText('This issue cannot start syncing: status Done not in scope.').waitFor();
    assert.equal(await s.page.getByRole('group').getByRole('button', { name: 'Start syncing', exact: true }).isDisabled(), true);
  });

  test('outside the scope: what the rule takes, what this issue has, whom to ask; no Start, no Link', async (t) => {
    const s = await open(t, only(panel({ available: [offer({ inScope: false, reason: 'status Done not in scope', help: { kind: 'status', current: 'Done', allowed: ['Open', 'In Progress'] } })] })));
    await s.page.getByText('Outside scope', { exact: true }).waitFor();
    await s.page.getByText(`Only issues in status "Open" or "In Progress" are shared with ${GLOBEX}; this one is "Done".`).waitFor();
    await s.page.getByText(/It is sent once it moves to one of those statuses; or ask Acme Integration Owner \(owner@acme\.example\)/).waitFor();
    for (const name of ['Start syncing…', 'Link']) assert.equal(await s.page.getByRole('button', { name, exact: true }).count(), 0, `${name} not offered`);
    await screenshot(s.page, 'panel-state-outside-scope');
    await assertAccessible(s.page, 'outside scope');
  });

  test('outside the pilot: which label brings it in, and whom to ask', async (t) => {
    const s = await open(t, only(panel({ available: [offer({ inScope: false, reason: 'not in the pilot scope', help: { kind: 'pilot', labels: ['pilot-globex'], issueKeys: [] } })] })));
    await s.page.getByText('Outside pilot', { exact: true }).waitFor();
    await s.page.getByText(`Sharing with ${GLOBEX} is in its pilot: only issues labelled "pilot-globex" sync for now.`).waitFor();
    await s.page.getByText('Add the label "pilot-globex" to bring it into the pilot, or ask Acme Integration Owner (owner@acme.example) to add ACME-1 to the pilot.').waitFor();
    await screenshot(s.page, 'panel-state-outside-pilot');
    await assertAccessible(s.page, 'outside pilot');
  });

  test('a paused connection offers Start and Link disabled, with the reason', async (t) => {
    const s = await open(t, only(panel({ available: [offer({ help: { kind: 'connection', state: 'paused' }, connection: { state: 'paused', contacts: [] } })] })));
    const start = s.page.getByRole('button', { name: 'Start syncing…' });
    await start.waitFor();
    assert.equal(await start.isDisabled(), true);
    assert.equal(await s.page.getByRole('button', { name: 'Link', exact: true }).isDisabled(), true);
    assert.equal(await s.page.getByText(`The connection with ${GLOBEX} is paused by a Jira admin; start when it resumes.`).count(), 2, 'the reason beside each');
  });

  test('the Unlink confirmation stays inside its card in a 320 px column, the issue above still in view', async (t) => {
    const s = await open(t, only(panel({ links: [link()] })), CONTEXT, 320);
    const card = s.page.getByRole('region', { name: 'GLX-7' });
    await card.getByRole('button', { name: 'Unlink' }).click();
    const confirm = card.getByRole('group', { name: 'Unlink GLX-7?' });
    await confirm.waitFor();
    const [box, cardBox] = await Promise.all([confirm.boundingBox(), card.boundingBox()]);
    assert.ok(box && cardBox && box.width <= cardBox.width && box.x >= cardBox.x, 'inside the card');
    assert.ok(await s.page.getByRole('heading', { name: 'Partner sync for ACME-1' }).isVisible(), 'nothing covers the panel');
    assert.equal(await s.page.getByRole('dialog').count(), 0, 'no modal over the column');
    await screenshot(s.page, 'panel-unlink-narrow');
    await assertAccessible(s.page, 'unlink confirmation, narrow');
  });

  test('dark theme: every state readable, axe clean', async (t) => {
    const view = panel({
      links: [link({ connection: { state: 'paused', contacts: [owner] } }), link({ connectionId: 'conn-2', partnerName: 'Initrode (initrode.atlassian.net)', state: 'unlinked', partner: { ...link().partner, issueKey: 'INI-3' }, connection: { state: 'ended', endedAt: Date.UTC(2030, 0, 7), contacts: [] } })],
      available: [
        offer({ connectionId: 'conn-3', inScope: false, reason: 'not in the pilot scope', partnerName: 'Umbrella (umbrella.atlassian.net)', help: { kind: 'pilot', labels: ['pilot-umbrella'], issueKeys: ['ACME-9'] } }),
        offer({ connectionId: 'conn-4', partnerName: 'Hooli (hooli.atlassian.net)' }),
      ],
    });
    const s = await open(t, only(view), { ...CONTEXT, theme: { colorMode: 'dark' } }, 420);
    await s.page.getByText('Outside pilot', { exact: true }).waitFor();
    await s.page.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    await s.page.waitForFunction(() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)');
    await screenshot(s.page, 'panel-states-dark');
    await assertAccessible(s.page, 'panel states, dark theme');
    assert.deepEqual(s.problems, []);
  });
});
