// A partner asked to link its issue to this one: the agent sees the request on the issue panel and
// accepts or declines it; a person who cannot edit the issue sees it without the buttons.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { LinkRequestView, PanelLinkView, PanelView } from '../../src/shared/resolver-contract';
import { assertAccessible, launchBrowser, screenshot, watchProblems } from './support/browser';
import { ensureUiBuilt } from './support/build-ui';
import { startFakeHost, type BridgeHandler } from './support/fake-bridge-server';

const CONTEXT = { accountId: 'agent-1', extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'ACME-1', type: 'Bug' }, project: { id: '10000', key: 'ACME', type: 'software' } } };

const request: LinkRequestView = { connectionId: 'conn-1', pairId: 'p-req-1', localIssueKey: 'ACME-1', partnerIssueKey: 'GLX-7', partnerIssueUrl: 'https://globex.atlassian.net/browse/GLX-7', requestedAt: Date.now() - 10 * 60_000 };
const linked: PanelLinkView = {
  connectionId: 'conn-1',
  partner: { kind: 'jira', endpoint: 'https://globex.atlassian.net', issueKey: 'GLX-7', issueId: '20007', url: 'https://globex.atlassian.net/browse/GLX-7', table: null },
  state: 'in-sync', lastSentAt: Date.now(), lastReceivedAt: Date.now(), errors: [], shared: { out: ['summary'], in: ['summary'] },
};
const available = { connectionId: 'conn-1', inScope: true, reason: null };
const panel = (over: Partial<PanelView>): PanelView => ({ issue: { id: '10001', key: 'ACME-1', projectKey: 'ACME' }, links: [], available: [available], canAct: true, ...over });
const ok = (data: unknown) => ({ ok: true, data });

let browser: Browser;
before(async () => {
  ensureUiBuilt();
  browser = await launchBrowser();
});
after(async () => browser?.close());

async function open(t: TestContext, handler: BridgeHandler, context: Record<string, unknown> = CONTEXT) {
  const host = await startFakeHost('issue-panel', context, handler);
  const page = await browser.newPage();
  const problems = watchProblems(page);
  await page.goto(host.url);
  t.after(async () => {
    await page.close();
    await host.close();
  });
  return { host, page, problems };
}

describe('link requests on the issue panel in Chromium', () => {
  test('the agent accepts: the request goes, the link shows in sync', async (t) => {
    let accepted = false;
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(accepted ? panel({ links: [linked], available: [] }) : panel({ linkRequests: [request] }));
      if (key === 'panel/link-requests/accept') return (accepted = true), ok({ accepted: true, localIssueKey: 'ACME-1', partnerIssueKey: 'GLX-7' });
      throw new Error(`unexpected ${key}`);
    });
    const card = s.page.getByRole('region', { name: 'Link request from partner issue GLX-7' });
    await card.waitFor();
    assert.equal(await card.getByRole('link', { name: 'GLX-7' }).getAttribute('href'), 'https://globex.atlassian.net/browse/GLX-7');
    await screenshot(s.page, 'panel-link-request');
    await assertAccessible(s.page, 'panel with a link request');
    await card.getByRole('button', { name: 'Accept link' }).click();
    await s.page.getByText('In sync', { exact: true }).waitFor();
    assert.deepEqual(s.host.callsTo('panel/link-requests/accept').map((c) => c.payload), [{ connectionId: 'conn-1', pairId: 'p-req-1' }]);
    assert.equal(await s.page.getByRole('region', { name: /Link request/ }).count(), 0);
    assert.deepEqual(s.problems, []);
  });

  test('the agent declines: the request goes, nothing is linked', async (t) => {
    let declined = false;
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(declined ? panel({}) : panel({ linkRequests: [request] }));
      if (key === 'panel/link-requests/decline') return (declined = true), ok({ declined: true });
      throw new Error(`unexpected ${key}`);
    });
    await s.page.getByRole('button', { name: 'Decline' }).click();
    await s.page.getByRole('region', { name: /Link request/ }).waitFor({ state: 'detached' });
    assert.deepEqual(s.host.callsTo('panel/link-requests/decline').map((c) => c.payload), [{ connectionId: 'conn-1', pairId: 'p-req-1' }]);
    assert.equal(s.host.callsTo('panel/link-requests/accept').length, 0);
    assert.ok(await s.page.getByText('Not synced yet').isVisible());
    assert.deepEqual(s.problems, []);
  });

  test('someone who cannot edit the issue sees the request but no buttons', async (t) => {
    const s = await open(t, (key) => {
      if (key === 'panel/get') return ok(panel({ linkRequests: [request], canAct: false }));
      throw new Error(`unexpected ${key}`);
    });
    await s.page.getByRole('region', { name: 'Link request from partner issue GLX-7' }).waitFor();
    assert.equal(await s.page.getByRole('button', { name: 'Accept link' }).count(), 0);
    assert.equal(await s.page.getByRole('button', { name: 'Decline' }).count(), 0);
  });
});
