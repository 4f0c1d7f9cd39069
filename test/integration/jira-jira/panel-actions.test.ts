// The agent's buttons on the issue panel: start / sync now, link an existing partner issue without
// creating one, and unlink (both sides stop, both issues stay).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startMirror, traffic, type Mirror } from './support';

type Outcomes = { outcomes: Array<{ connectionId: string; status: string; reason?: string }> };

describe('Jira ↔ Jira: sync now, link, unlink', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    // Nothing leaves either side until an agent says so.
    for (const site of [m.acme, m.globex]) {
      await m.saveRule(site, (r) => {
        (r as Record<string, unknown>).scope = { manualStart: true };
      }, 'manual start');
    }
  });
  after(() => m.close());

  test('with manual start an issue waits for the agent; "start" mirrors it, "sync now" re-plans it', async () => {
    const issue = await m.acme.createIssue({ summary: 'Manual: waits for the agent' });
    await m.settle();
    assert.deepEqual(await m.globex.findBySummary('Manual: waits'), []);
    assert.deepEqual((await m.acme.panelView(issue)).available.map((a) => a.reason), ['waiting for a manual start']);

    const started = ok(await m.acme.panel<Outcomes>('panel/start', issue, { connectionId: m.connectionId }));
    assert.deepEqual(started.outcomes.map((o) => o.status), ['queued']);
    await m.settle();
    assert.equal((await m.globex.findBySummary('Manual: waits')).length, 1);

    const again = ok(await m.acme.panel<Outcomes>('panel/sync-now', issue, { connectionId: m.connectionId }));
    assert.deepEqual(again.outcomes.map((o) => o.status), ['no-change'], 'nothing new to send');
  });

  test("custom fields are named as Jira names them, on the panel and in the rule editor's catalog", async () => {
    const issue = await m.acme.createIssue({ summary: 'Names: custom fields' });
    ok(await m.acme.panel<Outcomes>('panel/start', issue, { connectionId: m.connectionId }));
    await m.settle();
    const view = await m.acme.panelView(issue);
    assert.ok(view.links[0]?.shared.out.includes('custom:10020'));
    assert.deepEqual(view.fieldCatalog, [
      { key: 'custom:10020', name: 'Customer Reference' },
      { key: 'custom:10021', name: 'Impact Score' },
      { key: 'custom:10022', name: 'Severity' },
    ]);
    const rule = await m.acme.admin<{ fieldCatalog: Array<{ key: string; name: string }> }>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.acme.project });
    assert.deepEqual(rule.fieldCatalog.find((f) => f.key === 'custom:10021'), { key: 'custom:10021', name: 'Impact Score' });
  });

  test('linking two existing issues binds them without creating a third, and they sync from then on', async () => {
    const ours = await m.acme.createIssue({ summary: 'Link: printer jam (acme)', labels: ['printer'] });
    const theirs = await m.globex.createIssue({ summary: 'Link: printer jam (globex)' });
    await m.settle();
    const before = { acme: (await m.acme.search(`project = ${m.acme.project}`)).length, globex: (await m.globex.search(`project = ${m.globex.project}`)).length };

    const linked = ok(await m.acme.panel<{ pairId: string }>('panel/link', ours, { connectionId: m.connectionId, partnerIssueKey: theirs.key }));
    assert.ok(linked.pairId);
    await m.settle();
    // globex's rule does not trust acme with direct links: an agent there accepts the request first.
    const [request] = (await m.globex.panelView(theirs)).linkRequests ?? [];
    assert.equal(request?.partnerIssueKey, ours.key);
    assert.equal((await m.globex.issue(theirs.key, 'summary')).fields.summary, 'Link: printer jam (globex)', 'nothing applied before acceptance');
    ok(await m.globex.panel('panel/link-requests/accept', theirs, { connectionId: m.connectionId, pairId: request!.pairId }));
    // acme sends its held message again when the partner said to (an hour): answered as a duplicate.
    await m.advance(60 * 60_000);
    assert.deepEqual(await m.acme.panelView(ours).then((v) => v.links.map((l) => [l.partner.issueKey, l.state])), [[theirs.key, 'in-sync']]);
    assert.deepEqual(await m.globex.panelView(theirs).then((v) => v.links.map((l) => l.partner.issueKey)), [ours.key]);
    assert.equal((await m.acme.search(`project = ${m.acme.project}`)).length, before.acme, 'no issue created on acme');
    assert.equal((await m.globex.search(`project = ${m.globex.project}`)).length, before.globex, 'no issue created on globex');
    assert.deepEqual((await m.globex.issue(theirs.key, 'labels')).fields.labels, ['printer'], 'acme\'s values reached the linked issue');

    await m.globex.edit(theirs.key, { summary: 'Link: printer jam, toner replaced' });
    await m.settle();
    assert.equal((await m.acme.issue(ours.key, 'summary')).fields.summary, 'Link: printer jam, toner replaced');

    // An issue already linked cannot be linked again.
    const twice = await m.acme.panel('panel/link', ours, { connectionId: m.connectionId, partnerIssueKey: theirs.key });
    assert.equal(twice.ok ? null : twice.error.code, 'conflict');
  });

  test("a declined link request leaves globex's issue untouched and shows acme's agent that it was declined", async () => {
    const ours = await m.acme.createIssue({ summary: 'Decline: acme wants to link' });
    const theirs = await m.globex.createIssue({ summary: 'Decline: globex keeps its own' });
    await m.settle();
    ok(await m.acme.panel('panel/link', ours, { connectionId: m.connectionId, partnerIssueKey: theirs.key }));
    await m.settle();
    const [request] = (await m.globex.panelView(theirs)).linkRequests ?? [];
    assert.ok(request, 'globex holds the request');
    const admins = await m.globex.admin<Array<{ pairId: string }>>('admin/link-requests/list');
    assert.ok(admins.some((r) => r.pairId === request.pairId), 'and its admin page lists it');
    ok(await m.globex.panel('panel/link-requests/decline', theirs, { connectionId: m.connectionId, pairId: request.pairId }));
    await m.settle();
    assert.equal((await m.globex.panelView(theirs)).linkRequests, undefined, 'answered: gone from the panel');
    const link = (await m.acme.panelView(ours)).links[0];
    assert.equal(link?.state, 'unlinked');
    assert.ok(link?.errors.some((e) => /declined/.test(e.reason)), JSON.stringify(link));
    await m.advance(60 * 60_000);
    assert.equal((await m.globex.issue(theirs.key, 'summary')).fields.summary, 'Decline: globex keeps its own');
    assert.deepEqual((await m.globex.panelView(theirs)).links, [], 'globex never linked');
    assert.equal((await m.acme.issue(ours.key, 'summary')).fields.summary, 'Decline: acme wants to link');
  });

  test('unlinking stops both sides; both issues stay', async () => {
    const issue = await m.acme.createIssue({ summary: 'Unlink: mirrored for a while' });
    ok(await m.acme.panel('panel/start', issue, { connectionId: m.connectionId }));
    await m.settle();
    const mirror = await m.partnerOf(m.acme, issue);

    assert.deepEqual(ok(await m.acme.panel('panel/unlink', issue, { connectionId: m.connectionId })), { unlinked: true });
    await m.settle();
    assert.deepEqual((await m.acme.panelView(issue)).links.map((l) => l.state), ['unlinked']);
    assert.deepEqual((await m.globex.panelView(mirror)).links.map((l) => l.state), ['unlinked'], 'the partner learnt it');

    const quiet = traffic(m);
    await m.acme.edit(issue.key, { summary: 'Unlink: edited on acme after' });
    await m.globex.edit(mirror.key, { summary: 'Unlink: edited on globex after' });
    await m.advance(60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Unlink: edited on globex after');
    assert.equal((await m.acme.issue(issue.key, 'summary')).fields.summary, 'Unlink: edited on acme after');
    assert.equal(traffic(m) - quiet, 0, 'no message crossed after the unlink');
    const again = await m.acme.panel('panel/unlink', issue, { connectionId: m.connectionId });
    assert.equal(again.ok ? null : again.error.code, 'conflict');
  });
});
