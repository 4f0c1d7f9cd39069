// `forge deploy` bundles the backend with @forge/bundler (webpack + ts-loader over tsconfig.json)
// before anything reaches Atlassian. Here the same bundler, at the version @forge/cli pins, bundles
// every handler the manifest names, offline; the deploy would fail where this fails. What the
// bundle holds is checked too: only src/ code (never the sandbox or tests) and no native modules,
// which Forge's runtime cannot load.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { appRoot } from '../support/paths';
import type { BundleReport } from './support/forge-bundle';

const SCRIPT = join(appRoot, 'test/contract/support/forge-bundle.ts');

type Outcome = { ok: true; report: BundleReport } | { ok: false; error: string };

function bundle(appDir: string): Outcome {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, appDir], { cwd: appRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) return { ok: false, error: `${run.stderr}${run.error?.message ?? ''}` };
  return { ok: true, report: JSON.parse(run.stdout) as BundleReport };
}

function bundled(appDir: string): BundleReport {
  const outcome = bundle(appDir);
  assert.ok(outcome.ok, `@forge/bundler failed, so forge deploy would fail:\n${outcome.ok ? '' : outcome.error}`);
  return outcome.report;
}

/** Bundled project files outside the app's src/, named from the repository root. */
function foreignSources(report: BundleReport, appDir: string): string[] {
  return report.projectSources.filter((p) => !p.startsWith('src/')).map((p) => relative(appRoot, resolve(appDir, p)));
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

describe('the app, bundled as forge deploy bundles it', () => {
  test('every handler bundles, carries only src/ code and no native module, and is exported', (t) => {
    const report = bundled(appRoot);
    t.diagnostic(
      `bundle: ${report.files.map((f) => `${f.name} ${f.bytes} bytes (${kib(f.bytes)})`).join(', ')}; ` +
        `${report.projectSources.length} files from src/; packages: ${report.packages.join(', ')}`,
    );
    assert.deepEqual(foreignSources(report, appRoot), [], 'the bundle holds code from outside src/');
    assert.deepEqual(report.nativePackages, [], 'the bundle holds native modules, which Forge cannot load');
    for (const handler of report.handlers) {
      const [entry, name] = handler.split('.') as [string, string];
      assert.ok(report.exports[entry]?.includes(name), `the bundled ${entry}.cjs does not export ${name}`);
    }
    assert.ok(report.handlers.length > 0 && report.codeBytes > 0);
  });
});

describe('the bundle checks catch what must not ship', () => {
  test('a handler that reaches into the sandbox, test code and a native module is refused on each count', () => {
    const dir = join(appRoot, 'test/fixtures/apps/bundle-leak');
    const report = bundled(dir);
    assert.deepEqual(foreignSources(report, dir), ['sandbox/jira/time.ts', 'test/contract/support/leaked-test-code.ts']);
    assert.deepEqual(report.nativePackages, ['better-sqlite3']);
  });

  test('a tsconfig.json with noEmit fails the bundle, as it fails forge deploy', () => {
    const outcome = bundle(join(appRoot, 'test/fixtures/apps/bundle-noemit'));
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.error, /TypeScript emitted no output/);
  });
});
