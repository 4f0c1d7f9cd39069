// The sandbox world of a browser test. It runs on the wall clock, with Forge's product-event delay
// turned down to none: the pages run in Chromium on the wall clock and show times relative to it (a
// manual clock would put the sandbox minutes ahead of the page), and the tests wait on what the page
// shows, so each change would take up to 3 real minutes. The delay is tested on the manual clock (the
// Jira ↔ Jira and ServiceNow suites, jira-jira/forge-strict). Everything else is the platform's
// default (queue retries and limits, storage as sandbox/platform/README.md says).
import { SandboxWorld, type WorldOptions } from '../../../sandbox/world';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startBrowserWorld(options: Omit<WorldOptions, 'clock' | 'productEvents'>): Promise<SandboxWorld> {
  const world = await SandboxWorld.start({ ...options, productEvents: { maxDelayMs: 0 } });
  // settle() on a manual clock moves time until every storage write shows in index queries; on the
  // wall clock it returns once nothing runs, while Forge's index lag (storage strictness) can still
  // hide a write for a moment of real time. Here it waits that moment out, and settles again for
  // whatever the writes that became visible set going.
  const settleRunning = world.settle.bind(world);
  world.settle = async () => {
    for (;;) {
      await settleRunning();
      const due = [...world.sites.values()].map((s) => s.installation.store.viewCurrentAt() ?? 0);
      const wait = Math.max(0, ...due) - Date.now();
      if (wait <= 0) return;
      await sleep(wait);
    }
  };
  return world;
}
