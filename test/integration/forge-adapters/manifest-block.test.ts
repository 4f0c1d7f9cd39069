// The entities block the lead pastes into manifest.yml: the same as the code's ENTITY_SPECS, the
// same as the probe app runs with, and accepted by Atlassian's own manifest validator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENTITY_SPECS } from '../../../src/adapters/forge';
import { appRoot } from '../../support/paths';
import { PROBE_DIR } from './probe';

const require = createRequire(import.meta.url);
type Issue = { message: string; level?: string; line?: number };
const manifestLib = require('@forge/manifest') as { validate(basic: boolean, path: string): Promise<{ success: boolean; errors?: Issue[] }> };

const BLOCK = join(appRoot, 'src/adapters/forge/entities.manifest.yml');
const errorsOf = async (path: string) => ((await manifestLib.validate(false, path)).errors ?? []).filter((e) => (e.level ?? 'error') === 'error');

describe('entities.manifest.yml', () => {
  test('declares exactly the entities the adapters use', () => {
    const block = parse(readFileSync(BLOCK, 'utf8')) as { storage: { entities: unknown } };
    assert.deepEqual(block.storage.entities, ENTITY_SPECS);
  });

  test('is what the probe app runs with', () => {
    const probe = parse(readFileSync(join(PROBE_DIR, 'manifest.yml'), 'utf8')) as { app: { storage: { entities: unknown } } };
    assert.deepEqual(probe.app.storage.entities, ENTITY_SPECS);
  });

  test('passes full validation by @forge/manifest inside an app manifest', async () => {
    assert.deepEqual(await errorsOf(join(PROBE_DIR, 'manifest.yml')), []);
  });

  test('the validator does check entity declarations (guards the test above)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-entities-'));
    try {
      cpSync(PROBE_DIR, dir, { recursive: true });
      const manifest = join(dir, 'manifest.yml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('nextTryAt: { type: float }', 'nextTryAt: { type: timestamp }'));
      const errors = await errorsOf(manifest);
      assert.match(errors.map((e) => e.message).join('\n'), /nextTryAt property type 'timestamp' allowed values are/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
