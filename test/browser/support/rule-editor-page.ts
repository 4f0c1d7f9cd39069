// What an admin does on the Sharing rules tab, shared by the rule editor's browser tests: open the
// tab, pick from a select, and save with a comment, seeing Jira's flag name the new version.
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { OpenedPage, SandboxPages } from './sandbox-pages';

/** Opens a site's admin page on the Sharing rules tab, once a version is shown in force. */
export async function openRules(sandbox: SandboxPages, site = 'acme', query = ''): Promise<OpenedPage> {
  const opened = await sandbox.open(`/${site}/admin${query}`);
  await opened.ui.getByRole('tab', { name: 'Sharing rules' }).click();
  await opened.ui.getByText(/^Version \d+ is in force\.$/).waitFor();
  return opened;
}

/** Opens a select by its accessible name and picks the option (typing first, where given). */
export async function pick(ui: FrameLocator, label: string, option: string, typed?: string): Promise<void> {
  const box = ui.getByLabel(label, { exact: true });
  await box.click();
  if (typed) await box.fill(typed);
  await ui.getByRole('option', { name: option, exact: true }).click();
}

/** Saves with a comment; Jira's flag (outside the app's iframe) names the version, the footer goes. */
export async function saveAndExpectFlag(page: Page, ui: FrameLocator, comment: string, version: number): Promise<void> {
  await ui.getByLabel(/What changed and why/).fill(comment);
  await ui.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Rule saved as version ${version}` }).waitFor();
  await ui.getByText(`Version ${version} is in force.`).waitFor();
  assert.equal(await ui.getByRole('region', { name: 'Unsaved changes' }).count(), 0, 'the footer goes once the draft is the saved version');
}
