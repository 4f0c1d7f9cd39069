// The maintenance lists connections once a run: given a store whose listing is an index query, when
// several steps walk every connection, then the store is asked once; a failed read is not kept; the
// rest of the store is the store itself (its state shared with the deps that hold it elsewhere).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listingConnectionsOnce } from '../../../src/app/listed-once';
import type { SyncDeps } from '../../../src/core/sync/deps';

class CountingConfig {
  listed = 0;
  failNext = false;
  private stamp = 0;
  async listConnections() {
    this.listed++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('storage refused');
    }
    return [{ id: 'c1' }, { id: 'c2' }];
  }
  touch() {
    return ++this.stamp;
  }
}

const depsWith = (config: CountingConfig) => ({ config }) as unknown as SyncDeps;

describe('a maintenance run lists connections once', () => {
  test('given four steps that walk every connection, then the store is asked once and each gets the same list', async () => {
    const store = new CountingConfig();
    const deps = listingConnectionsOnce(depsWith(store));
    const lists = await Promise.all([1, 2, 3, 4].map(() => deps.config.listConnections()));
    assert.equal(store.listed, 1);
    assert.deepEqual(lists[3], lists[0]);
  });

  test('given the first read fails, then the next step reads again', async () => {
    const store = new CountingConfig();
    store.failNext = true;
    const deps = listingConnectionsOnce(depsWith(store));
    await assert.rejects(deps.config.listConnections(), /storage refused/);
    assert.equal((await deps.config.listConnections()).length, 2);
    assert.equal(store.listed, 2);
  });

  test('other members act on the store itself', async () => {
    const store = new CountingConfig();
    const deps = listingConnectionsOnce(depsWith(store));
    (deps.config as unknown as CountingConfig).touch();
    assert.equal(store.touch(), 2, 'one state, not a copy');
  });
});
