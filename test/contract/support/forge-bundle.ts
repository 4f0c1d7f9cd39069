// Bundles the app the way `forge deploy` does, offline: the Forge CLI's own manifest reader lists
// the handlers, and @forge/bundler (the version @forge/cli pins) builds them with its webpack and
// ts-loader configuration over this repo's tsconfig.json. Only the runtime wrapper, which the CLI
// downloads from Atlassian's CDN and adds beside the bundle, is stubbed: it is not part of what we
// build. Run as a script (the bundler needs `require.main` and the app folder as working folder,
// as under the CLI): `node --import tsx forge-bundle.ts [app folder]` prints one JSON report.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

export type BundleReport = {
  handlers: string[];
  files: Array<{ name: string; bytes: number }>;
  /** Bytes of JavaScript the runtime loads (the .cjs files, source maps not counted). */
  codeBytes: number;
  /** Project files the bundle holds, relative to the app folder. */
  projectSources: string[];
  /** npm packages the bundle holds. */
  packages: string[];
  /** Packages in the bundle that carry native code (a .node binary or a node-gyp build). */
  nativePackages: string[];
  /** Names each bundled entry module exports, by entry name. */
  exports: Record<string, string[]>;
};

const bundlerRequire = createRequire(require.resolve('@forge/bundler'));

/**
 * Installed globally, @forge/cli keeps its own TypeScript (the version it pins) next to ts-loader.
 * In this repo ts-loader is hoisted beside the project's newer TypeScript, so point ts-loader's
 * `require('typescript')` at the copy @forge/bundler pins, as on a developer's machine.
 */
function pinTsLoaderTypeScript(): void {
  const pinned = bundlerRequire.resolve('typescript');
  const mod = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  mod._resolveFilename = (request, parent, ...rest) =>
    request === 'typescript' && parent?.filename?.includes(`${join('node_modules', 'ts-loader')}`) ? pinned : original(request, parent, ...rest);
}

/** The folder of the npm package an absolute source path lies in (scoped names kept whole). */
function packageDirOf(source: string): string | undefined {
  const at = source.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const rest = source.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? rest.slice(0, 2).join('/') : rest[0];
  return name ? join(source.slice(0, at), 'node_modules', name) : undefined;
}

function carriesNativeCode(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { gypfile?: boolean };
  if (manifest.gypfile || existsSync(join(dir, 'binding.gyp'))) return true;
  const walk = (d: string): boolean =>
    readdirSync(d, { withFileTypes: true }).some((e) => (e.isDirectory() ? e.name !== 'node_modules' && walk(join(d, e.name)) : e.name.endsWith('.node')));
  return walk(dir);
}

export async function bundleLikeForgeDeploy(appDir: string): Promise<BundleReport> {
  process.chdir(appDir); // the CLI reads manifest.yml, src/ and tsconfig.json from the working folder
  pinTsLoaderTypeScript();
  const shared = bundlerRequire('@forge/cli-shared') as typeof import('@forge/cli-shared');
  const bundler = bundlerRequire('@forge/bundler') as typeof import('@forge/bundler');
  const configFile = new shared.ConfigFile(new shared.FileSystemReader(), new shared.FileSystemWriter());
  const handlers = await configFile.getAppHandlers();
  const stubWrapper = {
    getNodeRuntimeWrapper: async () => ({ script: '// Forge runtime wrapper (downloaded by the CLI; stubbed offline)\n', source: 'stub', version: 'stub' }),
    getNodeRuntimeLoader: async () => undefined,
  };
  const quiet = { info: () => undefined, warn: (m: string) => process.stderr.write(`bundler warning: ${m}\n`), debug: () => undefined };
  const statsig = {}; // consulted only for the EAP `typescript` bundler, which the manifest does not choose
  const nodeBundler = bundler.getNodeBundler(quiet as never, stubWrapper as never, configFile, statsig as never);
  const result = await nodeBundler.bundle({ appDirectory: appDir, entryPoints: bundler.getEntryPoints(handlers) });
  try {
    const names = readdirSync(result.outputDir);
    const files = names.map((name) => ({ name, bytes: statSync(join(result.outputDir, name)).size }));
    const sources = new Set<string>();
    for (const map of names.filter((n) => n.endsWith('.map'))) {
      for (const s of (JSON.parse(readFileSync(join(result.outputDir, map), 'utf8')) as { sources: string[] }).sources) sources.add(s);
    }
    // webpack names sources `webpack://<package name>/<path relative to the app folder>`.
    const paths = [...sources].filter((s) => s.startsWith('webpack://')).map((s) => s.replace(/^webpack:\/\/[^/]*\//, ''));
    const absolute = paths.filter((p) => p.startsWith('./') || p.startsWith('../')).map((p) => resolve(appDir, p));
    const projectSources = absolute.filter((p) => !p.includes('/node_modules/')).map((p) => relative(appDir, p)).sort();
    const packageDirs = new Map<string, string>();
    for (const dir of absolute.map(packageDirOf)) if (dir) packageDirs.set(dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length), dir);
    const packages = [...packageDirs.keys()].sort();
    const exports: Record<string, string[]> = {};
    for (const entry of new Set(handlers.map((h) => h.module))) {
      // Loading the bundle is what Forge's runtime does first: a module that throws on load fails here.
      const loaded = createRequire(join(result.outputDir, 'package.json'))(`./${entry}.cjs`) as object;
      exports[entry] = Object.keys(loaded).sort();
    }
    return {
      handlers: handlers.map((h) => `${h.module}.${h.func}`),
      files,
      codeBytes: files.filter((f) => f.name.endsWith('.cjs')).reduce((n, f) => n + f.bytes, 0),
      projectSources,
      packages,
      nativePackages: packages.filter((p) => carriesNativeCode(packageDirs.get(p) as string)),
      exports,
    };
  } finally {
    rmSync(result.outputDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  bundleLikeForgeDeploy(resolve(process.argv[2] ?? join(dirname(__filename), '..', '..', '..'))).then(
    (report) => process.stdout.write(JSON.stringify(report)),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
