// The lists the rule editor offers beside project metadata: the site's link types and a desk's request
// types, read from Jira once and kept; where Jira cannot say, nothing is offered (the editor takes
// typed names and the save check decides), and that answer is not kept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { linkTypeChoices, requestTypeChoices, type ChoiceCache } from '../../../src/app/editor-choices';

function memoryCache(): ChoiceCache & { stored: Map<string, unknown> } {
  const stored = new Map<string, { names: string[] | null }>();
  return { stored, read: async (id) => stored.get(id) ?? null, write: async (id, value) => void stored.set(id, value) };
}

describe('rule editor choices beside the metadata', () => {
  test('link types are read once and then served from the cache', async () => {
    const cache = memoryCache();
    let reads = 0;
    const tracker = { linkTypeNames: async () => (reads++, ['Blocks', 'Problem/Incident']) };
    assert.deepEqual(await linkTypeChoices(tracker, cache), ['Blocks', 'Problem/Incident']);
    assert.deepEqual(await linkTypeChoices(tracker, cache), ['Blocks', 'Problem/Incident']);
    assert.equal(reads, 1);
  });

  test('Jira not answering offers nothing, keeps nothing, and the next opening asks again', async () => {
    const cache = memoryCache();
    let fail = true;
    const tracker = {
      linkTypeNames: async () => {
        if (fail) throw new Error('503 from Jira');
        return ['Relates'];
      },
    };
    assert.equal(await linkTypeChoices(tracker, cache), undefined);
    assert.equal(cache.stored.size, 0);
    fail = false;
    assert.deepEqual(await linkTypeChoices(tracker, cache), ['Relates']);
  });

  test('a tracker without links, and a project that is no service desk, offer nothing (typed in the editor)', async () => {
    const cache = memoryCache();
    assert.equal(await linkTypeChoices({}, cache), undefined);
    let reads = 0;
    const tracker = { requestTypeNames: async (project: string) => (reads++, project === 'DESK' ? ['Report a bug'] : null) };
    assert.equal(await requestTypeChoices(tracker, 'ACME', cache), undefined);
    assert.equal(await requestTypeChoices(tracker, 'ACME', cache), undefined);
    assert.deepEqual(await requestTypeChoices(tracker, 'DESK', cache), ['Report a bug']);
    assert.equal(reads, 2, 'the answer "no service desk" is kept too, per project');
  });
});
