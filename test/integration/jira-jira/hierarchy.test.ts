// Parent and sub-tasks between two Jira sites: when both ends are mirrored the partner's copies get
// the same parent; a child mirrored before its parent gets it when the parent arrives; a sub-task
// waits for its parent (Jira refuses one without); a hostile partner cannot parent a copy to an
// issue that is not paired on its connection.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId } from '../../../src/core/ids';
import { derivePairId } from '../../../src/core/sync/pair-id';
import { connectionSecret, postToInbox, replicaBody, signed } from './attack-support';
import { costOf, parentKey, shareRelations } from './relations-support';
import { startMirror, type Mirror } from './support';

describe('Jira ↔ Jira: hierarchy (parent, epic, sub-tasks)', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await shareRelations(m);
  });
  after(() => m.close());

  test('an epic and its child, both mirrored: the child on globex sits under the epic on globex', async () => {
    const { source: epic, mirror: epicCopy } = await m.createMirrored(m.acme, { summary: 'Checkout revamp', issuetype: { name: 'Epic' }, labels: ['shared'] });
    const { source: child, mirror: childCopy } = await m.createMirrored(m.acme, { summary: 'New payment form', issuetype: { name: 'Story' }, labels: ['shared'], parent: { key: epic.key } });
    assert.equal(((await m.globex.issue(epicCopy.key, 'issuetype')).fields.issuetype as { name: string }).name, 'Epic');
    assert.equal(await parentKey(m.globex, childCopy.key), epicCopy.key);

    // Moved out of the epic on acme: out of it on globex too.
    await m.acme.edit(child.key, { parent: null });
    await m.settle();
    assert.equal(await parentKey(m.globex, childCopy.key), null);
    // And back, from globex's side this time.
    await m.globex.edit(childCopy.key, { parent: { key: epicCopy.key } });
    await m.settle();
    assert.equal(await parentKey(m.acme, child.key), epic.key);
  });

  test('cost: a parent set on acme reads the child once and writes only its parent on globex, 4 KVS operations a side', async () => {
    const { source: epic, mirror: epicCopy } = await m.createMirrored(m.acme, { summary: 'Billing overhaul', issuetype: { name: 'Epic' }, labels: ['shared'] });
    const { source: child, mirror: childCopy } = await m.createMirrored(m.acme, { summary: 'Invoice PDF layout', issuetype: { name: 'Story' }, labels: ['shared'] });
    const cost = await costOf(m, () => m.acme.edit(child.key, { parent: { key: epic.key } }));
    assert.equal(await parentKey(m.globex, childCopy.key), epicCopy.key);
    // acme: the child's and the epic's pairs in one read by key, the route, the send and its settling.
    assert.deepEqual(cost.acme, { reads: ['GET /rest/api/3/issue/{id}'], writes: [], kvs: 4 });
    // globex: the epic's pair rides in the inbox's one batch read with the child's.
    assert.deepEqual(cost.globex, { reads: ['GET /rest/api/3/issue/{id}'], writes: ['PUT /rest/api/3/issue/{id}'], kvs: 4 });
  });

  test('a child mirrored before its parent gets the parent when the parent arrives', async () => {
    const epic = await m.acme.createIssue({ summary: 'Data retention', issuetype: { name: 'Epic' } });
    const { source: child, mirror: childCopy } = await m.createMirrored(m.acme, { summary: 'Purge old logs', issuetype: { name: 'Story' }, labels: ['shared'], parent: { key: epic.key } });
    assert.equal(await parentKey(m.globex, childCopy.key), null, 'the epic is not on globex yet');

    await m.acme.edit(epic.key, { labels: ['shared'] });
    await m.settle();
    const epicCopy = await m.partnerOf(m.acme, epic);
    assert.equal(await parentKey(m.globex, childCopy.key), epicCopy.key);
    assert.equal(await parentKey(m.acme, child.key), epic.key);
  });

  test('a sub-task is created on globex under its parent; one whose parent is not shared waits for it', async () => {
    const { source: task, mirror: taskCopy } = await m.createMirrored(m.acme, { summary: 'Migrate the database', labels: ['shared'] });
    const { mirror: subCopy } = await m.createMirrored(m.acme, { summary: 'Back up first', issuetype: { name: 'Sub-task' }, labels: ['shared'], parent: { key: task.key } });
    const sub = await m.globex.issue(subCopy.key, 'issuetype,parent');
    assert.equal((sub.fields.issuetype as { name: string }).name, 'Sub-task');
    assert.equal((sub.fields.parent as { key: string }).key, taskCopy.key);

    // The parent is not shared: the sub-task is not sent (Jira would refuse it without a parent).
    const lone = await m.acme.createIssue({ summary: 'Rotate the keys', labels: [] });
    const waiting = await m.acme.createIssue({ summary: 'Rotate the signing key', issuetype: { name: 'Sub-task' }, labels: ['shared'], parent: { key: lone.key } });
    await m.settle();
    assert.deepEqual(await m.globex.findBySummary('Rotate the signing key'), []);
    // Shared now: the parent goes, then its sub-task, under the parent's copy.
    await m.acme.edit(lone.key, { labels: ['shared'] });
    await m.settle();
    const loneCopy = await m.partnerOf(m.acme, lone);
    const waitingCopy = await m.partnerOf(m.acme, waiting);
    assert.equal(await parentKey(m.globex, waitingCopy.key), loneCopy.key);
  });

  test('a signed message cannot parent a copy to an issue outside the pairs of its connection', async () => {
    const { source: child, mirror: childCopy } = await m.createMirrored(m.globex, { summary: 'Hostile child', labels: ['shared'] });
    // acme holds a pair for `child` (its copy); globex (the attacker) names parents that are no pair of theirs.
    const acmeChild = await m.partnerOf(m.globex, child);
    const unshared = await m.acme.createIssue({ summary: 'Private roadmap epic', issuetype: { name: 'Epic' } });
    // The pair globex made for its issue (acme accepted nothing else): its id as both sides derive it.
    const pairId = derivePairId(connectionId(m.connectionId), 'acceptor', localIssueId(child.id));
    const as = { connectionId: m.connectionId, secret: connectionSecret(m.acme, m.connectionId), now: m.clock.now() };
    let seq = 900;
    for (const ref of [unshared.id, `p-${'0'.repeat(32)}`, unshared.key]) {
      const body = replicaBody({ issueId: child.id, issueKey: child.key, projectKey: m.globex.project }, {}, m.clock.now(), {});
      body.replica.relations = { parent: { pair: ref } };
      const res = await postToInbox(m.world, m.acme, signed('replica', as, pairId, seq++, body));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(await parentKey(m.acme, acmeChild.key), null, `parent ${ref} was not applied`);
    }
    // The errors were written by the engine; the admin's list (an index query) shows them once it catches up.
    await m.settle();
    const errors = JSON.stringify(await m.acme.admin('admin/errors/list', { connectionId: m.connectionId }));
    assert.match(errors, /the parent names no issue paired on this connection/);
    assert.equal(childCopy.key, acmeChild.key);
  });
});
