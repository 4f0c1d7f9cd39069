#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner, TypeScript loaded through tsx.
// Node 20's `--test` does not expand globs or pick up .ts files by itself, hence this finder.
// Usage: node scripts/run-tests.mjs [path-substring ...]   (filters which files run)
//
// Unit and sandbox test files need no process of their own: each is loaded into one process per
// folder (a generated file imports them in order), because starting Node and tsx for each of
// ~140 small files cost more CPU than the tests themselves (about 190 s of CPU against 25 s for
// test/unit on this 2-core machine). Integration, contract and browser files keep a process each:
// they start sandbox worlds, browsers and child processes. LIAISON_TEST_ISOLATE=1 gives every file
// its own process again, to tell an isolation problem from a real failure.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new globalThis.URL('..', import.meta.url));
const filters = process.argv.slice(2);
const GROUPED = ['test/unit/', 'test/sandbox/'];

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(full).isDirectory()) out.push(...find(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = find(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const isolate = process.env.LIAISON_TEST_ISOLATE === '1';
const groupDir = mkdtempSync(join(tmpdir(), 'liaison-tests-'));
const groups = [];
const grouped = new Set();
for (const prefix of GROUPED) {
  const members = files.filter((f) => f.startsWith(prefix));
  if (isolate || members.length < 2) continue;
  const name = join(groupDir, `${prefix.replaceAll('/', '-').replace(/-$/, '')}.test.mjs`);
  const lines = members.map((f) => `await import(${JSON.stringify(pathToFileURL(join(root, f)).href)});`);
  writeFileSync(name, `// ${members.length} files of ${prefix}, in one process (scripts/run-tests.mjs)\n${lines.join('\n')}\n`);
  groups.push(name);
  for (const f of members) grouped.add(f);
  console.log(`${prefix}: ${members.length} files in one process`);
}
const alone = files.filter((f) => !grouped.has(f));

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...groups, ...alone],
  { cwd: root, stdio: 'inherit', env: { ...process.env, LIAISON_TEST: '1' } },
);
rmSync(groupDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
