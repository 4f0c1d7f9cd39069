// Build-time trims of Atlaskit code a Custom UI ships but never runs. Each one fails the build if
// the code it trims changes shape, so an Atlaskit upgrade cannot silently undo it or break a page.
import type { Plugin } from 'vite';

/**
 * The design-token themes a UI may load at run time. Jira hands a Custom UI its theme (light or
 * dark, with spacing, typography and shape) once it calls `view.theme.enable()`; Atlaskit's theme
 * loader would only fetch these if a component mounted its own ThemeProvider. The other ~15
 * themes (increased contrast, "future", "finesse", test and dynamic themes) are never asked for.
 */
export const SHIPPED_THEMES = ['light', 'dark', 'spacing', 'typography', 'shape'] as const;

const THEME_MAP = '@atlaskit/tokens/dist/esm/artifacts/theme-import-map.js';
const SET_GLOBAL_THEME = '@atlaskit/tokens/dist/esm/set-global-theme.js';
const CUSTOM_THEME_IMPORT = /import\(\s*(?:\/\*[^*]*\*\/\s*)?'\.\/custom-theme'\)/;

const themeFile = (id: string): string => `./themes/atlassian-${id}`;

/** Only SHIPPED_THEMES get a chunk; asking for another theme rejects with a clear error. */
export function onlyShippedThemes(): Plugin {
  return {
    name: 'liaison:only-shipped-themes',
    enforce: 'pre',
    load(id) {
      if (!id.replaceAll('\\', '/').endsWith(THEME_MAP)) return null;
      const entries = SHIPPED_THEMES.map((t) => `  ${JSON.stringify(t)}: () => import(${JSON.stringify(themeFile(t))}),`).join('\n');
      return [
        `const shipped = {\n${entries}\n};`,
        'const themeImportsMap = new Proxy(shipped, {',
        '  get: (target, id) => target[id] ?? (() => Promise.reject(new Error(`Liaison does not ship the ${String(id)} theme`))),',
        '});',
        'export { themeImportsMap as themeImportMap };',
        'export default themeImportsMap;',
      ].join('\n');
    },
    transform(code, id) {
      // Brand-colour themes (UNSAFE_themeOptions) are never set by Liaison: no custom-theme chunk.
      if (!id.replaceAll('\\', '/').endsWith(SET_GLOBAL_THEME)) return null;
      if (!CUSTOM_THEME_IMPORT.test(code)) this.error(`${SET_GLOBAL_THEME} no longer imports ./custom-theme as expected; review liaison:only-shipped-themes`);
      return { code: code.replace(CUSTOM_THEME_IMPORT, "Promise.reject(new Error('Liaison does not ship custom brand themes'))"), map: null };
    },
  };
}

const FEATURE_GATES = '@atlaskit/feature-gate-js-client/feature-gates';
const STUB_ID = '\0liaison:feature-gates-off';

/**
 * Atlaskit components ask `fg(flag)` for Atlassian's internal feature flags, which end in the
 * Statsig feature-gate client (~30 KB gzipped). Nothing initialises that client in a Forge iframe,
 * and an uninitialised client answers false to every gate (Client.checkGate catches its own
 * "not initialised" error). The stub gives the same answer without shipping the client. Only the
 * one caller whose use is known (platform-feature-flags' resolveBooleanFlag) gets the stub; any
 * other importer fails the build.
 */
export function featureGatesOff(): Plugin {
  return {
    name: 'liaison:feature-gates-off',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== FEATURE_GATES) return null;
      if (!importer?.replaceAll('\\', '/').includes('@atlaskit/platform-feature-flags/')) {
        this.error(`${importer ?? 'an entry'} imports ${FEATURE_GATES}; liaison:feature-gates-off only stands in for platform-feature-flags' checkGate`);
      }
      return STUB_ID;
    },
    load(id) {
      if (id !== STUB_ID) return null;
      return 'const FeatureGates = { checkGate: () => false };\nexport default FeatureGates;\n';
    },
  };
}
