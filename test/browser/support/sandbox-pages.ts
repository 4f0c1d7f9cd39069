// The start-up every browser test on the real app shares: the sandbox world (browser-world.ts: wall
// clock, no product-event delay), the Jira-like pages that host the built Custom UIs, and the pinned
// Chromium. `sandboxPages()` starts them before the file's tests (after the file's own set-up of
// connections and rules) and closes them after; every page opened through it is watched for script
// errors and CSP refusals, which the file asserts are none.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import type { SiteSeed } from '../../../sandbox/jira';
import type { SandboxWorld, WorldOptions } from '../../../sandbox/world';
import { startWebUi, type WebUi } from '../../../sandbox/web';
import { appRoot } from '../../support/paths';
import { launchBrowser, watchProblems } from './browser';
import { startBrowserWorld } from './browser-world';
import { ensureUiBuilt } from './build-ui';

type WorldSetup = Omit<WorldOptions, 'clock' | 'productEvents' | 'appDir'> & { appDir?: string };
type Viewport = { width: number; height: number };

export type OpenedPage = {
  page: Page;
  /** The app's page module beside Jira's chrome: the admin page or the project settings page. */
  ui: FrameLocator;
  /** The issue panel beside an issue view. */
  panel: FrameLocator;
  /** A Custom UI module's frame (for axe and focus checks); by default the one the path shows. */
  frame: (module?: 'admin-page' | 'issue-panel' | 'project-settings') => Frame;
};

export type SandboxPages = {
  readonly world: SandboxWorld;
  readonly web: WebUi;
  readonly browser: Browser;
  /** Opens a sandbox page (`/acme/admin`, `/acme/browse/ACME-1?theme=dark`) in a new tab. */
  open(path: string, options?: { viewport?: Viewport; timeoutMs?: number }): Promise<OpenedPage>;
  /** Script errors and CSP refusals on every page opened so far. */
  problems(): string[];
};

/** A site without the "Highest" priority: a value acme can set and the partner has no place for. */
export const withoutHighest = (seed: SiteSeed): SiteSeed => ({ ...seed, priorities: seed.priorities.filter((p) => p.name !== 'Highest') });

const defaultModule = (path: string) => (path.includes('/browse/') ? 'issue-panel' : path.includes('/settings') ? 'project-settings' : 'admin-page');

/**
 * Registers the file's before/after hooks. `setup` runs on the started world (connect, save rules,
 * create traffic); the world then settles before the pages and the browser start.
 */
export function sandboxPages(options: WorldSetup, setup?: (world: SandboxWorld) => Promise<void>): SandboxPages {
  let world: SandboxWorld | undefined;
  let web: WebUi | undefined;
  let browser: Browser | undefined;
  const problemLists: string[][] = [];
  const started = <T>(what: string, value: T | undefined): T => value ?? assert.fail(`the browser world's ${what} is not started (used outside a test?)`);

  before(async () => {
    ensureUiBuilt();
    world = await startBrowserWorld({ ...options, appDir: options.appDir ?? appRoot });
    if (setup) await setup(world);
    await world.settle();
    web = await startWebUi(world);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await web?.close();
    await world?.close();
  });

  return {
    get world() {
      return started('sandbox world', world);
    },
    get web() {
      return started('web pages', web);
    },
    get browser() {
      return started('browser', browser);
    },
    async open(path, { viewport = { width: 1280, height: 900 }, timeoutMs = 20_000 } = {}) {
      const page = await started('browser', browser).newPage({ viewport });
      page.setDefaultTimeout(timeoutMs);
      problemLists.push(watchProblems(page));
      await page.goto(`${started('web pages', web).origin}${path}`);
      const frame = (module: string = defaultModule(path)) => page.frames().find((f) => f.url().includes(`/__ui/${module}/`)) ?? assert.fail(`no ${module} frame on ${path}`);
      return { page, ui: page.frameLocator('iframe.page'), panel: page.frameLocator('iframe.panel'), frame };
    },
    problems: () => problemLists.flat(),
  };
}
