// The issue panel's weight budget, measured on the real build: what its index.html loads is at
// most 120 kB gzipped, and of Atlaskit's ~20 design-token theme chunks only the ones Jira hands a
// Custom UI are shipped. Deterministic (file sizes), so it is asserted; times are only reported.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureUiBuilt } from '../../browser/support/build-ui';
import { kb, recordUiFigures, uiWeight } from '../../browser/support/ui-weight';

const PANEL_BUDGET_GZIP = 120_000;
/** SHIPPED_THEMES in static/vite-weight-plugins.mts, by their chunk names. */
const THEME_CHUNKS = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];
const isThemeChunk = (file: string) => /^assets\/(atlassian-|UNSAFE-|custom-theme)/.test(file);
const themeName = (file: string) => file.replace(/^assets\//, '').replace(/-[A-Za-z0-9_-]{8}\.js$/, '');

before(() => ensureUiBuilt());

describe('UI weight', () => {
  test('the issue panel loads at most 120 kB gzipped (JS and CSS its page loads)', () => {
    const panel = uiWeight('issue-panel');
    recordUiFigures('issuePanel', { initialGzipBytes: panel.gzipBytes, initialBytes: panel.bytes, files: panel.files, lazyChunks: panel.otherChunks });
    assert.ok(panel.files.some((f) => f.file.endsWith('.js')) && panel.files.some((f) => f.file.endsWith('.css')), 'the page loads a script and a stylesheet');
    assert.ok(panel.gzipBytes <= PANEL_BUDGET_GZIP, `issue panel loads ${kb(panel.gzipBytes)} gzipped, over the ${kb(PANEL_BUDGET_GZIP)} budget: ${JSON.stringify(panel.files)}`);
  });

  test('the admin page is measured and reported (no budget yet)', () => {
    const admin = uiWeight('admin');
    recordUiFigures('admin', { initialGzipBytes: admin.gzipBytes, initialBytes: admin.bytes, files: admin.files, lazyChunks: admin.otherChunks });
    assert.ok(admin.gzipBytes > 0);
  });

  test('only the theme chunks Jira uses are built, in both UIs', () => {
    for (const app of ['issue-panel', 'admin'] as const) {
      const themes = uiWeight(app).otherChunks.filter(isThemeChunk).map(themeName);
      assert.deepEqual(themes.filter((t) => !THEME_CHUNKS.includes(t)), [], `${app} ships unused theme chunks`);
    }
  });
});
