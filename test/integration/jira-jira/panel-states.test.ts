// What the issue panel is told about an issue on a connection, on two real sandbox sites: outside
// the pilot with the pilot's labels and whom to ask, the preview of what Start would send (custom
// fields by their Jira names), a paused connection, and one the partner ended.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PreviewView } from '../../../src/shared/resolver-contract';
import { ok, startMirror, type Mirror } from './support';

describe('Jira ↔ Jira: what the issue panel shows', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await m.saveRule(m.acme, (r) => {
      (r as Record<string, unknown>).scope = { pilot: { labels: ['pilot-globex'], issueKeys: [] }, manualStart: true };
    }, 'pilot with globex, agents start issues');
  });
  after(() => m.close());

  test('outside the pilot: the pilot labels, and this side\'s contacts to ask; with the label, a manual start', async () => {
    const issue = await m.acme.createIssue({ summary: 'Panel: outside the pilot' });
    await m.settle();
    const [offer] = (await m.acme.panelView(issue)).available;
    assert.deepEqual(offer?.help, { kind: 'pilot', labels: ['pilot-globex'], issueKeys: [] });
    assert.equal(offer?.connection?.state, 'active');
    assert.deepEqual(offer?.connection?.contacts.map((c) => c.email), ['owner@acme.example'], "acme's own contacts, not globex's");

    await m.acme.rest('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { labels: ['pilot-globex'] } });
    await m.settle();
    const [started] = (await m.acme.panelView(issue)).available;
    assert.deepEqual(started?.help, { kind: 'manual-start' });
  });

  test('the preview lists what Start would send, custom fields with their Jira names; Start sends it', async () => {
    const issue = await m.acme.createIssue({ summary: 'Panel: preview before start', labels: ['pilot-globex'] });
    await m.settle();
    const preview = ok(await m.acme.panel<PreviewView>('panel/preview', issue, { connectionId: m.connectionId }));
    assert.equal(preview.inScope, true);
    assert.equal(preview.fields.find((f) => f.field === 'summary')?.text, 'Panel: preview before start');
    assert.deepEqual(preview.fieldNames?.find((f) => f.key === 'custom:10020'), { key: 'custom:10020', name: 'Customer Reference' });
    ok(await m.acme.panel('panel/start', issue, { connectionId: m.connectionId }));
    await m.settle();
    const mirror = await m.partnerOf(m.acme, issue);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Panel: preview before start');
  });

  test('paused, the link says so; resumed, it is active again', async () => {
    const issue = await m.acme.createIssue({ summary: 'Panel: paused', labels: ['pilot-globex'] });
    ok(await m.acme.panel('panel/start', issue, { connectionId: m.connectionId }));
    await m.settle();
    await m.acme.admin('admin/connections/change', { connectionId: m.connectionId, change: 'pause' });
    // The panel reads connections through the routed configuration, rebuilt from an eventually
    // consistent index: the five-minute maintenance settles it.
    await m.advance(6 * 60_000);
    assert.equal((await m.acme.panelView(issue)).links[0]?.connection?.state, 'paused');
    await m.acme.admin('admin/connections/change', { connectionId: m.connectionId, change: 'resume' });
    await m.advance(6 * 60_000);
    assert.equal((await m.acme.panelView(issue)).links[0]?.connection?.state, 'active');
  });

  test('ended by the partner: links and offers carry the state and when it ended', async () => {
    const linked = await m.acme.createIssue({ summary: 'Panel: ended, linked', labels: ['pilot-globex'] });
    ok(await m.acme.panel('panel/start', linked, { connectionId: m.connectionId }));
    await m.settle();
    const other = await m.acme.createIssue({ summary: 'Panel: ended, never shared' });
    await m.globex.admin('admin/connections/change', { connectionId: m.connectionId, change: 'delete' });
    await m.settle();
    const link = (await m.acme.panelView(linked)).links[0];
    assert.equal(link?.connection?.state, 'ended');
    assert.equal(typeof link?.connection?.endedAt, 'number');
    const [offer] = (await m.acme.panelView(other)).available;
    assert.deepEqual(offer?.help, { kind: 'connection', state: 'ended' });
    assert.equal(offer?.inScope, false);
  });
});
