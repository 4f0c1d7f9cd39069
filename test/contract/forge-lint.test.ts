// `forge lint` (and `forge deploy`, which lints first) runs @forge/lint's client-side checks over
// src/ with the manifest. Here the same checks run offline on every file the CLI would give them:
// a lint error here is one `forge deploy` would stop on. Its permission check sees only
// requestJira calls written out at the call site; the scopes of calls made through the Jira
// adapter's client are proven by scopes.test.ts.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { appRoot } from '../support/paths';
import type { LintReport } from './support/forge-lint';

const SCRIPT = join(appRoot, 'test/contract/support/forge-lint.ts');

const GUARD_APP = join(appRoot, 'test/fixtures/apps/lint-missing-scope');

/** Lints each folder in one child process (see lintEach in the script). */
function forgeLint(appDirs: string[]): LintReport[] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...appDirs], { cwd: appRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `@forge/lint could not run:\n${run.stderr}${run.error?.message ?? ''}`);
  const reports = JSON.parse(run.stdout) as LintReport[];
  assert.equal(reports.length, appDirs.length);
  return reports;
}

const describeProblems = (ps: LintReport['errors']) => ps.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} (${p.reference ?? ''})`).join('\n');

describe('forge lint, offline', () => {
  let app: LintReport;
  let guard: LintReport;
  before(() => {
    const [a, g] = forgeLint([appRoot, GUARD_APP]);
    assert.ok(a && g);
    [app, guard] = [a, g];
  });

  test('reads every TypeScript file in src/ and finds no error', (t) => {
    const report = app;
    t.diagnostic(`@forge/lint parsed ${report.parsedTsFiles} files; ${report.errors.length} errors, ${report.warnings.length} warnings`);
    for (const w of report.warnings) t.diagnostic(`warning: ${describeProblems([w])}`);
    // tsconfig.json's include decides which of the .ts files the CLI hands lint it parses at all;
    // bare folder names match none, and lint then reports "No issues found" having read nothing.
    assert.ok(report.files.includes('src/index.ts'), 'the CLI file list misses src/index.ts');
    assert.equal(report.parsedTsFiles, report.files.filter((f) => /\.tsx?$/.test(f)).length, 'lint skipped TypeScript files (check tsconfig.json include patterns)');
    assert.deepEqual(report.errors, [], describeProblems(report.errors));
  });

  test('catches a requestJira call whose scope the manifest lacks (guards the test above)', () => {
    const report = guard;
    assert.equal(report.parsedTsFiles, 1);
    assert.match(describeProblems(report.errors), /src\/index\.ts:4:\d+ Jira endpoint: POST \/rest\/api\/3\/workflows requires "manage:jira-configuration" scope/);
  });
});
