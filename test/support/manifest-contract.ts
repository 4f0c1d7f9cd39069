// Cross-checks between manifest.yml, the backend exports and the Custom UI sources, shared by the
// contract test for the real app and its guard test on a deliberately broken fixture app.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

type FunctionModule = { key: string; handler: string };
type Resource = { key: string; path: string };
type UiModule = { key: string; resource?: string; resolver?: { function?: string } };
type Manifest = { modules?: Record<string, unknown[]>; resources?: Resource[] };

export function readManifest(appDir: string): Manifest {
  return parse(readFileSync(join(appDir, 'manifest.yml'), 'utf8')) as Manifest;
}

function functionModules(m: Manifest): FunctionModule[] {
  return (m.modules?.function ?? []) as FunctionModule[];
}

async function importHandlerFile(appDir: string, file: string): Promise<Record<string, unknown>> {
  for (const ext of ['ts', 'tsx', 'js']) {
    const candidate = join(appDir, 'src', `${file}.${ext}`);
    if (existsSync(candidate)) return (await import(pathToFileURL(candidate).href)) as Record<string, unknown>;
  }
  throw new Error(`no source file for handler file "${file}"`);
}

/** Every `function` handler `file.export` must be a function exported by src/file. */
export async function missingHandlers(appDir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const fn of functionModules(readManifest(appDir))) {
    const dot = fn.handler.lastIndexOf('.');
    const file = fn.handler.slice(0, dot);
    const name = fn.handler.slice(dot + 1);
    const mod = await importHandlerFile(appDir, file);
    if (typeof mod[name] !== 'function') problems.push(`${fn.key}: ${fn.handler} is not an exported function`);
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'build' ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|jsx)$/.test(name) ? [full] : [];
  });
}

/** Keys passed to `invoke('key', …)` (also `invoke<T>('key')`) anywhere under dir. */
export function invokedKeys(dir: string): string[] {
  const keys = new Set<string>();
  const pattern = /\binvoke\s*(?:<[^>()]*>)?\s*\(\s*['"`]([^'"`]+)['"`]/g;
  for (const file of sourceFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) keys.add(match[1]!);
  }
  return [...keys].sort();
}

/**
 * For each Custom UI module, every key its UI source invokes must be defined by the module's
 * resolver. The resolver is asked the way Forge asks it; "has no definition" means missing.
 */
export async function undefinedInvokes(appDir: string): Promise<string[]> {
  const manifest = readManifest(appDir);
  const resources = new Map((manifest.resources ?? []).map((r) => [r.key, r]));
  const functions = new Map(functionModules(manifest).map((f) => [f.key, f]));
  const problems: string[] = [];
  for (const [type, list] of Object.entries(manifest.modules ?? {})) {
    for (const ui of list as UiModule[]) {
      if (!ui.resource) continue;
      const resource = resources.get(ui.resource);
      if (!resource) { problems.push(`${type} ${ui.key}: unknown resource ${ui.resource}`); continue; }
      const srcDir = join(appDir, dirname(resource.path), 'src');
      const keys = invokedKeys(srcDir);
      if (keys.length === 0) continue;
      const fn = ui.resolver?.function ? functions.get(ui.resolver.function) : undefined;
      if (!fn) { problems.push(`${type} ${ui.key}: invokes ${keys.join(', ')} but has no resolver function`); continue; }
      const dot = fn.handler.lastIndexOf('.');
      const mod = await importHandlerFile(appDir, fn.handler.slice(0, dot));
      const handler = mod[fn.handler.slice(dot + 1)] as (req: unknown, ctx: unknown) => Promise<unknown>;
      for (const key of keys) {
        try {
          await handler({ call: { functionKey: key, payload: { __contractProbe: true } }, context: {} }, {});
        } catch (error) {
          if (String((error as Error).message).includes('has no definition')) problems.push(`${type} ${ui.key}: invoke('${key}') has no resolver definition`);
        }
      }
    }
  }
  return problems;
}
