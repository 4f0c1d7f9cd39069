// Which Custom UI a Forge module shows, read from the app's own manifest: the sandbox looks modules
// up by type (jira:issuePanel, jira:adminPage, ...) and never knows an app's module keys.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export interface UiModule {
  key: string;
  type: string;
  title: string;
  /** Absolute directory of the built resource (the one holding index.html). */
  resourceDir: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readUiModules(appDir: string): UiModule[] {
  const raw: unknown = parse(readFileSync(join(appDir, 'manifest.yml'), 'utf8'));
  if (!isObj(raw)) throw new Error(`sandbox web: ${appDir}/manifest.yml is not a YAML mapping`);
  const resources = new Map<string, string>();
  for (const r of Array.isArray(raw.resources) ? raw.resources : []) {
    if (isObj(r) && typeof r.key === 'string' && typeof r.path === 'string') resources.set(r.key, r.path);
  }
  const modules = isObj(raw.modules) ? raw.modules : {};
  const out: UiModule[] = [];
  for (const [type, entries] of Object.entries(modules)) {
    if (!Array.isArray(entries)) continue;
    for (const m of entries) {
      if (!isObj(m) || typeof m.key !== 'string' || typeof m.resource !== 'string') continue;
      const path = resources.get(m.resource);
      if (!path) throw new Error(`sandbox web: module ${m.key} names resource "${m.resource}", which manifest.yml does not declare`);
      out.push({ key: m.key, type, title: typeof m.title === 'string' ? m.title : m.key, resourceDir: resolve(appDir, path) });
    }
  }
  return out;
}

export function moduleOfType(modules: readonly UiModule[], type: string): UiModule | undefined {
  return modules.find((m) => m.type === type);
}
