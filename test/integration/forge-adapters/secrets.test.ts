// Connection secrets live in the KVS secret store: readable by key, invisible to every query.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId } from '../../../src/core/ids';
import { SECRET, connection, invitation } from './factories';
import { kvsOps, port, probeWorld, resolve, type ProbeWorld } from './probe';

describe('ForgeSecrets', () => {
  let w: ProbeWorld;
  before(async () => {
    w = await probeWorld();
  });
  after(() => w.close());

  test('secrets and invitations are written to the secret store and never show up in a query', async () => {
    const secrets = port(w.acme, 'secrets');
    const written = await kvsOps(w.acme, async () => {
      await secrets.putConnectionSecret('conn-1', SECRET);
      await secrets.putPendingInvitation(invitation('conn-1'));
    });
    assert.deepEqual(written.detail, ['secret/set', 'secret/set']);

    // Ordinary data next to them, so the queries below do return something.
    await port(w.acme, 'store').rememberMessage(connectionId('conn-1'), 'm-1', w.clock.now() + 60_000);
    await port(w.acme, 'config').putConnection(connection('conn-1', w.clock.now()));
    const plain = (await resolve(w.acme, 'scan')) as Array<{ key: string; value: unknown }>;
    const entities = (await resolve(w.acme, 'scan', { entity: 'liaison-connection', index: 'by-created' })) as Array<{ key: string; value: unknown }>;
    assert.ok(plain.length > 0 && entities.length > 0);
    const everything = JSON.stringify([plain, entities]);
    assert.ok(!everything.includes(SECRET), 'the secret is not in any query result');
    assert.ok(!everything.includes(invitation('conn-1').inviteKey), 'the invitation key is not in any query result');
    assert.ok(!everything.includes('secret:'), 'no secret key is listed');

    assert.equal(await secrets.getConnectionSecret('conn-1'), SECRET);
  });

  test('a weak secret is refused', async () => {
    await assert.rejects(port(w.acme, 'secrets').putConnectionSecret('conn-1', 'short'), /at least 16 characters/);
  });
});
