// Headless Chromium through playwright-core — always the build the lockfile pins (see
// pinned-chromium.ts), never a system browser — plus the checks every page gets: screenshots as
// artifacts, axe-core with no serious or critical violations, no CSP or script errors.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { ROOT } from './build-ui';
import { pinnedChromium } from './pinned-chromium';

const ARTIFACTS = join(ROOT, 'test-artifacts');

export async function launchBrowser(): Promise<Browser> {
  const pinned = await pinnedChromium();
  try {
    return await chromium.launch({
      executablePath: pinned.executablePath,
      env: pinned.env,
      // Without --disable-background-networking Chromium keeps dialling Google's hosts, which a
      // closed network refuses many at a time.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (e) {
    throw new Error(`cannot start the pinned Chromium ${pinned.version} at ${pinned.executablePath} (run npm ci): ${e instanceof Error ? e.message : e}`);
  }
}

/** Page errors and CSP refusals, collected so a test can assert there were none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/** Runs axe-core in the page (or frame) and fails on serious or critical violations. */
export async function assertAccessible(target: Page | Frame, label: string): Promise<void> {
  // evaluate() runs outside the page's CSP, as browser extensions do, so the app's CSP stays on.
  await target.evaluate(AXE_SOURCE);
  const violations = (await target.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${label}: axe found serious/critical violations:\n${JSON.stringify(bad, null, 2)}`);
}

// In-page expression: the text of the focused control. Only controls count, because a focusable
// container (a tab panel) contains every label below it.
const FOCUSED_CONTROL_TEXT = `(() => {
  const el = document.activeElement;
  const control = el && (/^(BUTTON|A|INPUT|SELECT|TEXTAREA)$/.test(el.tagName) || /^(tab|checkbox|button|link|option|combobox)$/.test(el.getAttribute('role') || ''));
  if (!control) return '';
  return [el.getAttribute('aria-label') || '', el.innerText || '', el.value || '', el.id].join(' ').trim();
})()`;

/**
 * Presses Tab until the element matching `name` has focus; proves it is reachable by keyboard.
 * Returns how many presses it took.
 */
export async function tabTo(target: Page, frame: Page | Frame, accessibleText: RegExp, maxPresses = 80): Promise<number> {
  for (let i = 1; i <= maxPresses; i++) {
    await target.keyboard.press('Tab');
    const focused = (await frame.evaluate(FOCUSED_CONTROL_TEXT)) as string;
    if (accessibleText.test(focused)) return i;
  }
  throw new Error(`no element matching ${accessibleText} got focus within ${maxPresses} Tab presses`);
}

/** Polls until `check` holds (bounded); for effects the page causes outside the DOM. */
export async function eventually(check: () => boolean, what: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}
