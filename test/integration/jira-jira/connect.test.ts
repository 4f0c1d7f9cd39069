// Connecting two Jira sites the way their admins do it: an invitation code from acme, accepted on
// globex; then pause (changes wait in acme's queue, nothing reaches globex), resume (the queue
// drains, in order) and delete — which the partner is told of, so its side ends too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoRule } from '../../../sandbox/demo/liaison-demo';
import type { ConnectionView } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

type Changelog = { values: Array<{ items: Array<{ field: string; toString: string | null }> }> };

describe('Jira ↔ Jira: connect, pause, resume, delete', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror({ connect: false });
  });
  after(() => m.close());

  test('an invitation from acme accepted on globex makes one active connection on each side', async () => {
    const invite = await m.acme.admin<{ code: string; connectionId: string; expiresAt: number }>('admin/connections/invite', {
      contacts: [{ name: 'Acme Integration Owner', role: 'accountable', email: 'owner@acme.example' }],
    });
    assert.ok(invite.code.length >= 10);
    const pending = await m.acme.admin<ConnectionView[]>('admin/connections/list');
    assert.deepEqual(pending.map((c) => [c.id, c.state, c.role]), [[invite.connectionId, 'pending', 'inviter']]);

    const accepted = await m.globex.admin<{ connectionId: string; state: string }>('admin/connections/accept', { code: invite.code });
    assert.deepEqual(accepted, { connectionId: invite.connectionId, state: 'active' });
    await m.settle();
    for (const site of [m.acme, m.globex]) {
      const [c] = await site.admin<ConnectionView[]>('admin/connections/list');
      assert.equal(c?.state, 'active', `${site.name} sees the connection active`);
      assert.ok(c?.partnerEndpoint?.startsWith('https://'), `${site.name} knows the partner's web trigger`);
    }
    // A code works once: a second acceptance is refused with a reason.
    const again = await m.globex.adminResult('admin/connections/accept', { code: invite.code });
    assert.equal(again.ok, false);

    m.connectionId = invite.connectionId;
    await m.acme.admin('admin/rules/save', { rule: demoRule(m.connectionId, m.acme.project), comment: 'share ACME' });
    await m.globex.admin('admin/rules/save', { rule: demoRule(m.connectionId, m.globex.project), comment: 'share GLX' });
    const { mirror } = await m.createMirrored(m.acme, { summary: 'First mirrored issue' });
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'First mirrored issue');
  });

  test('while acme is paused its changes queue and nothing reaches globex; resume drains them in order', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Pause me' });
    const paused = await m.acme.admin<{ state: string }>('admin/connections/change', { connectionId: m.connectionId, change: 'pause' });
    assert.equal(paused.state, 'paused');

    for (const summary of ['Pause me: one', 'Pause me: two', 'Pause me: three']) {
      await m.acme.edit(source.key, { summary });
      await m.settle();
    }
    await m.acme.addComment(source.key, 'Written while paused');
    await m.advance(5 * 60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Pause me', 'nothing crossed while paused');
    assert.equal((await m.globex.comments(mirror.key)).length, 0);
    const queue = await m.acme.admin<Array<{ kind: string; seq: number }>>('admin/queue/list', { connectionId: m.connectionId });
    assert.equal(queue.length, 4, 'three edits and a comment wait in the queue');
    const [view] = await m.acme.admin<ConnectionView[]>('admin/connections/list');
    assert.equal(view?.health.backlog, 4);

    await m.acme.admin('admin/connections/change', { connectionId: m.connectionId, change: 'resume' });
    await m.advance(2 * 60_000);
    assert.deepEqual(await m.acme.admin('admin/queue/list', { connectionId: m.connectionId }), [], 'the queue drained');
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Pause me: three');
    assert.deepEqual((await m.globex.comments(mirror.key)).map((c) => c.text.endsWith('Written while paused')), [true], 'the comment arrived once');
    // Globex's own history shows the edits arriving one after the other, oldest first.
    const log = await m.globex.rest<Changelog>('GET', `/rest/api/3/issue/${mirror.key}/changelog`);
    const summaries = log.values.flatMap((v) => v.items).filter((i) => i.field === 'summary').map((i) => i.toString);
    assert.deepEqual(summaries, ['Pause me', 'Pause me: one', 'Pause me: two', 'Pause me: three']);
  });

  test('when globex pauses, acme keeps its changes queued until globex resumes', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Partner pauses' });
    await m.globex.admin('admin/connections/change', { connectionId: m.connectionId, change: 'pause' });
    await m.acme.edit(source.key, { summary: 'Partner pauses: edited' });
    await m.advance(3 * 60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Partner pauses');
    assert.equal((await m.acme.admin<unknown[]>('admin/queue/list', { connectionId: m.connectionId })).length, 1);

    await m.globex.admin('admin/connections/change', { connectionId: m.connectionId, change: 'resume' });
    await m.advance(10 * 60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Partner pauses: edited');
    assert.deepEqual(await m.acme.admin('admin/queue/list', { connectionId: m.connectionId }), []);
  });

  test('deleting the connection removes it on the deleting side, ends it on the partner, and mirroring stops both ways', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Before delete' });
    const deleted = await m.acme.admin<{ state: string }>('admin/connections/change', { connectionId: m.connectionId, change: 'delete' });
    assert.equal(deleted.state, 'deleted');
    assert.deepEqual(await m.acme.admin('admin/connections/list'), []);

    // globex was told (a signed farewell): its side shows the connection ended, with only delete left.
    const [ended] = await m.globex.admin<ConnectionView[]>('admin/connections/list');
    assert.equal(ended?.state, 'ended');
    assert.ok(typeof ended?.endedAt === 'number');
    const pause = await m.globex.adminResult('admin/connections/change', { connectionId: m.connectionId, change: 'pause' });
    assert.equal(pause.ok, false);

    // Edits on either side stay home: nothing is queued on globex, nothing arrives anywhere.
    await m.acme.edit(source.key, { summary: 'After delete (acme)' });
    await m.globex.edit(mirror.key, { summary: 'After delete (globex)' });
    await m.advance(10 * 60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'After delete (globex)');
    assert.equal((await m.acme.issue(source.key, 'summary')).fields.summary, 'After delete (acme)');
    assert.deepEqual(await m.globex.admin('admin/queue/list', { connectionId: m.connectionId }), []);

    const gone = await m.acme.adminResult('admin/connections/change', { connectionId: m.connectionId, change: 'resume' });
    assert.deepEqual(gone.ok ? null : gone.error.code, 'not-found');
    // globex's admin removes its side too; the issues stay.
    await m.globex.admin('admin/connections/change', { connectionId: m.connectionId, change: 'delete' });
    assert.deepEqual(await m.globex.admin('admin/connections/list'), []);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'After delete (globex)');
  });
});
