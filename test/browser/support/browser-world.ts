// The sandbox world of a browser test. It runs on the wall clock, with Forge's product-event delay
// turned down to none: the pages run in Chromium on the wall clock and show times relative to it (a
// manual clock would put the sandbox minutes ahead of the page), and the tests wait on what the page
// shows, so each change would take up to 3 real minutes. The delay is tested on the manual clock (the
// Jira ↔ Jira and ServiceNow suites, jira-jira/forge-strict). Everything else is the platform's
// default (queue retries and limits, storage as sandbox/platform/README.md says).
import { SandboxWorld, type WorldOptions } from '../../../sandbox/world';

export function startBrowserWorld(options: Omit<WorldOptions, 'clock' | 'productEvents'>): Promise<SandboxWorld> {
  return SandboxWorld.start({ ...options, productEvents: { maxDelayMs: 0 } });
}
