// One project, several partners (issue 16, item 8): acme shares ACME with globex and with umbrella (a
// third Jira site), each connection with its own rule. A change made on globex reaches umbrella
// through acme only when acme's rule with globex accepts it and acme's rule with umbrella shares it,
// and nothing comes back: every message between the three sites is counted. Then the same with
// initech's ServiceNow incidents as acme's second partner.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxWorld } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import { connectDemo, demoRule } from '../../../sandbox/demo/liaison-demo';
import { serviceNowDemo } from '../../../sandbox/demo/servicenow-demo';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import { basicHttp } from '../servicenow/support';
import { appRoot } from '../../support/paths';
import { SiteHandle, T0, type IssueRef, type SiteName } from './support';

const SENDERS = new Set(['outbox-sender', 'issue-events', 'background-work']);

describe('one project shared with two Jira partners', () => {
  let world: SandboxWorld;
  let clock: SandboxClock;
  let acme: SiteHandle;
  let globex: SiteHandle;
  let umbrella: SiteHandle;
  let viaGlobex = '';
  let viaUmbrella = '';
  const settle = () => world.settle();

  /** Sync messages `from` sent to `to`'s inbox so far (health pings of the maintenance are not sync). */
  const sent = (from: SiteHandle, to: SiteHandle): number => {
    const inbox = to.site.installation.webTriggerUrl('partner-inbox');
    return from.recorder.entries({ kind: 'egress', method: 'POST' }).filter((e) => SENDERS.has(e.moduleKey) && e.url === inbox).length;
  };
  const traffic = () => ({
    globexToAcme: sent(globex, acme), acmeToGlobex: sent(acme, globex),
    acmeToUmbrella: sent(acme, umbrella), umbrellaToAcme: sent(umbrella, acme),
  });
  const delta = (before: ReturnType<typeof traffic>) => {
    const now = traffic();
    return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
  };

  /** acme's copy of a globex issue, and umbrella's copy of acme's, read from acme's panel. */
  async function copies(source: IssueRef): Promise<{ onAcme: IssueRef; onUmbrella: IssueRef | null }> {
    const globexLink = (await globex.panelView(source)).links.find((l) => l.connectionId === viaGlobex);
    assert.ok(globexLink?.partner.issueKey && globexLink.partner.issueId, `globex: ${source.key} is linked on acme`);
    const onAcme = { id: globexLink.partner.issueId, key: globexLink.partner.issueKey };
    const link = (await acme.panelView(onAcme)).links.find((l) => l.connectionId === viaUmbrella);
    return { onAcme, onUmbrella: link?.partner.issueKey && link.partner.issueId ? { id: link.partner.issueId, key: link.partner.issueKey } : null };
  }

  async function saveRule(site: SiteHandle, connectionId: string, edit: (rule: ReturnType<typeof demoRule>) => void): Promise<void> {
    const rule = demoRule(connectionId, site.project);
    edit(rule);
    await site.admin('admin/rules/save', { rule, comment: 'many-partners test' });
    await settle();
  }

  before(async () => {
    clock = new SandboxClock({ mode: 'manual', start: T0 });
    world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme' }, { name: 'globex' }, { name: 'umbrella' }], clock });
    acme = new SiteHandle(world, 'acme');
    globex = new SiteHandle(world, 'globex');
    // SiteHandle's calls work for any site of the world; its type names the two-site suites' pair.
    umbrella = new SiteHandle(world, 'umbrella' as SiteName);
    viaGlobex = (await connectDemo(world, 'acme', 'globex')).connectionId;
    viaUmbrella = (await connectDemo(world, 'acme', 'umbrella')).connectionId;
    await settle();
  });

  after(() => world.close());

  test('an issue created on globex is mirrored to umbrella through acme, and the panel lists both partners', async () => {
    const source = await globex.createIssue({ summary: 'Printer on fire', priority: { name: 'High' } });
    await settle();
    const { onAcme, onUmbrella } = await copies(source);
    assert.ok(onUmbrella, 'acme relayed the new issue to umbrella');
    assert.equal((await umbrella.issue(onUmbrella.key)).fields.summary, 'Printer on fire');

    const panel = await acme.panelView(onAcme);
    const shown = panel.links.map((l) => ({ connection: l.connectionId, partner: l.partnerName, key: l.partner.issueKey, state: l.state }));
    assert.deepEqual(shown.map((s) => s.connection).sort(), [viaGlobex, viaUmbrella].sort());
    assert.deepEqual(shown.map((s) => s.key).sort(), [source.key, onUmbrella.key].sort());
    assert.match(String(shown.find((s) => s.connection === viaGlobex)?.partner), /Globex/);
    assert.match(String(shown.find((s) => s.connection === viaUmbrella)?.partner), /Umbrella/);
    assert.deepEqual(panel.available, [], 'nothing left to start: the issue is linked on both connections');
  });

  test('an edit on globex flows to umbrella once, costs acme one issue read to relay, and nothing loops back', async () => {
    const source = await globex.createIssue({ summary: 'Badge reader offline' });
    await settle();
    const { onAcme, onUmbrella } = await copies(source);
    assert.ok(onUmbrella);

    const before = traffic();
    const reads = () => acme.recorder.entries({ kind: 'product', moduleKey: 'background-work', method: 'GET' }).filter((e) => e.path.startsWith(`/rest/api/3/issue/${onAcme.id}`)).length;
    const readsBefore = reads();
    await globex.edit(source.key, { summary: 'Badge reader offline in building 2', priority: { name: 'Highest' } });
    await globex.addComment(source.key, 'Facilities are on their way.');
    await settle();
    const onU = await umbrella.issue(onUmbrella.key, 'summary,priority');
    assert.equal(onU.fields.summary, 'Badge reader offline in building 2');
    assert.equal((onU.fields.priority as { name: string }).name, 'Highest');
    assert.deepEqual((await umbrella.comments(onUmbrella.key)).map((c) => c.text.includes('Facilities are on their way.')), [true]);
    const moved = delta(before);
    assert.equal(moved.acmeToGlobex, 0, 'acme sends globex nothing back');
    assert.equal(moved.umbrellaToAcme, 0, "umbrella's copy does not come back to acme as a change");
    assert.ok(moved.globexToAcme! >= 1 && moved.acmeToUmbrella! >= 1, JSON.stringify(moved));
    assert.ok(moved.acmeToUmbrella! <= moved.globexToAcme!, `one relayed message per message received: ${JSON.stringify(moved)}`);
    assert.ok(reads() - readsBefore <= moved.globexToAcme!, 'the relay reads the issue once per change, whatever the number of connections');

    // The sweep and the maintenance find nothing left to carry, in either direction.
    const quiet = traffic();
    await clock.advance(11 * 60_000);
    await settle();
    assert.deepEqual(delta(quiet), { globexToAcme: 0, acmeToGlobex: 0, acmeToUmbrella: 0, umbrellaToAcme: 0 });
    assert.equal((await globex.issue(source.key, 'summary')).fields.summary, 'Badge reader offline in building 2');
  });

  test("a change acme's rule with globex does not accept stays on globex, and never reaches umbrella", async () => {
    const source = await globex.createIssue({ summary: 'Door alarm chirps', labels: ['security'] });
    await settle();
    const { onAcme, onUmbrella } = await copies(source);
    assert.ok(onUmbrella);
    await saveRule(acme, viaGlobex, (r) => {
      r.fields.labels = { direction: 'out' };
    });
    try {
      const before = traffic();
      await globex.edit(source.key, { labels: ['security', 'noise'] });
      await settle();
      assert.deepEqual((await acme.issue(onAcme.key, 'labels')).fields.labels, ['security'], 'acme does not take labels from globex');
      assert.deepEqual((await umbrella.issue(onUmbrella.key, 'labels')).fields.labels, ['security']);
      assert.equal(delta(before).acmeToUmbrella, 0, 'nothing to relay');
    } finally {
      await saveRule(acme, viaGlobex, () => undefined);
    }
  });

  test("a change acme accepts from globex reaches umbrella only in what acme's rule with umbrella shares", async () => {
    const source = await globex.createIssue({ summary: 'Coffee machine leaks', labels: ['kitchen'] });
    await settle();
    const { onAcme, onUmbrella } = await copies(source);
    assert.ok(onUmbrella);
    await saveRule(acme, viaUmbrella, (r) => {
      r.fields.summary = { direction: 'in' };
    });
    try {
      await globex.edit(source.key, { summary: 'Coffee machine leaks on the floor', labels: ['kitchen', 'water'] });
      await settle();
      assert.equal((await acme.issue(onAcme.key, 'summary')).fields.summary, 'Coffee machine leaks on the floor', 'acme accepts it');
      const onU = await umbrella.issue(onUmbrella.key, 'summary,labels');
      assert.equal(onU.fields.summary, 'Coffee machine leaks', 'acme does not share the summary with umbrella');
      assert.deepEqual(onU.fields.labels, ['kitchen', 'water'], 'the labels it shares go');
    } finally {
      await saveRule(acme, viaUmbrella, () => undefined);
    }
  });

  test("globex deletes its issue, acme's rule follows by deleting, and umbrella is told as for any delete", async () => {
    const source = await globex.createIssue({ summary: 'Old vending machine' });
    await settle();
    const { onAcme, onUmbrella } = await copies(source);
    assert.ok(onUmbrella);
    await saveRule(acme, viaGlobex, (r) => Object.assign(r.incoming, { onPartnerDelete: 'delete' }));
    try {
      await globex.rest('DELETE', `/rest/api/3/issue/${source.key}`);
      await settle();
      assert.equal((await acme.call('GET', `/rest/api/3/issue/${onAcme.key}`)).status, 404, 'acme follows the delete');
      // umbrella's own rule keeps its issue (unlink, the default) and says why on it.
      assert.ok((await umbrella.comments(onUmbrella.key)).some((c) => c.text.includes('was deleted on the partner')));
      const link = (await umbrella.panelView(onUmbrella)).links[0];
      assert.equal(link?.state, 'unlinked');
    } finally {
      await saveRule(acme, viaGlobex, () => undefined);
    }
  });

  test('an edit on umbrella reaches globex through acme the same way', async () => {
    const source = await umbrella.createIssue({ summary: 'Projector flickers' });
    await settle();
    const onAcme = (await umbrella.panelView(source)).links[0];
    assert.ok(onAcme?.partner.issueKey && onAcme.partner.issueId);
    const acmeIssue = { id: onAcme.partner.issueId, key: onAcme.partner.issueKey };
    const toGlobex = (await acme.panelView(acmeIssue)).links.find((l) => l.connectionId === viaGlobex);
    assert.ok(toGlobex?.partner.issueKey, 'created on globex too');
    const before = traffic();
    await umbrella.transition(source.key, 'In Progress');
    await settle();
    assert.equal(await globex.status(toGlobex.partner.issueKey), 'In Progress');
    const moved = delta(before);
    assert.equal(moved.acmeToUmbrella, 0, 'acme sends umbrella nothing back');
    assert.equal(sent(globex, acme) - before.globexToAcme, 0, "globex's copy does not come back");
  });
});

describe('one project shared with a Jira partner and a ServiceNow instance', () => {
  let world: SandboxWorld;
  let clock: SandboxClock;
  let acme: SiteHandle;
  let globex: SiteHandle;
  let viaGlobex = '';
  let viaInitech = '';
  const settle = () => world.settle();

  before(async () => {
    clock = new SandboxClock({ mode: 'manual', start: T0 });
    world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme' }, { name: 'globex' }], servicenow: [{ name: 'initech' }], clock });
    acme = new SiteHandle(world, 'acme');
    globex = new SiteHandle(world, 'globex');
    viaGlobex = (await connectDemo(world, 'acme', 'globex')).connectionId;
    // initech's incidents, with the shipped business rule pushing its agents' edits to acme.
    await world.serviceNow.get('initech')!.listen(0);
    viaInitech = (await serviceNowDemo(world, { site: 'acme', instance: 'initech' })).connectionId;
    await settle();
  });

  after(() => world.close());

  test("an issue from globex becomes an incident on initech, and an agent's edit there reaches globex through acme", async () => {
    const source = await globex.createIssue({ summary: 'Server room too hot' });
    await settle();
    const onAcme = (await globex.panelView(source)).links.find((l) => l.connectionId === viaGlobex)?.partner;
    assert.ok(onAcme?.issueKey && onAcme.issueId);
    const acmeIssue = { id: onAcme.issueId, key: onAcme.issueKey };
    const links = (await acme.panelView(acmeIssue)).links;
    assert.deepEqual(links.map((l) => l.connectionId).sort(), [viaGlobex, viaInitech].sort(), "acme's panel lists globex and initech");
    const incident = links.find((l) => l.connectionId === viaInitech)!;
    assert.match(String(incident.partner.issueKey), /^INC\d+$/);
    assert.equal(incident.partner.kind, 'servicenow');

    const sn = world.serviceNow.get('initech')!;
    const agent = new ServiceNowClient(basicHttp(sn, { username: 'beth.anglin', password: 'beth-initech-pw' }));
    await clock.advance(1_000);
    await agent.update('incident', incident.partner.issueId!, { short_description: 'Server room too hot, door propped open' });
    await settle();
    assert.equal((await acme.issue(acmeIssue.key, 'summary')).fields.summary, 'Server room too hot, door propped open');
    assert.equal((await globex.issue(source.key, 'summary')).fields.summary, 'Server room too hot, door propped open');
    // Nothing went back to the incident: its journal and its update count stay as the agent left them.
    const integration = new ServiceNowClient(basicHttp(sn, { username: 'liaison.integration', password: 'liaison-initech-pw' }));
    const before = await integration.get('incident', incident.partner.issueId!, { fields: ['sys_mod_count'] });
    await clock.advance(11 * 60_000);
    await settle();
    assert.deepEqual(await integration.get('incident', incident.partner.issueId!, { fields: ['sys_mod_count'] }), before);
  });

  test('given the business rule off, when an agent edits four incidents, then one poll brings them to acme and relays them to globex in one work event', async (t) => {
    const sn = world.serviceNow.get('initech')!;
    const agent = new ServiceNowClient(basicHttp(sn, { username: 'beth.anglin', password: 'beth-initech-pw' }));
    const pairs: Array<{ source: IssueRef; incident: string }> = [];
    for (let i = 1; i <= 4; i++) pairs.push({ source: await globex.createIssue({ summary: `Badge reader ${i} offline` }), incident: '' });
    await settle();
    for (const p of pairs) {
      const onAcme = (await globex.panelView(p.source)).links.find((l) => l.connectionId === viaGlobex)!.partner;
      p.incident = (await acme.panelView({ id: onAcme.issueId!, key: onAcme.issueKey! })).links.find((l) => l.connectionId === viaInitech)!.partner.issueId!;
    }
    // Only polling carries these edits now.
    sn.disableBusinessRule();
    await clock.advance(1_000);
    for (const [i, p] of pairs.entries()) await agent.update('incident', p.incident, { short_description: `Badge reader ${i + 1} offline, replaced` });
    acme.recorder.reset();
    await clock.advance(5 * 60_000);
    await settle();
    for (const [i, p] of pairs.entries()) assert.equal((await globex.issue(p.source.key, 'summary')).fields.summary, `Badge reader ${i + 1} offline, replaced`);
    const relayPushes = acme.recorder.entries({ kind: 'queue', op: 'push' }).filter((e) => e.moduleKey === 'background-work').length;
    const work = acme.recorder.entries({}).filter((e) => e.moduleKey === 'background-work');
    t.diagnostic(`acme's background work for the poll and its relay: ${work.filter((e) => e.kind === 'invocation').length} invocations, ${work.filter((e) => e.kind === 'kvs').length} KVS operations, ${work.filter((e) => e.kind === 'product').length} Jira calls for 4 records`);
    assert.equal(relayPushes, 1, 'the poll slice asked for one relay event for its four records (it asked for one each before)');
  });
});
