// Loads any Forge app directory from its manifest.yml: the modules the platform can invoke and the
// handlers behind them, imported lazily (so the runtime globals exist before the app's SDKs load).
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { parseEntities, type EntityDef } from './kvs/entity-schema';

export type Handler = (...args: unknown[]) => unknown;

export interface FunctionDef { key: string; handler: string; file: string; exportName: string; timeoutSeconds?: number }
export interface TriggerDef { key: string; functionKey: string; events: string[]; ignoreSelf: boolean }
/** `urlFormat` (manifest, web trigger module): v1 app-based `*.hello.atlassian-dev.net/x1/…` (the default), v2 installation-based `*.webtrigger.atlassian.app/public/…`. */
export type WebTriggerUrlFormat = 'v1' | 'v2';
export interface WebTriggerDef { key: string; functionKey: string; urlFormat: WebTriggerUrlFormat }
/** `method` is set for the legacy consumer form (`resolver: { function, method }`). */
export interface ConsumerDef { key: string; queue: string; functionKey: string; method?: string }
export type ScheduleInterval = 'fiveMinute' | 'hour' | 'day' | 'week';
export interface ScheduledTriggerDef { key: string; functionKey: string; interval: ScheduleInterval }
export interface ResolverModuleDef { key: string; type: string; functionKey: string }

export interface ForgeApp {
  dir: string;
  appId: string;
  functions: Map<string, FunctionDef>;
  triggers: TriggerDef[];
  webtriggers: WebTriggerDef[];
  consumers: ConsumerDef[];
  scheduledTriggers: ScheduledTriggerDef[];
  /** UI modules (any type) that declare `resolver: { function }`, by module key. */
  resolverModules: Map<string, ResolverModuleDef>;
  entities: Map<string, EntityDef>;
  /** `permissions.external.fetch.backend` entries (strings or `{ address }`). */
  egress: string[];
  scopes: string[];
  loadHandler(functionKey: string): Promise<Handler>;
}

export const SCHEDULE_INTERVAL_MS: Record<ScheduleInterval, number> = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function list(modules: Obj, type: string): Obj[] {
  const v = modules[type];
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every(isObj)) throw new Error(`manifest: modules.${type} must be a list of objects`);
  return v;
}

function str(o: Obj, field: string, where: string): string {
  const v = o[field];
  if (typeof v !== 'string' || v === '') throw new Error(`manifest: ${where} needs a string "${field}"`);
  return v;
}

function parseFunctions(modules: Obj): Map<string, FunctionDef> {
  const out = new Map<string, FunctionDef>();
  for (const f of list(modules, 'function')) {
    const key = str(f, 'key', 'a function module');
    const handler = str(f, 'handler', `function ${key}`);
    const dot = handler.lastIndexOf('.');
    if (dot <= 0 || dot === handler.length - 1) throw new Error(`manifest: function ${key} handler "${handler}" is not "file.export"`);
    const timeout = f.timeoutSeconds;
    if (timeout !== undefined && (typeof timeout !== 'number' || timeout <= 0 || timeout > 900)) {
      throw new Error(`manifest: function ${key} timeoutSeconds must be a number in 1..900`);
    }
    out.set(key, { key, handler, file: handler.slice(0, dot), exportName: handler.slice(dot + 1), timeoutSeconds: timeout as number | undefined });
  }
  return out;
}

function fnRef(m: Obj, where: string, functions: Map<string, FunctionDef>): string {
  const key = str(m, 'function', where);
  if (!functions.has(key)) throw new Error(`manifest: ${where} refers to unknown function "${key}"`);
  return key;
}

function parseModules(modules: Obj, functions: Map<string, FunctionDef>) {
  const triggers = list(modules, 'trigger').map((t): TriggerDef => {
    const key = str(t, 'key', 'a trigger');
    const events = t.events;
    if (!Array.isArray(events) || !events.every((e) => typeof e === 'string')) throw new Error(`manifest: trigger ${key} needs a list of events`);
    const filter = isObj(t.filter) ? t.filter : {};
    return { key, functionKey: fnRef(t, `trigger ${key}`, functions), events, ignoreSelf: filter.ignoreSelf === true };
  });
  const webtriggers = list(modules, 'webtrigger').map((w): WebTriggerDef => {
    const key = str(w, 'key', 'a webtrigger');
    const urlFormat = w.urlFormat ?? 'v1';
    if (urlFormat !== 'v1' && urlFormat !== 'v2') throw new Error(`manifest: webtrigger ${key} has urlFormat ${JSON.stringify(urlFormat)}; Forge accepts v1 or v2`);
    return { key, functionKey: fnRef(w, `webtrigger ${key}`, functions), urlFormat };
  });
  const consumers = list(modules, 'consumer').map((c): ConsumerDef => {
    const key = str(c, 'key', 'a consumer');
    const queue = str(c, 'queue', `consumer ${key}`);
    if (isObj(c.resolver)) {
      return { key, queue, functionKey: fnRef(c.resolver, `consumer ${key} resolver`, functions), method: str(c.resolver, 'method', `consumer ${key} resolver`) };
    }
    return { key, queue, functionKey: fnRef(c, `consumer ${key}`, functions) };
  });
  const scheduledTriggers = list(modules, 'scheduledTrigger').map((s): ScheduledTriggerDef => {
    const key = str(s, 'key', 'a scheduledTrigger');
    const interval = str(s, 'interval', `scheduledTrigger ${key}`);
    if (!(interval in SCHEDULE_INTERVAL_MS)) throw new Error(`manifest: scheduledTrigger ${key} interval "${interval}" is not fiveMinute, hour, day or week`);
    return { key, functionKey: fnRef(s, `scheduledTrigger ${key}`, functions), interval: interval as ScheduleInterval };
  });
  const resolverModules = new Map<string, ResolverModuleDef>();
  for (const [type, entries] of Object.entries(modules)) {
    if (type === 'consumer' || !Array.isArray(entries)) continue;
    for (const m of entries) {
      if (!isObj(m) || !isObj(m.resolver) || typeof m.key !== 'string') continue;
      resolverModules.set(m.key, { key: m.key, type, functionKey: fnRef(m.resolver, `${type} ${m.key} resolver`, functions) });
    }
  }
  return { triggers, webtriggers, consumers, scheduledTriggers, resolverModules };
}

function parseEgress(permissions: Obj): string[] {
  const external = isObj(permissions.external) ? permissions.external : {};
  const fetch = isObj(external.fetch) ? external.fetch : {};
  const backend = Array.isArray(fetch.backend) ? fetch.backend : [];
  return backend.map((e) => (typeof e === 'string' ? e : isObj(e) && typeof e.address === 'string' ? e.address : '')).filter((e) => e !== '');
}

function findSource(appDir: string, file: string): string {
  for (const ext of ['ts', 'tsx', 'js', 'mjs']) {
    const candidate = join(appDir, 'src', `${file}.${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no source file src/${file}.(ts|tsx|js|mjs) in ${appDir}`);
}

/** Parses `<appDir>/manifest.yml`; handlers are imported on first use. */
export async function loadApp(appDir: string): Promise<ForgeApp> {
  const dir = resolve(appDir);
  const manifestPath = join(dir, 'manifest.yml');
  if (!existsSync(manifestPath)) throw new Error(`loadApp: no manifest.yml in ${dir}`);
  const raw: unknown = parse(readFileSync(manifestPath, 'utf8'));
  if (!isObj(raw)) throw new Error(`loadApp: ${manifestPath} is not a YAML mapping`);
  const app = isObj(raw.app) ? raw.app : {};
  const appAri = typeof app.id === 'string' ? app.id : '';
  const appId = appAri.replace(/^ari:cloud:ecosystem::app\//, '');
  if (!appId) throw new Error(`loadApp: ${manifestPath} has no app.id`);
  const modules = isObj(raw.modules) ? raw.modules : {};
  const functions = parseFunctions(modules);
  const permissions = isObj(raw.permissions) ? raw.permissions : {};
  const scopes = Array.isArray(permissions.scopes) ? permissions.scopes.filter((s): s is string => typeof s === 'string') : [];
  const storage = isObj(app.storage) ? app.storage : {};
  const modulesCache = new Map<string, Promise<Record<string, unknown>>>();

  return {
    dir,
    appId,
    functions,
    ...parseModules(modules, functions),
    entities: parseEntities(storage.entities),
    egress: parseEgress(permissions),
    scopes,
    async loadHandler(functionKey) {
      const fn = functions.get(functionKey);
      if (!fn) throw new Error(`app ${appId} has no function "${functionKey}"`);
      const source = findSource(dir, fn.file);
      let mod = modulesCache.get(source);
      if (!mod) {
        mod = import(pathToFileURL(source).href) as Promise<Record<string, unknown>>;
        modulesCache.set(source, mod);
      }
      const exported = (await mod)[fn.exportName];
      if (typeof exported !== 'function') throw new Error(`handler ${fn.handler} of function ${functionKey} is not an exported function`);
      return exported as Handler;
    },
  };
}
