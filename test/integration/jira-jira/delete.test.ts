// An issue deleted on acme ends its pair on both sides; globex's own rule decides whether its copy
// stays (with a note) or goes too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditPage } from '../../../src/shared/resolver-contract';
import { startMirror, traffic, type Mirror } from './support';

describe('Jira ↔ Jira: delete', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  test('by default globex keeps its copy, notes the deletion on it, and both sides show the pair unlinked', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Delete: duplicate ticket' });
    await m.acme.rest('DELETE', `/rest/api/3/issue/${source.key}`);
    await m.settle();

    const kept = await m.globex.call('GET', `/rest/api/3/issue/${mirror.key}`);
    assert.equal(kept.status, 200, 'the copy stays');
    const notes = await m.globex.comments(mirror.key);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.internal, true, 'the note is for agents');
    assert.match(notes[0]!.text, new RegExp(`The partner issue ${source.key} was deleted on the partner's side`));
    assert.deepEqual((await m.globex.panelView(mirror)).links.map((l) => l.state), ['unlinked']);
    const audit = await m.globex.admin<AuditPage>('admin/audit/list', { connectionId: m.connectionId });
    assert.ok(audit.items.some((e) => e.action === 'pair-unlinked' && /deleted; noted on the local issue/.test(e.detail)));
    const acmeAudit = await m.acme.admin<AuditPage>('admin/audit/list', { connectionId: m.connectionId });
    assert.ok(acmeAudit.items.some((e) => e.action === 'pair-unlinked' && e.detail === 'deleted'));

    // Globex's copy now lives alone: editing it sends nothing.
    const quiet = traffic(m);
    await m.globex.edit(mirror.key, { summary: 'Delete: kept on globex' });
    await m.settle();
    assert.equal(traffic(m), quiet);
  });

  test('with onPartnerDelete "delete" globex deletes its copy too', async () => {
    await m.saveRule(m.globex, (r) => {
      (r.incoming as Record<string, unknown>).onPartnerDelete = 'delete';
    }, 'follow partner deletes');
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Delete: follow me' });
    await m.acme.rest('DELETE', `/rest/api/3/issue/${source.key}`);
    await m.settle();
    assert.equal((await m.globex.call('GET', `/rest/api/3/issue/${mirror.key}`)).status, 404);
    assert.deepEqual(await m.globex.admin('admin/errors/list', { connectionId: m.connectionId }), []);
    assert.deepEqual(await m.acme.admin('admin/queue/list', { connectionId: m.connectionId }), []);
  });
});
