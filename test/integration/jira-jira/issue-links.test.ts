// Issue links between two Jira sites: a link between two mirrored issues is made, changed and
// removed on the partner with its type mapped by name; a link to an issue that is not mirrored stays
// home until that issue is; a type the receiving rule does not map is refused and reported; a
// hostile partner cannot link a copy to an issue outside the pairs of its connection.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId } from '../../../src/core/ids';
import { derivePairId } from '../../../src/core/sync/pair-id';
import { connectionSecret, postToInbox, replicaBody, signed } from './attack-support';
import { costOf, link, linksOf, shareRelations } from './relations-support';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

/** The id of the link from `key` of the given type (as the issue view shows it). */
async function linkId(site: SiteHandle, key: string, type: string): Promise<string> {
  const links = ((await site.issue(key, 'issuelinks')).fields.issuelinks ?? []) as Array<{ id: string; type: { name: string } }>;
  const found = links.find((l) => l.type.name === type);
  assert.ok(found, `${site.name}: ${key} has no ${type} link`);
  return found.id;
}

describe('Jira ↔ Jira: issue links', () => {
  let m: Mirror;
  let a1: IssueRef, a2: IssueRef, g1: IssueRef, g2: IssueRef;
  before(async () => {
    m = await startMirror();
    // Duplicate is deliberately left out of the map: globex takes only Blocks and Relates.
    await shareRelations(m);
    ({ source: a1, mirror: g1 } = await m.createMirrored(m.acme, { summary: 'Upgrade the load balancer', labels: ['shared'] }));
    ({ source: a2, mirror: g2 } = await m.createMirrored(m.acme, { summary: 'Switch DNS to the new balancer', labels: ['shared'] }));
  });
  after(() => m.close());

  test('a link made on acme between two mirrored issues is made on globex, once, with the same direction', async () => {
    await link(m.acme, 'Blocks', a1.key, a2.key);
    await m.settle();
    assert.deepEqual(await linksOf(m.globex, g1.key), [`blocks ${g2.key}`]);
    assert.deepEqual(await linksOf(m.globex, g2.key), [`is blocked by ${g1.key}`]);
    // Nothing came back: acme still has its one link.
    assert.deepEqual(await linksOf(m.acme, a1.key), [`blocks ${a2.key}`]);
  });

  test('changing the link type (Jira: remove and link again) changes it on globex; removing it removes it', async () => {
    await m.acme.rest('DELETE', `/rest/api/3/issueLink/${await linkId(m.acme, a1.key, 'Blocks')}`);
    await link(m.acme, 'Relates', a1.key, a2.key);
    await m.settle();
    assert.deepEqual(await linksOf(m.globex, g1.key), [`relates to ${g2.key}`]);

    await m.acme.rest('DELETE', `/rest/api/3/issueLink/${await linkId(m.acme, a1.key, 'Relates')}`);
    await m.settle();
    assert.deepEqual(await linksOf(m.globex, g1.key), []);
    assert.deepEqual(await linksOf(m.acme, a1.key), []);
  });

  test('cost: a link made and removed on acme: 4 KVS operations a side; globex reads its issue once and makes or removes the link, no read after', async () => {
    const { source: b1, mirror: h1 } = await m.createMirrored(m.acme, { summary: 'Renew the TLS certificate', labels: ['shared'] });
    const { source: b2, mirror: h2 } = await m.createMirrored(m.acme, { summary: 'Update the CDN origin', labels: ['shared'] });
    const made = await costOf(m, () => link(m.acme, 'Blocks', b1.key, b2.key));
    assert.deepEqual(await linksOf(m.globex, h1.key), [`blocks ${h2.key}`]);
    // acme: the issue's and the other issue's pairs in one read by key, the route, the send and its settling.
    assert.equal(made.acme.kvs, 4);
    assert.deepEqual(made.acme.writes, []);
    // globex: Jira answers a new link with no id, and none is read back (it is found by type and issue when removed).
    assert.deepEqual(made.globex, { reads: ['GET /rest/api/3/issue/{id}'], writes: ['POST /rest/api/3/issueLink'], kvs: 4 });

    const removed = await costOf(m, async () => m.acme.rest('DELETE', `/rest/api/3/issueLink/${await linkId(m.acme, b1.key, 'Blocks')}`));
    assert.deepEqual(await linksOf(m.globex, h1.key), []);
    assert.equal(removed.acme.kvs, 4);
    assert.deepEqual(removed.acme.writes, []);
    // The apply's own read of the issue shows the copy's id.
    assert.deepEqual(removed.globex, { reads: ['GET /rest/api/3/issue/{id}'], writes: ['DELETE /rest/api/3/issueLink/{id}'], kvs: 4 });
  });

  test('a link made on globex reaches acme (links go both ways)', async () => {
    await link(m.globex, 'Blocks', g2.key, g1.key);
    await m.settle();
    assert.deepEqual(await linksOf(m.acme, a2.key), [`blocks ${a1.key}`]);
    assert.deepEqual(await linksOf(m.globex, g2.key), [`blocks ${g1.key}`]);
  });

  test('a link to an issue that is not mirrored stays home, and follows when that issue is mirrored', async () => {
    const a3 = await m.acme.createIssue({ summary: 'Internal capacity plan' });
    await link(m.acme, 'Relates', a1.key, a3.key);
    await m.settle();
    assert.deepEqual(await linksOf(m.globex, g1.key), [`is blocked by ${g2.key}`]);

    await m.acme.edit(a3.key, { labels: ['shared'] });
    await m.settle();
    const g3 = await m.partnerOf(m.acme, a3);
    assert.deepEqual(await linksOf(m.globex, g1.key), [`is blocked by ${g2.key}`, `relates to ${g3.key}`].sort());
  });

  test('a link type the receiving rule does not map is refused and reported; nothing is linked', async () => {
    await link(m.acme, 'Duplicate', a2.key, a1.key);
    await m.settle();
    assert.ok(!(await linksOf(m.globex, g2.key)).some((l) => l.startsWith('duplicates')));
    const errors = JSON.stringify(await m.globex.admin('admin/errors/list', { connectionId: m.connectionId }));
    assert.match(errors, /link type \\"Duplicate\\" is not mapped by the local rule/);
  });

  test('a signed message cannot link a copy to an issue outside the pairs of its connection', async () => {
    // globex plays the attacker against acme, on the pair of globex's own issue.
    const { source: gx } = await m.createMirrored(m.globex, { summary: 'Hostile link source', labels: ['shared'] });
    const ax = await m.partnerOf(m.globex, gx);
    const secretIssue = await m.acme.createIssue({ summary: 'Board minutes (not shared)' });
    const pairId = derivePairId(connectionId(m.connectionId), 'acceptor', localIssueId(gx.id));
    const as = { connectionId: m.connectionId, secret: connectionSecret(m.acme, m.connectionId), now: m.clock.now() };
    let seq = 900;
    for (const ref of [secretIssue.id, secretIssue.key, derivePairId(connectionId(m.connectionId), 'inviter', localIssueId(secretIssue.id))]) {
      const body = replicaBody({ issueId: gx.id, issueKey: gx.key, projectKey: m.globex.project }, {}, m.clock.now());
      body.replica.relations = { links: [{ id: `99${seq}`, type: 'Blocks', pair: ref }] };
      const res = await postToInbox(m.world, m.acme, signed('replica', as, pairId, seq++, body));
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    assert.deepEqual(await linksOf(m.acme, ax.key), []);
    assert.deepEqual(await linksOf(m.acme, secretIssue.key), []);
    // The errors were written by the engine; the admin's list (an index query) shows them once it catches up.
    await m.settle();
    const errors = JSON.stringify(await m.acme.admin('admin/errors/list', { connectionId: m.connectionId }));
    assert.match(errors, /the linked issue names no issue paired on this connection/);
  });
});
