// The issue panel of the real Liaison app on two sandbox Jira sites (acme, globex), as an agent on
// acme sees it: outside the pilot (and how to get in), in the pilot but not started, Start with
// the preview of what globex will receive, in sync; the connection paused (Sync now off, with why,
// also in the dark theme); ended by globex. Each first load's time to first content is reported
// in test-artifacts/ui-weight.json (never asserted: the machine is shared).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { asAdmin, demoRule } from '../../sandbox/demo/liaison-demo';
import { assertAccessible, screenshot } from './support/browser';
import { sandboxPages } from './support/sandbox-pages';
import { initialFiles, recordUiFigures } from './support/ui-weight';

const FIRST_CONTENT_MARK = 'liaison:first-content';
const OWNER = { name: 'Acme Integration Owner', role: 'accountable' as const, email: 'owner@acme.example' };

let connectionId = '';
type Timing = { what: string; firstContentMs: number; firstContentfulPaintMs: number | null; entryScriptLoadedMs: number | null; bridgeCallsMs: number };
const firstContent: Timing[] = [];

const sandbox = sandboxPages({ sites: [{ name: 'acme' }, { name: 'globex' }] }, async (world) => {
  const invite = await asAdmin<{ code: string; connectionId: string }>(world, 'acme', 'admin/connections/invite', { contacts: [OWNER] });
  await asAdmin(world, 'globex', 'admin/connections/accept', { code: invite.code, contacts: [{ name: 'Globex Service Lead', role: 'accountable', email: 'lead@globex.example' }] });
  await world.settle();
  connectionId = invite.connectionId;
  await asAdmin(world, 'globex', 'admin/rules/save', { rule: demoRule(connectionId, 'GLX'), comment: 'globex side' });
  // acme rolls out to a pilot first, and only what an agent starts leaves. (Assignees stay here:
  // globex has no accounts for acme's agents, and this test is about the panel, not user mapping.)
  const base = demoRule(connectionId, 'ACME');
  const fields = Object.fromEntries(Object.entries(base.fields).filter(([field]) => field !== 'assignee'));
  const pilot = { ...base, fields, scope: { pilot: { labels: ['pilot-globex'], issueKeys: [] }, manualStart: true } };
  await asAdmin(world, 'acme', 'admin/rules/save', { rule: pilot, comment: 'pilot with globex' });
});

async function openIssue(site: string, key: string, query = ''): Promise<{ page: Page; panel: FrameLocator }> {
  const { page, panel } = await sandbox.open(`/${site}/browse/${key}${query}`, { viewport: { width: 1280, height: 1000 } });
  return { page, panel };
}

/**
 * Reloads until the panel shows `text` (bounded). The panel reads connections through the routed
 * configuration, rebuilt from Forge's eventually consistent index, so a pause or an end can reach it
 * a moment late (the sandbox can delay index reads as Forge may).
 */
async function reloadUntil(page: Page, panel: FrameLocator, text: string, tries = 6): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await panel.getByText(text, { exact: true }).waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (i >= tries) throw e;
      await sandbox.world.settle();
      await page.reload();
    }
  }
}

const panelFrame = (page: Page): Frame => page.frames().find((f) => f.url().includes('/__ui/issue-panel/')) ?? assert.fail('no issue panel frame');

/** The panel's own mark (content painted) and Chromium's first contentful paint, from the frame's navigation start. */
async function recordFirstContent(page: Page, what: string): Promise<void> {
  const frame = panelFrame(page);
  await frame.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_CONTENT_MARK);
  // Where the time goes: the entry script arriving, and the bridge calls (context, panel/get) before the content.
  const times = (await frame.evaluate((mark) => {
    const at = performance.getEntriesByName(mark)[0]!.startTime;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const entry = resources.find((r) => /\/assets\/index-[^/]+\.js$/.test(r.name));
    const bridge = resources.filter((r) => r.name.includes('bridge') && !r.name.endsWith('.js') && r.startTime < at);
    return {
      firstContentMs: at,
      firstContentfulPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      entryScriptLoadedMs: entry ? entry.responseEnd : null,
      bridgeCallsMs: bridge.reduce((n, r) => n + r.duration, 0),
    };
  }, FIRST_CONTENT_MARK)) as Omit<Timing, 'what'>;
  const round = (n: number | null) => (n === null ? null : Math.round(n));
  firstContent.push({ what, firstContentMs: Math.round(times.firstContentMs), firstContentfulPaintMs: round(times.firstContentfulPaintMs), entryScriptLoadedMs: round(times.entryScriptLoadedMs), bridgeCallsMs: Math.round(times.bridgeCallsMs) });
}

describe('the issue panel of the real app (acme ↔ globex)', () => {
  test('outside the pilot it says how to get in; with the label it waits for a start; Start shows what globex gets; then in sync', async () => {
    const { page, panel } = await openIssue('acme', 'ACME-1');
    await panel.getByText('Outside pilot', { exact: true }).waitFor();
    await recordFirstContent(page, 'outside the pilot');
    await panel.getByText(/is in its pilot: only issues labelled "pilot-globex" sync for now\./).waitFor();
    await panel.getByText('Add the label "pilot-globex" to bring it into the pilot, or ask Acme Integration Owner (owner@acme.example) to add ACME-1 to the pilot.').waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Start syncing…' }).count(), 0, 'no Start outside the pilot');
    // The first load fetched only what index.html names: the lazy parts stay on the server.
    const fetched = (await panelFrame(page).evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname))) as string[];
    const assets = fetched.filter((p) => p.includes('/assets/')).map((p) => p.slice(p.indexOf('assets/')));
    assert.deepEqual(assets.filter((a) => !initialFiles('issue-panel').includes(a)), [], `fetched beyond the entry: ${assets.join(', ')}`);
    await screenshot(page, 'sandbox-panel-outside-pilot');
    await assertAccessible(panelFrame(page), 'real panel, outside the pilot');

    await page.getByLabel('Labels (comma separated)').fill('login, customer, pilot-globex');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: /ACME-1:/ }).waitFor();
    await sandbox.world.settle();
    await page.reload();
    await panel.getByText('Not shared yet', { exact: true }).waitFor();
    await recordFirstContent(page, 'in the pilot, not started');
    await panel.getByText(/Issues in ACME are shared with .+ once an agent starts them; this one has not been started\./).waitFor();
    const heading = await panel.getByRole('heading', { level: 2 }).first().innerText();
    assert.match(heading, /^Not synced (with .+ )?yet$/);

    await panel.getByRole('button', { name: 'Start syncing…' }).click();
    const confirm = panel.getByRole('group', { name: /^Start syncing ACME-1 with .+\?$/ });
    await confirm.getByText('Login page returns 500 after password reset').waitFor();
    assert.ok(await confirm.getByText('Summary', { exact: true }).isVisible());
    await screenshot(page, 'sandbox-panel-start-preview');
    await assertAccessible(panelFrame(page), 'real panel, start preview');
    await confirm.getByRole('button', { name: 'Start syncing', exact: true }).click();
    await panel.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    await sandbox.world.settle();
    await page.reload();
    await panel.getByText('In sync', { exact: true }).waitFor();
    await recordFirstContent(page, 'in sync');
    assert.match((await panel.getByRole('heading', { level: 2 }).first().innerText()).trim(), /^GLX-\d+$/);
    await screenshot(page, 'sandbox-panel-in-sync');
    await page.close();
  });

  test('paused: "Paused", Sync now off with the reason, in the light and the dark theme', async () => {
    await asAdmin(sandbox.world, 'acme', 'admin/connections/change', { connectionId, change: 'pause' });
    for (const theme of ['light', 'dark'] as const) {
      const { page, panel } = await openIssue('acme', 'ACME-1', theme === 'dark' ? '?theme=dark' : '');
      await reloadUntil(page, panel, 'Paused');
      await recordFirstContent(page, `paused (${theme})`);
      assert.equal(await panel.getByText('In sync', { exact: true }).count(), 0, 'never "In sync" while paused');
      assert.equal(await panel.getByRole('button', { name: 'Sync now' }).isDisabled(), true);
      await panel.getByText('Sync now is off while the connection is paused.').waitFor();
      if (theme === 'dark') await panelFrame(page).waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark' && getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)');
      await screenshot(page, `sandbox-panel-paused-${theme}`);
      await assertAccessible(panelFrame(page), `real panel, paused, ${theme}`);
      await page.close();
    }
    await asAdmin(sandbox.world, 'acme', 'admin/connections/change', { connectionId, change: 'resume' });
    const { page, panel } = await openIssue('acme', 'ACME-1');
    await reloadUntil(page, panel, 'In sync');
    assert.equal(await panel.getByRole('button', { name: 'Sync now' }).isEnabled(), true);
    await page.close();
  });

  test('globex ends the connection: the linked issue says "Ended" and offers nothing; others say the connection ended', async () => {
    await asAdmin(sandbox.world, 'globex', 'admin/connections/change', { connectionId, change: 'delete' });
    await sandbox.world.settle();
    const { page, panel } = await openIssue('acme', 'ACME-1');
    await reloadUntil(page, panel, 'Ended');
    await recordFirstContent(page, 'ended');
    await panel.getByText(/ended the connection on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, so this issue no longer syncs\./).waitFor();
    for (const name of ['Sync now', 'Unlink']) assert.equal(await panel.getByRole('button', { name }).count(), 0, `${name} not offered`);
    await screenshot(page, 'sandbox-panel-ended');
    await assertAccessible(panelFrame(page), 'real panel, ended');
    await page.close();
    const other = await openIssue('acme', 'ACME-2');
    await other.panel.getByRole('heading', { name: /^Connection with .+ ended$/ }).waitFor();
    assert.equal(await other.panel.getByRole('button').count(), 0, 'no action on an ended connection');
    await other.page.close();
  });

  test('first-content times are reported; no script errors or CSP refusals on any page', () => {
    const times = firstContent.map((f) => f.firstContentMs).sort((a, b) => a - b);
    recordUiFigures('issuePanelFirstContentSandbox', { loads: firstContent, medianMs: times[Math.floor(times.length / 2)] ?? null, maxMs: times[times.length - 1] ?? null, note: 'ms from the panel iframe navigation start to the panel content painted (performance mark liaison:first-content); shared 2-core machine, not asserted' });
    assert.equal(firstContent.length, 6, 'every panel load was measured');
    assert.deepEqual(sandbox.problems(), []);
  });
});
