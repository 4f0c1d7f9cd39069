// The reconciliation sweep: a change saved in Jira whose product event never reached Liaison (Forge
// drops events over 200 kB, delivery can lag, an invocation can die before planning) is found by
// the five-minute maintenance's sweep and mirrored, once; an issue whose create event was lost is
// created on the partner only if the rule's scope takes it; a sweep over an unchanged project
// writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PRODUCT_EVENT_MAX_BYTES } from '../../../sandbox/platform/product-events';
import type { AuditPage } from '../../../src/shared/resolver-contract';
import { walkDueNow } from './delete-walk';
import { startMirror, type Mirror, type SiteHandle } from './support';

const MAINTENANCE_MS = 5 * 60_000;

/** The next `eventType` event of the site reaches no trigger. */
const dropNext = (site: SiteHandle, eventType: string) => site.jira.faults.dropEvents({ next: 1, when: (e) => e.eventType === eventType });

const summaryOf = async (site: SiteHandle, key: string) => String((await site.issue(key, 'summary')).fields.summary);

describe('reconciliation sweep', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    // Sharing began at the clock's start; what the tests change happens a minute later.
    await m.advance(60_000);
  });
  after(() => m.close());

  test('given a mirrored issue, when its summary edit event is dropped, then the next maintenance sweep mirrors it, once', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Printer jams on tray 2' });
    await m.advance(30_000);
    dropNext(m.acme, 'avi:jira:updated:issue');
    await m.acme.edit(source.key, { summary: 'Printer jams on tray 2 and 3' });
    await m.settle();
    assert.equal(m.acme.jira.faults.counts.droppedEvents, 1);
    assert.equal(await summaryOf(m.globex, mirror.key), 'Printer jams on tray 2', 'without its event, the edit has not travelled yet');

    await m.advance(MAINTENANCE_MS);
    assert.equal(await summaryOf(m.globex, mirror.key), 'Printer jams on tray 2 and 3');
    assert.equal((await m.globex.findBySummary('Printer jams on tray')).length, 1, 'no second issue on globex');
    assert.equal(await summaryOf(m.acme, source.key), 'Printer jams on tray 2 and 3', 'no echo overwrote the source');
  });

  test('given an issue whose create event is dropped, then the sweep creates its mirror, and a second sweep no second one', async () => {
    dropNext(m.acme, 'avi:jira:created:issue');
    const lost = await m.acme.createIssue({ summary: 'Badge reader offline in lobby' });
    await m.settle();
    assert.equal((await m.globex.findBySummary('Badge reader offline')).length, 0);

    await m.advance(MAINTENANCE_MS);
    await m.advance(MAINTENANCE_MS);
    assert.equal((await m.globex.findBySummary('Badge reader offline')).length, 1);
    await m.partnerOf(m.acme, lost);
  });

  test('given an edit whose event is over 200 kB (so Forge never delivers it), then the sweep still carries the change', async () => {
    // The event's changelog carries the labels' whole old and new value: long label lists make an
    // edit's event pass Forge's limit while each version of the issue stays a normal size.
    const labels = Array.from({ length: 450 }, (_, i) => `quarterly-report-figure-${String(i).padStart(4, '0')}-${'x'.repeat(221)}`);
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Quarterly report numbers', labels });
    await m.advance(30_000);
    const revised = [...labels.slice(1), 'revised'];
    assert.ok(labels.join(' ').length + revised.join(' ').length > PRODUCT_EVENT_MAX_BYTES);
    const before = m.acme.recorder.count({ kind: 'invocation', moduleKey: 'issue-events' });
    await m.acme.edit(source.key, { labels: revised, summary: 'Quarterly report numbers (revised)' });
    await m.settle();
    assert.equal(m.acme.recorder.count({ kind: 'invocation', moduleKey: 'issue-events' }), before, 'the oversized event reached no trigger');
    assert.equal(await summaryOf(m.globex, mirror.key), 'Quarterly report numbers');

    await m.advance(MAINTENANCE_MS);
    const mirrored = await m.globex.issue(mirror.key, 'summary,labels');
    assert.equal(mirrored.fields.summary, 'Quarterly report numbers (revised)');
    assert.deepEqual([...(mirrored.fields.labels as string[])].sort(), [...revised].sort());
  });

  test('given a project where nothing changed since the last sweep, then a sweep costs one search per site and writes nothing', async () => {
    await m.advance(MAINTENANCE_MS);
    await m.advance(MAINTENANCE_MS);
    const marks = [m.acme, m.globex].map((s) => ({ s, kvs: s.recorder.count({ kind: 'kvs' }), product: s.recorder.count({ kind: 'product' }) }));
    const since = (s: SiteHandle, kind: 'kvs' | 'product', n: number) => s.recorder.entries({ kind }).slice(n).filter((e) => e.moduleKey === 'background-work');
    await m.advance(MAINTENANCE_MS);
    for (const { s, kvs, product } of marks) {
      const storage = since(s, 'kvs', kvs) as Array<{ op: string }>;
      const jira = since(s, 'product', product) as Array<{ method: string; path: string }>;
      assert.deepEqual(storage.map((e) => e.op).filter((op) => !/(^|\/)(get|query)$/.test(op)), [], `${s.name}: the sweep wrote to storage`);
      assert.deepEqual(jira.map((e) => `${e.method} ${e.path.split('?')[0]}`), ['POST /rest/api/3/search/jql'], `${s.name}: one search, no issue read`);
    }
  });
});

describe('lost deletes', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await m.advance(60_000);
  });
  after(() => m.close());

  test('given a mirrored issue deleted while its delete event was lost, then within a day the lost-delete walk unlinks the pair and tells the partner, once', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Delete lost: stale ticket' });
    const { mirror: stays } = await m.createMirrored(m.acme, { summary: 'Delete lost: ticket that stays' });
    await m.advance(30_000);
    dropNext(m.acme, 'avi:jira:deleted:issue');
    await m.acme.rest('DELETE', `/rest/api/3/issue/${source.key}`);
    await m.settle();
    assert.equal(m.acme.jira.faults.counts.droppedEvents, 1);
    assert.deepEqual((await m.globex.panelView(mirror)).links.map((l) => l.state), ['in-sync'], 'without its event, the delete has not travelled yet');

    const product = m.acme.recorder.count({ kind: 'product' });
    // The connection's pairs are walked once a day (core/sync/lost-deletes.ts): its first walk, at
    // connect, found no pairs, so the next begins a day later.
    await m.advance(MAINTENANCE_MS);
    assert.deepEqual((await m.globex.panelView(mirror)).links.map((l) => l.state), ['in-sync'], 'not checked again before the day is out');
    walkDueNow(m, m.acme); // … a day later
    await m.advance(MAINTENANCE_MS);
    assert.deepEqual((await m.globex.panelView(mirror)).links.map((l) => l.state), ['unlinked']);
    const notes = await m.globex.comments(mirror.key);
    assert.equal(notes.length, 1, 'the deletion is noted on the copy, as for a delivered delete');
    assert.match(notes[0]!.text, new RegExp(`The partner issue ${source.key} was deleted on the partner's side`));
    assert.deepEqual((await m.globex.panelView(stays)).links.map((l) => l.state), ['in-sync'], 'the issue that still exists keeps its pair');
    const checks = (m.acme.recorder.entries({ kind: 'product' }).slice(product) as Array<{ method: string; path: string; moduleKey?: string }>).filter((e) => e.moduleKey !== 'background-work' && /search\/jql|issue\/\d+\?fields=id/.test(e.path));
    assert.deepEqual(checks.map((e) => `${e.method} ${e.path.split('?')[0]!.replace(/\d+$/, '{id}')}`), ['POST /rest/api/3/search/jql', 'GET /rest/api/3/issue/{id}'], 'one search for the slice, one read to confirm the gone issue');

    // The next run finds nothing more to do: no second unlink, no second note.
    await m.advance(MAINTENANCE_MS);
    assert.equal((await m.globex.comments(mirror.key)).length, 1);
    const audit = await m.acme.admin<AuditPage>('admin/audit/list', { connectionId: m.connectionId });
    assert.equal(audit.items.filter((e) => e.action === 'pair-unlinked' && e.detail === 'deleted').length, 1);
  });
});

describe('reconciliation sweep and the rule scope', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await m.saveRule(m.acme, (r) => void ((r as Record<string, unknown>).scope = { labels: ['partner'] }), 'only issues labelled partner');
    await m.advance(60_000);
  });
  after(() => m.close());

  test('given lost create events, then the sweep mirrors the issue in scope and leaves the one out of scope home', async () => {
    m.acme.jira.faults.dropEvents({ next: 2, when: (e) => e.eventType === 'avi:jira:created:issue' });
    const inScope = await m.acme.createIssue({ summary: 'VPN drops every hour', labels: ['partner'] });
    await m.acme.createIssue({ summary: 'Internal lunch order', labels: ['internal'] });
    await m.settle();
    await m.advance(MAINTENANCE_MS);
    assert.equal((await m.globex.findBySummary('VPN drops every hour')).length, 1);
    assert.equal((await m.globex.findBySummary('Internal lunch order')).length, 0);
    await m.partnerOf(m.acme, inScope);
  });
});
