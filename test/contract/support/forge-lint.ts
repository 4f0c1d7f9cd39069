// Runs @forge/lint's client-side checks (the ones `forge lint` and `forge deploy` run on this
// machine; the server-side ones need a login) the way the Forge CLI's LintService does: every
// file under src/ (minus .gitignore'd ones), parsed with this repo's tsconfig.json, against the
// manifest the CLI reads. The one remote input, Statsig's list of deprecated runtimes, takes the
// CLI's own offline fallback (none). Run as a script from any folder:
// `node --import tsx forge-lint.ts [app folder ...]` prints a JSON array of reports, one per folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type LintProblem = { file: string; line: number; column: number; message: string; reference?: string };
export type LintReport = { files: string[]; parsedTsFiles: number; errors: LintProblem[]; warnings: LintProblem[] };

const REPO = join(__dirname, '..', '..', '..');

type Result = { file: string; errors: LintProblem[]; warnings: LintProblem[] };

/**
 * The permission linter maps requestJira paths to scopes through Atlassian's OpenAPI files, which
 * it downloads; the CLI's own USE_LOCAL_SWAGGER switch points it at files instead. Jira's is the
 * copy in ../shared/contracts; the app calls no Jira Service Management, Jira Software, Confluence
 * or Bitbucket API, so those get an empty description.
 */
function useLocalOpenApi(): void {
  const none = join(mkdtempSync(join(tmpdir(), 'liaison-lint-')), 'no-paths.json');
  writeFileSync(none, JSON.stringify({ paths: {} }));
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: 'true',
    LOCAL_JIRA_SWAGGER: join(REPO, '..', 'shared', 'contracts', 'jira-platform-openapi.json'),
    LOCAL_JSM_SWAGGER: none,
    LOCAL_JSW_SWAGGER: none,
    LOCAL_CONF_SWAGGER: none,
    LOCAL_CONF_V2_SWAGGER: none,
    LOCAL_BB_SWAGGER: none,
  });
}

export async function forgeLint(appDir: string): Promise<LintReport> {
  useLocalOpenApi();
  process.chdir(appDir);
  const lintRequire = createRequire(require.resolve('@forge/lint'));
  const shared = lintRequire('@forge/cli-shared') as typeof import('@forge/cli-shared');
  const { lint } = lintRequire('@forge/lint') as typeof import('@forge/lint');
  const reader = new shared.FileSystemReader();
  const configFile = new shared.ConfigFile(reader, new shared.FileSystemWriter());
  const exclude = [...(await shared.listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const files = await reader.recursiveReadDir('./src', exclude);
  const { include, exclude: tsExclude } = await shared.listTSConfigIncludeExclude(reader);
  const excluded = new Set(tsExclude);
  const parsedTsFiles = files.filter((f) => /\.tsx?$/.test(f) && include.includes(resolve(f)) && !excluded.has(resolve(f))).length;
  const logger = { info: () => undefined, warn: () => undefined, debug: () => undefined };
  const statsig = { getDeprecatedRuntimes: async () => [] };
  const results = (await lint(files, await configFile.readConfig(), 'development', logger as never, statsig as never, {
    linter: { mode: 'client-side' },
  } as never)) as unknown as Result[];
  const pick = (key: 'errors' | 'warnings') =>
    results.flatMap((r) => r[key].map((p) => ({ file: r.file, line: p.line, column: p.column, message: p.message, reference: p.reference })));
  return { files, parsedTsFiles, errors: pick('errors'), warnings: pick('warnings') };
}

// Several folders in one process: compiling @forge/lint's manifest schema (ajv) is most of a
// run's CPU time, and the compiled schema is kept between folders.
async function lintEach(appDirs: string[]): Promise<LintReport[]> {
  const reports: LintReport[] = [];
  for (const dir of appDirs) reports.push(await forgeLint(resolve(dir)));
  return reports;
}

if (require.main === module) {
  const dirs = process.argv.slice(2);
  lintEach(dirs.length > 0 ? dirs : [REPO]).then(
    (reports) => process.stdout.write(JSON.stringify(reports)),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
