// The sandbox world of a browser test, on a manual clock as in the integration suites: Forge's
// product-event delay and the storage index lag are on, and `world.settle()` moves time until what
// is on its way has landed. The pages' own timers run in Chromium's real time; only the sandbox's
// time (and Date in this process) stands still between settles, so a page that saves and reloads
// must show what was saved without time passing, as a user reloading at once would see it.
import { SandboxClock } from '../../../sandbox/platform';
import { SandboxWorld, type WorldOptions } from '../../../sandbox/world';

export function startBrowserWorld(options: Omit<WorldOptions, 'clock'>): Promise<SandboxWorld> {
  return SandboxWorld.start({ ...options, clock: new SandboxClock({ mode: 'manual' }) });
}
