// Browser tests run against the real built Custom UI. A clean clone has no build, so the first
// test builds it with the project's own Vite configs (the same as `npm run build:ui`). Test files
// run in parallel processes, so one build at a time, behind a lock directory.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const UI_APPS = ['issue-panel', 'admin'] as const;
export type UiApp = (typeof UI_APPS)[number];

export const buildDir = (app: UiApp): string => join(ROOT, 'static', app, 'build');
const built = (app: UiApp): boolean => existsSync(join(buildDir(app), 'index.html'));

const LOCK = join(tmpdir(), `liaison-ui-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
const STALE_MS = 5 * 60_000;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock(work: () => void): void {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another process builds; a lock left by a crashed run is taken over once stale.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      sleep(200);
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureUiBuilt(): void {
  if (UI_APPS.every(built)) return;
  withLock(() => {
    for (const app of UI_APPS) {
      if (built(app)) continue;
      const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
      const run = spawnSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'static', app, 'vite.config.mts')], { cwd: ROOT, encoding: 'utf8' });
      if (run.status !== 0 || !built(app)) throw new Error(`could not build the ${app} Custom UI (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
  });
}
