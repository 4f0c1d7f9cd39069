// Wiring between the manifest, the backend and the UIs: a handler the manifest names but the code
// does not export, or an invoke() with no resolver behind it, only shows up on a real site; here
// it fails the build instead.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { appRoot } from '../support/paths';
import { missingHandlers, undefinedInvokes, invokedKeys, readManifest } from '../support/manifest-contract';

const broken = join(appRoot, 'test/fixtures/manifests/broken-wiring');

describe('manifest ↔ code wiring', () => {
  test('every handler named in manifest.yml is exported by the file it names', async () => {
    assert.deepEqual(await missingHandlers(appRoot), []);
  });

  test('every invoke() in static/ has a matching resolver definition', async () => {
    assert.deepEqual(await undefinedInvokes(appRoot), []);
  });

  test('the checks catch a missing export and an undefined resolver key', async () => {
    assert.deepEqual(await missingHandlers(broken), ['gone: index.gone is not an exported function']);
    assert.deepEqual(invokedKeys(join(broken, 'static/panel/src')), ['panel/get', 'panel/missing']);
    assert.deepEqual(await undefinedInvokes(broken), ["jira:issuePanel panel: invoke('panel/missing') has no resolver definition"]);
  });
});

describe('names the code shares with manifest.yml', () => {
  test('every queue the code pushes to has a consumer, and every web trigger it names exists', async () => {
    const { QUEUES, WEBTRIGGERS } = await import('../../src/app/module-keys');
    const manifest = readManifest(appRoot);
    const consumers = (manifest.modules?.consumer ?? []) as Array<{ queue: string }>;
    const webtriggers = (manifest.modules?.webtrigger ?? []) as Array<{ key: string }>;
    for (const queue of Object.values(QUEUES)) assert.ok(consumers.some((c) => c.queue === queue), `no consumer for queue ${queue}`);
    for (const key of Object.values(WEBTRIGGERS)) assert.ok(webtriggers.some((w) => w.key === key), `no web trigger ${key}`);
  });
});
