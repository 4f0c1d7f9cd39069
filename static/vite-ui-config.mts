// One Vite setup for every Custom UI resource. Forge serves a resource from a sub-path under a
// strict CSP, so assets use relative URLs and nothing is inlined into index.html as a script.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';
import { featureGatesOff, onlyShippedThemes } from './vite-weight-plugins.mts';

export function uiConfig(appDir: string): UserConfig {
  return {
    root: appDir,
    base: './',
    plugins: [react(), onlyShippedThemes(), featureGatesOff()],
    logLevel: 'warn',
    build: {
      outDir: resolve(appDir, 'build'),
      emptyOutDir: true,
      // Keep every asset a file: Forge's CSP refuses data: scripts and inline code.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2048,
      sourcemap: false,
    },
  };
}
