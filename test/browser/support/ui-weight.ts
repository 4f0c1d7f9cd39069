// What a built Custom UI costs to open: the JS and CSS its index.html loads (the entry script, the
// chunks it preloads, its stylesheets), gzipped as a server would send them; and a shared
// test-artifacts/ui-weight.json where the weight test and the browser tests record their figures.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDir, ROOT, type UiApp } from './build-ui';

export type UiWeight = { app: UiApp; files: Array<{ file: string; bytes: number; gzipBytes: number }>; gzipBytes: number; bytes: number; otherChunks: string[] };

const gz = (path: string): number => gzipSync(readFileSync(path)).length;

/** The files index.html loads before any code runs (lazy chunks excluded: they load on demand). */
export function initialFiles(app: UiApp): string[] {
  const html = readFileSync(join(buildDir(app), 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

export function uiWeight(app: UiApp): UiWeight {
  const dir = buildDir(app);
  const initial = initialFiles(app);
  const files = initial.map((file) => ({ file, bytes: readFileSync(join(dir, file)).length, gzipBytes: gz(join(dir, file)) }));
  const all = readdirSync(join(dir, 'assets')).map((f) => `assets/${f}`);
  return {
    app, files,
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    otherChunks: all.filter((f) => !initial.includes(f)).sort(),
  };
}

const REPORT = join(ROOT, 'test-artifacts', 'ui-weight.json');

/** Merges `figures` under `key` into test-artifacts/ui-weight.json and prints them. */
export function recordUiFigures(key: string, figures: unknown): void {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  let report: Record<string, unknown> = {};
  try {
    report = existsSync(REPORT) ? (JSON.parse(readFileSync(REPORT, 'utf8')) as Record<string, unknown>) : {};
  } catch {
    report = {};
  }
  report[key] = figures;
  writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`ui-weight ${key}: ${JSON.stringify(figures)}`);
}

export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
