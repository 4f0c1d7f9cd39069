// Routes: the hot path reads one record for its project or connection, and every configuration
// write through the store keeps those records true.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RoutedConfig, type Route, type RouteKey, type RouteStore } from '../../../../src/adapters/forge/routed-config';
import type { Connection } from '../../../../src/core/connection';
import { MemoryConfigStore, MemorySecrets } from '../../../../src/core/ledger/memory-config';
import { nextVersion } from '../../../../src/core/rules/versions';
import { rule } from '../../core/support/rule-fixtures';

class CountingRoutes implements RouteStore {
  readonly records = new Map<string, Route>();
  reads = 0;
  writes = 0;
  failWrites = false;
  async get(k: RouteKey) {
    this.reads++;
    return structuredClone(this.records.get(`${k.kind}:${k.id}`) ?? null);
  }
  async put(k: RouteKey, r: Route) {
    if (this.failWrites) throw new Error('value too large');
    this.writes++;
    this.records.set(`${k.kind}:${k.id}`, structuredClone(r));
  }
  async delete(k: RouteKey) {
    this.records.delete(`${k.kind}:${k.id}`);
  }
}

/** Counts every read of the truth behind the routes. */
function counted<T extends object>(target: T, counter: { n: number }): T {
  return new Proxy(target, {
    get(t, p, r) {
      const v = Reflect.get(t, p, r);
      return typeof v === 'function' ? (...a: unknown[]) => (counter.n++, (v as (...x: unknown[]) => unknown).apply(t, a)) : v;
    },
  });
}

const connection = (id: string, state: Connection['state'] = 'active'): Connection => ({
  id, partnerKind: 'jira', partnerEndpoint: `https://${id}.example/inbox`, state, role: 'inviter', createdBy: 'admin', createdAt: 1, contacts: { local: [], partner: [] },
});

async function world() {
  const config = new MemoryConfigStore();
  const secrets = new MemorySecrets();
  const truth = { n: 0 };
  const routes = new CountingRoutes();
  await config.putConnection(connection('conn-1'));
  await secrets.putConnectionSecret('conn-1', 's'.repeat(32));
  const r = rule({ connectionId: 'conn-1', projectKey: 'ALPHA' });
  await config.appendRuleVersion('conn-1', 'ALPHA', nextVersion([], r, { at: 1, author: 'admin', comment: '' }));
  const routed = () => new RoutedConfig(counted(config, truth), counted(secrets, truth), routes);
  return { config, secrets, truth, routes, routed };
}

describe('routed configuration', () => {
  test("a change's project route answers rules, connection and secret with one read", async () => {
    const w = await world();
    await w.routed().rebuildAll();
    w.truth.n = 0;
    w.routes.reads = 0;
    const cfg = w.routed();
    const rules = await cfg.rulesForProject('ALPHA');
    assert.deepEqual(rules.map((r) => r.projectKey), ['ALPHA']);
    assert.equal((await cfg.getConnection('conn-1'))?.state, 'active');
    assert.equal(await cfg.getConnectionSecret('conn-1'), 's'.repeat(32));
    assert.equal(w.routes.reads, 1);
    assert.equal(w.truth.n, 0, 'nothing read from the records behind the route');
  });

  test("a partner message's connection route does the same", async () => {
    const w = await world();
    await w.routed().rebuildAll();
    w.truth.n = 0;
    const cfg = w.routed();
    assert.equal((await cfg.currentRules('conn-1')).length, 1);
    assert.equal(await cfg.getConnectionSecret('conn-1'), 's'.repeat(32));
    assert.equal((await cfg.getConnection('conn-1'))?.id, 'conn-1');
    assert.equal(w.truth.n, 0);
  });

  test('a missing route is built from the truth on first use and stored', async () => {
    const w = await world();
    const cfg = w.routed();
    assert.equal((await cfg.rulesForProject('ALPHA')).length, 1);
    assert.ok(w.routes.records.has('project:ALPHA'));
    // A project nobody shares gets an empty route, so its changes cost one read from then on.
    assert.deepEqual(await cfg.rulesForProject('OTHER'), []);
    assert.deepEqual(w.routes.records.get('project:OTHER')?.rules, []);
  });

  test('pausing a connection rewrites the routes of the projects it shares', async () => {
    const w = await world();
    await w.routed().rebuildAll();
    await w.routed().putConnection(connection('conn-1', 'paused'));
    const fresh = w.routed();
    await fresh.rulesForProject('ALPHA');
    assert.equal((await fresh.getConnection('conn-1'))?.state, 'paused');
  });

  test('a new rule shows up on its project and its connection at once', async () => {
    const w = await world();
    await w.routed().rebuildAll();
    const cfg = w.routed();
    const beta = rule({ connectionId: 'conn-1', projectKey: 'BETA', incoming: { create: { projectKey: 'BETA', issueType: 'Task' } } });
    await cfg.appendRuleVersion('conn-1', 'BETA', nextVersion([], beta, { at: 2, author: 'admin', comment: '' }));
    const fresh = w.routed();
    assert.deepEqual((await fresh.rulesForProject('BETA')).map((r) => r.projectKey), ['BETA']);
    assert.deepEqual((await fresh.currentRules('conn-1')).map((r) => r.projectKey).sort(), ['ALPHA', 'BETA']);
  });

  test('a deleted connection reads as gone, secret included, while its rules stay for the audit trail', async () => {
    const w = await world();
    await w.routed().rebuildAll();
    const cfg = w.routed();
    await cfg.deleteConnectionSecrets('conn-1');
    await cfg.deleteConnection('conn-1');
    const fresh = w.routed();
    assert.equal((await fresh.rulesForProject('ALPHA')).length, 1);
    assert.equal(await fresh.getConnection('conn-1'), null);
    assert.equal(await fresh.getConnectionSecret('conn-1'), null);
    // Asked on its own (a partner's message, an admin action), the connection's old record is gone too.
    assert.equal(await w.routed().getConnection('conn-1'), null);
    assert.ok(!w.routes.records.has('connection:conn-1'));
  });

  test('a route left stale (a crash between a write and its rebuild) heals with rebuildAll', async () => {
    const w = await world();
    await w.routed().rebuildAll();
    // Written behind the routes' back, as a crash right after the truth's write would leave it.
    await w.config.putConnection(connection('conn-1', 'paused'));
    const stale = w.routed();
    await stale.rulesForProject('ALPHA');
    assert.equal((await stale.getConnection('conn-1'))?.state, 'active');
    await w.routed().rebuildAll();
    const healed = w.routed();
    await healed.rulesForProject('ALPHA');
    assert.equal((await healed.getConnection('conn-1'))?.state, 'paused');
  });

  test('an id that names no connection (an unverified request) leaves nothing stored', async () => {
    const w = await world();
    const cfg = w.routed();
    assert.equal(await cfg.getConnection('made-up-id'), null);
    assert.deepEqual(await cfg.currentRules('another-made-up-id'), []);
    assert.deepEqual([...w.routes.records.keys()], []);
  });

  test('a connection read on its own brings its route along: secret and rules without more reads', async () => {
    const w = await world();
    await w.routed().rebuildAll();
    w.truth.n = 0;
    w.routes.reads = 0;
    const cfg = w.routed();
    assert.equal((await cfg.getConnection('conn-1'))?.id, 'conn-1');
    assert.equal(await cfg.getConnectionSecret('conn-1'), 's'.repeat(32));
    assert.equal((await cfg.currentRules('conn-1')).length, 1);
    assert.equal(w.routes.reads, 1);
    assert.equal(w.truth.n, 0);
  });

  test('a route that cannot be stored is still answered correctly, from the truth', async () => {
    const w = await world();
    w.routes.failWrites = true;
    const failures: string[] = [];
    const cfg = new RoutedConfig(w.config, w.secrets, w.routes, { onRouteError: (k) => failures.push(`${k.kind}:${k.id}`) });
    assert.equal((await cfg.rulesForProject('ALPHA')).length, 1);
    assert.equal(await cfg.getConnectionSecret('conn-1'), 's'.repeat(32));
    assert.deepEqual(failures, ['project:ALPHA']);
  });
  test('a rule the index still does not show, long after its save, stays in the routes a later rebuild makes', async () => {
    // The index lags without bound (Forge documents none); a save is read back for ten minutes only.
    class LaggingIndex extends MemoryConfigStore {
      readonly hidden = new Set<string>();
      override async currentRules(connectionId: string) {
        return (await super.currentRules(connectionId)).filter((r) => !this.hidden.has(r.projectKey));
      }
      override async rulesForProject(projectKey: string) {
        return (await super.rulesForProject(projectKey)).filter((r) => !this.hidden.has(r.projectKey));
      }
      /** Read by key: strongly consistent. */
      async currentRule(connectionId: string, projectKey: string) {
        return (await this.getRuleHistory(connectionId, projectKey)).at(-1)?.rule ?? null;
      }
    }
    const config = new LaggingIndex();
    const secrets = new MemorySecrets();
    const routes = new CountingRoutes();
    await config.putConnection(connection('conn-1'));
    await secrets.putConnectionSecret('conn-1', 's'.repeat(32));
    const routed = () => new RoutedConfig(config, secrets, routes);
    await routed().appendRuleVersion('conn-1', 'ALPHA', nextVersion([], rule({ connectionId: 'conn-1', projectKey: 'ALPHA' }), { at: 1, author: 'admin', comment: '' }));
    config.hidden.add('BETA');
    const beta = rule({ connectionId: 'conn-1', projectKey: 'BETA', incoming: { create: { projectKey: 'BETA', issueType: 'Task' } } });
    await routed().appendRuleVersion('conn-1', 'BETA', nextVersion([], beta, { at: 2, author: 'admin', comment: '' }));
    // Later: the maintenance rebuilds everything, and a limits change rebuilds the connection, while the index still lacks BETA.
    await routed().rebuildAll();
    await routed().putConnection({ ...connection('conn-1'), limits: { createsPerMinute: 50 } } as Connection);
    // A partner's message reads the connection route; a change on an issue its project's route.
    assert.deepEqual((await routed().currentRules('conn-1')).map((r) => r.projectKey).sort(), ['ALPHA', 'BETA'], 'the connection route keeps the rule');
    assert.deepEqual((await routed().rulesForProject('BETA')).map((r) => r.projectKey), ['BETA'], 'so does the project route');
    assert.deepEqual(routes.records.get('project:BETA')?.connectionRules['conn-1']?.map((r) => r.projectKey).sort(), ['ALPHA', 'BETA']);
    // A new version the index has not shown yet: the route's rule is read by key, not dropped.
    config.hidden.add('ALPHA');
    await config.appendRuleVersion('conn-1', 'ALPHA', nextVersion(await config.getRuleHistory('conn-1', 'ALPHA'), rule({ connectionId: 'conn-1', projectKey: 'ALPHA' }), { at: 3, author: 'admin', comment: 'v2' }));
    await routed().rebuildAll();
    assert.equal((await routed().rulesForProject('ALPHA')).length, 1, 'a hidden but current rule is read by key, not dropped');
  });
  test("a ping's health stamp survives a later write made from a route's older copy of the connection", async () => {
    // The ping stamps the truth only (no route rebuild), so routes keep the stamp they were built
    // with; a profile received in a later invocation writes the connection it read from its route.
    const w = await world();
    await w.routed().rebuildAll();
    const pinging = w.routed();
    const read = (await pinging.getConnection('conn-1'))!;
    w.routes.writes = 0;
    await pinging.putConnection({ ...read, lastExchangeAt: 5_000 });
    assert.equal(w.routes.writes, 0, 'a health stamp rewrites no route');
    assert.equal((await pinging.getConnection('conn-1'))?.lastExchangeAt, 5_000, 'the same invocation sees its own stamp');

    const later = w.routed();
    const fromRoute = (await later.getConnection('conn-1'))!;
    assert.equal(fromRoute.lastExchangeAt, undefined, "the route's copy is older than the ping");
    await later.putConnection({ ...fromRoute, contacts: { local: [{ name: 'Ana', role: 'accountable', email: 'ana@acme.example' }], partner: [] } });
    const stored = await w.config.getConnection('conn-1');
    assert.equal(stored?.lastExchangeAt, 5_000, "the ping's stamp is kept");
    assert.equal(stored?.contacts.local.length, 1, 'and the change is written');
    assert.equal((await w.routed().getConnection('conn-1'))?.lastExchangeAt, 5_000, 'the rebuilt route carries it too');
  });
});
