// An issue entering scope on acme is created once on globex, under globex's own incoming rule, and
// the two are linked on both sides; scope filters and the pilot scope keep other issues home.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMirror, type Mirror } from './support';

describe('Jira ↔ Jira: create', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  test('an issue created on acme appears once on globex with the shared fields, linked both ways', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, {
      summary: 'Checkout fails for EU cards', priority: { name: 'High' }, labels: ['payments', 'eu'], duedate: '2030-02-01',
      customfield_10020: 'CR-2001', customfield_10021: 7, customfield_10022: { value: 'Sev 1' },
    });
    assert.equal((await m.globex.findBySummary('Checkout fails for EU cards')).length, 1, 'exactly one issue on globex');
    const copy = await m.globex.issue(mirror.key);
    assert.match(copy.key, /^GLX-\d+$/);
    assert.equal((copy.fields.issuetype as { name: string }).name, 'Task');
    assert.equal((copy.fields.priority as { name: string }).name, 'High');
    assert.deepEqual([...(copy.fields.labels as string[])].sort(), ['eu', 'payments']);
    assert.equal(copy.fields.duedate, '2030-02-01');
    assert.equal(copy.fields.customfield_10020, 'CR-2001');
    assert.equal(copy.fields.customfield_10021, 7);
    assert.equal((copy.fields.customfield_10022 as { value: string }).value, 'Sev 1');

    // Linked on both sides: each panel names the other issue, in sync.
    const here = await m.acme.panelView(source);
    assert.deepEqual(here.links.map((l) => [l.partner.issueKey, l.state]), [[mirror.key, 'in-sync']]);
    const there = await m.globex.panelView(mirror);
    assert.deepEqual(there.links.map((l) => [l.partner.issueKey, l.partner.issueId, l.state]), [[source.key, source.id, 'in-sync']]);
    assert.ok(there.links[0]!.shared.in.includes('summary'));
    // Each panel can link to the partner issue's own page.
    assert.equal(here.links[0]!.partner.url, `https://globex.atlassian.net/browse/${mirror.key}`);
    assert.equal(there.links[0]!.partner.url, `https://acme.atlassian.net/browse/${source.key}`);

    // Jira's own issue view shows the mirror: a remote link on each issue to the other one.
    const acmeLinks = await m.acme.remoteLinks(source.key);
    assert.deepEqual(acmeLinks.map((l) => l.object.title), [mirror.key]);
    assert.match(acmeLinks[0]!.object.url, new RegExp(`^https://globex\\.atlassian\\.net/browse/${mirror.key}$`));
    const globexLinks = await m.globex.remoteLinks(mirror.key);
    assert.deepEqual(globexLinks.map((l) => l.object.title), [source.key]);
    assert.match(globexLinks[0]!.object.url, new RegExp(`^https://acme\\.atlassian\\.net/browse/${source.key}$`));

    // Editing the original again does not create a second copy.
    await m.acme.edit(source.key, { summary: 'Checkout fails for EU cards (3DS)' });
    await m.settle();
    assert.equal((await m.globex.findBySummary('Checkout fails for EU cards')).length, 1);
  });

  test("globex's own incoming rule decides the issue type and the defaults of what acme creates", async () => {
    // Acme keeps its labels to itself; globex labels what acme creates.
    await m.saveRule(m.acme, (r) => {
      r.fields.labels = { direction: 'in' } as (typeof r.fields)['labels'];
    }, 'labels stay home');
    await m.saveRule(m.globex, (r) => {
      r.incoming.create.issueType = 'Bug';
      (r.incoming as Record<string, unknown>).defaults = { labels: { kind: 'options', names: ['from-acme'] } };
    }, 'partner issues land as bugs');
    const { mirror } = await m.createMirrored(m.acme, { summary: 'Arrives as a bug', labels: ['internal-only'] });
    const copy = await m.globex.issue(mirror.key, 'issuetype,labels');
    assert.equal((copy.fields.issuetype as { name: string }).name, 'Bug');
    assert.deepEqual(copy.fields.labels, ['from-acme']);
    await m.saveRule(m.globex, undefined, 'back to tasks');
    await m.saveRule(m.acme, undefined, 'labels shared again');
  });

  test('an issue outside the scope filter stays home until it enters scope, then syncs once', async () => {
    await m.saveRule(m.acme, (r) => {
      (r as Record<string, unknown>).scope = { labels: ['customer'] };
    }, 'only customer issues');
    const internal = await m.acme.createIssue({ summary: 'Scope: internal refactoring', labels: ['tech-debt'] });
    await m.settle();
    assert.deepEqual(await m.globex.findBySummary('Scope: internal refactoring'), []);
    const view = await m.acme.panelView(internal);
    assert.deepEqual(view.links, []);
    assert.deepEqual(view.available.map((a) => [a.inScope, a.reason]), [[false, 'no scope label']]);

    await m.acme.edit(internal.key, { labels: ['tech-debt', 'customer'] });
    await m.settle();
    assert.equal((await m.globex.findBySummary('Scope: internal refactoring')).length, 1, 'entering scope creates it once');
  });

  test('with a pilot scope only pilot issues leave acme', async () => {
    await m.saveRule(m.acme, (r) => {
      (r as Record<string, unknown>).scope = { pilot: { labels: ['pilot'] } };
    }, 'pilot first');
    await m.acme.createIssue({ summary: 'Pilot: regular issue' });
    const pilot = await m.acme.createIssue({ summary: 'Pilot: chosen issue', labels: ['pilot'] });
    await m.settle();
    assert.deepEqual(await m.globex.findBySummary('Pilot: regular'), []);
    assert.equal((await m.globex.findBySummary('Pilot: chosen issue')).length, 1);
    assert.equal((await m.acme.panelView(pilot)).links.length, 1);
    await m.saveRule(m.acme, undefined, 'pilot over');
  });
  test('issues both sites created under the same issue id each get their own pair and mirror (ids are per site)', async () => {
    // Both emulated sites number issues from 10000, as two real sites may: created alternately, an
    // acme issue and a globex issue end up with the same id, and each must still be mirrored once.
    const made: Array<{ from: 'acme' | 'globex'; source: { id: string; key: string } }> = [];
    for (let i = 0; i < 3; i++) {
      made.push({ from: 'acme', source: (await m.createMirrored(m.acme, { summary: `Same id? acme ${i}` })).source });
      made.push({ from: 'globex', source: (await m.createMirrored(m.globex, { summary: `Same id? globex ${i}` })).source });
    }
    const acmeIds = new Set(made.filter((x) => x.from === 'acme').map((x) => x.source.id));
    assert.ok(made.some((x) => x.from === 'globex' && acmeIds.has(x.source.id)), 'the test made an id both sites use');
    for (const { from } of made) {
      const there = from === 'acme' ? m.globex : m.acme;
      for (let i = 0; i < 3; i++) assert.equal((await there.findBySummary(`Same id? ${from} ${i}`)).length, 1, `${from} ${i} mirrored once`);
    }
  });
});
