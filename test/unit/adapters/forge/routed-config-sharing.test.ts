// Many partners on one project: a partner's message learns from its connection's route, at no extra
// read, whether another connection shares the project (and so whether to relay its change).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RoutedConfig, type Route, type RouteKey, type RouteStore } from '../../../../src/adapters/forge/routed-config';
import type { Connection } from '../../../../src/core/connection';
import { MemoryConfigStore, MemorySecrets } from '../../../../src/core/ledger/memory-config';
import { nextVersion } from '../../../../src/core/rules/versions';
import { rule } from '../../core/support/rule-fixtures';

class MemoryRoutes implements RouteStore {
  readonly records = new Map<string, Route>();
  reads = 0;
  async get(k: RouteKey) {
    this.reads++;
    return structuredClone(this.records.get(`${k.kind}:${k.id}`) ?? null);
  }
  async put(k: RouteKey, r: Route) {
    this.records.set(`${k.kind}:${k.id}`, structuredClone(r));
  }
  async delete(k: RouteKey) {
    this.records.delete(`${k.kind}:${k.id}`);
  }
}

const connection = (id: string, state: Connection['state'] = 'active'): Connection => ({
  id, partnerKind: 'jira', partnerEndpoint: `https://${id}.example/inbox`, state, role: 'inviter', createdBy: 'admin', createdAt: 1, contacts: { local: [], partner: [] },
});

async function world() {
  const config = new MemoryConfigStore();
  const secrets = new MemorySecrets();
  const routes = new MemoryRoutes();
  const routed = () => new RoutedConfig(config, secrets, routes);
  const share = async (connectionId: string, projectKey: string) => {
    await routed().appendRuleVersion(connectionId, projectKey, nextVersion([], rule({ connectionId, projectKey }), { at: 1, author: 'admin', comment: '' }));
  };
  for (const id of ['globex', 'umbrella']) {
    await config.putConnection(connection(id));
    await secrets.putConnectionSecret(id, 's'.repeat(32));
  }
  return { config, routes, routed, share };
}

describe('which connections share a project, from the connection route', () => {
  test('a project shared with one partner: only that connection, from the route already read', async () => {
    const w = await world();
    await w.share('globex', 'ACME');
    const routed = w.routed();
    await routed.getConnection('globex');
    const reads = w.routes.reads;
    assert.deepEqual(await routed.connectionsSharing('ACME', 'globex'), ['globex']);
    assert.equal(w.routes.reads, reads, 'no read beyond the connection route');
  });

  test("sharing the project on a second connection updates the first connection's route at once", async () => {
    const w = await world();
    await w.share('globex', 'ACME');
    await w.share('umbrella', 'ACME');
    await w.share('umbrella', 'OTHER');
    assert.deepEqual(await w.routed().connectionsSharing('ACME', 'globex'), ['globex', 'umbrella']);
    assert.deepEqual(await w.routed().connectionsSharing('ACME', 'umbrella'), ['globex', 'umbrella']);
    assert.deepEqual(await w.routed().connectionsSharing('OTHER', 'umbrella'), ['umbrella']);
  });

  test("the project's route, when this invocation read it already, answers without another read", async () => {
    const w = await world();
    await w.share('globex', 'ACME');
    await w.share('umbrella', 'ACME');
    const routed = w.routed();
    await routed.rulesForProject('ACME');
    const reads = w.routes.reads;
    assert.deepEqual((await routed.connectionsSharing('ACME', 'globex')).sort(), ['globex', 'umbrella']);
    assert.equal(w.routes.reads, reads);
  });

  test('an ended connection is not counted once routes are rebuilt', async () => {
    const w = await world();
    await w.share('globex', 'ACME');
    await w.share('umbrella', 'ACME');
    await w.routed().putConnection(connection('umbrella', 'ended'));
    await w.routed().rebuildAll();
    assert.deepEqual(await w.routed().connectionsSharing('ACME', 'globex'), ['globex']);
  });

  test('a route stored before it knew about sharing asks the project route', async () => {
    const w = await world();
    await w.share('globex', 'ACME');
    await w.share('umbrella', 'ACME');
    const stored = w.routes.records.get('connection:globex')!;
    delete stored.sharing;
    assert.deepEqual((await w.routed().connectionsSharing('ACME', 'globex')).sort(), ['globex', 'umbrella']);
  });
});
