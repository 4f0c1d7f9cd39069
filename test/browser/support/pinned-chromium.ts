// The browser the tests drive is the Chromium that the lockfile pins (@sparticuz/chromium ships
// the headless-shell binary brotli-compressed inside the npm package, with the NSS libraries it
// links against and a font), so every machine — a laptop, CI, a fresh clone with no system
// Chromium — runs the same build. playwright-core is pinned to the release made for that Chromium
// (its browsers.json names the same major), so the CDP protocol they speak matches.
//
// The package's own executablePath() is not used: it unpacks into a shared /tmp/chromium that it
// reuses whatever version left it there, and two test processes starting at once can read a
// half-written binary. Here each version unpacks once into its own folder, built aside and
// renamed into place, so a concurrent run either wins the rename or uses the winner's folder.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { ROOT } from './build-ui';

export type PinnedChromium = {
  version: string;
  executablePath: string;
  /** Environment for the browser process: the bundled libraries and font, not the system's. */
  env: Record<string, string>;
};

const PACKAGE = '@sparticuz/chromium';

function packageDir(): string {
  // The package exports only its entry (build/index.js); its bin/ folder sits beside build/.
  return join(dirname(require.resolve(PACKAGE)), '..');
}

function untar(archiveBr: string, into: string): void {
  mkdirSync(into, { recursive: true });
  const run = spawnSync('tar', ['-x', '-C', into], { input: brotliDecompressSync(readFileSync(archiveBr)) });
  if (run.status !== 0) throw new Error(`cannot unpack ${archiveBr}: ${run.stderr?.toString() ?? run.error?.message}`);
}

async function unpack(bin: string, target: string): Promise<void> {
  const work = `${target}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(work, 'chromium'), { mode: 0o755 }));
    untar(join(bin, 'al2023.tar.br'), work); // lib/: libnss3, libnspr4, libexpat … built for the binary
    untar(join(bin, 'fonts.tar.br'), work); // fonts/Open_Sans; its own fonts.conf names Lambda paths
    writeFileSync(
      join(work, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(target, 'fonts')}</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(work, target);
    } catch (e) {
      if (!existsSync(join(target, 'chromium'))) throw e; // lost the race to another process: use its copy
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Unpacks the pinned Chromium on first use (a few seconds) and says how to start it. */
export async function pinnedChromium(): Promise<PinnedChromium> {
  const pkg = packageDir();
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const target = join(ROOT, 'node_modules', '.cache', 'liaison-chromium', version);
  if (!existsSync(join(target, 'chromium'))) {
    mkdirSync(dirname(target), { recursive: true });
    await unpack(join(pkg, 'bin'), target);
  }
  const lib = join(target, 'lib');
  const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    version,
    executablePath: join(target, 'chromium'),
    env: {
      ...inherited,
      LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(target, 'fonts.conf'),
    },
  };
}
