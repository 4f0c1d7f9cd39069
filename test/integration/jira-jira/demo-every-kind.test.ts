// `npm start` shows it all (issue 16, item 9): with the demo seeds and the rule npm start saves
// between ACME and GLX, each field kind crosses as a newcomer would try it with a Jira client —
// components and versions by name, estimates, a sub-task under its parent's copy, a link between two
// copies, and a worklog, from acme to globex and back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxWorld } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import { demoSeed, everyKindRule, EVERY_KIND_FIELDS } from '../../../sandbox/demo/every-kind';
import { connectDemo } from '../../../sandbox/demo/liaison-demo';
import { appRoot } from '../../support/paths';
import { SiteHandle, T0, type IssueRef } from './support';

describe("npm start's rule between ACME and GLX shares every kind both ways", () => {
  let world: SandboxWorld;
  let acme: SiteHandle;
  let globex: SiteHandle;
  let connectionId = '';
  const settle = () => world.settle();
  const names = (v: unknown) => ((v ?? []) as Array<{ name: string }>).map((x) => x.name).sort();

  async function copyOn(from: SiteHandle, issue: IssueRef): Promise<IssueRef> {
    const link = (await from.panelView(issue)).links.find((l) => l.connectionId === connectionId);
    assert.ok(link?.partner.issueKey && link.partner.issueId, `${from.name}: ${issue.key} has its copy on the partner`);
    return { id: link.partner.issueId, key: link.partner.issueKey };
  }

  before(async () => {
    const clock = new SandboxClock({ mode: 'manual', start: T0 });
    world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme', seed: demoSeed('acme') }, { name: 'globex', seed: demoSeed('globex') }], clock });
    acme = new SiteHandle(world, 'acme');
    globex = new SiteHandle(world, 'globex');
    connectionId = (await connectDemo(world, 'acme', 'globex', { rule: everyKindRule, fields: EVERY_KIND_FIELDS })).connectionId;
    await settle();
  });

  after(() => world.close());

  test('components, versions and estimates cross by name, and come back changed', async () => {
    const issue = await acme.createIssue({
      summary: 'Invoices show the wrong VAT', components: [{ name: 'Billing' }], fixVersions: [{ name: '1.1' }], versions: [{ name: '1.0' }],
      timetracking: { originalEstimate: '2h', remainingEstimate: '2h' },
    });
    await settle();
    const copy = await copyOn(acme, issue);
    const onGlobex = (await globex.issue(copy.key, 'components,fixVersions,versions,timetracking')).fields;
    assert.deepEqual(names(onGlobex.components), ['Billing']);
    assert.deepEqual(names(onGlobex.fixVersions), ['1.1']);
    assert.deepEqual(names(onGlobex.versions), ['1.0']);
    assert.equal((onGlobex.timetracking as { originalEstimateSeconds?: number }).originalEstimateSeconds, 7200);

    await globex.edit(copy.key, { components: [{ name: 'Billing' }, { name: 'Portal' }], fixVersions: [{ name: '2.0' }] });
    await settle();
    const back = (await acme.issue(issue.key, 'components,fixVersions')).fields;
    assert.deepEqual(names(back.components), ['Billing', 'Portal']);
    assert.deepEqual(names(back.fixVersions), ['2.0']);
  });

  test("a sub-task goes under its parent's copy, a link joins the two copies, a worklog crosses back", async () => {
    const parent = await acme.createIssue({ summary: 'Migrate the portal to the new login' });
    const other = await acme.createIssue({ summary: 'Retire the old login page' });
    await settle();
    const sub = await acme.rest<IssueRef>('POST', '/rest/api/3/issue', { fields: { project: { key: acme.project }, issuetype: { name: 'Sub-task' }, parent: { key: parent.key }, summary: 'Move the session cookie' } });
    await acme.rest('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, outwardIssue: { key: parent.key }, inwardIssue: { key: other.key } });
    await settle();
    const [parentCopy, otherCopy, subCopy] = [await copyOn(acme, parent), await copyOn(acme, other), await copyOn(acme, sub)];
    const subOnGlobex = (await globex.issue(subCopy.key, 'parent,issuetype')).fields;
    assert.equal((subOnGlobex.parent as { key: string }).key, parentCopy.key);
    assert.equal((subOnGlobex.issuetype as { name: string }).name, 'Sub-task');
    const links = (await globex.issue(parentCopy.key, 'issuelinks')).fields.issuelinks as Array<{ type: { name: string }; inwardIssue?: { key: string } }>;
    assert.deepEqual(links.map((l) => [l.type.name, l.inwardIssue?.key]), [['Blocks', otherCopy.key]]);

    await globex.rest('POST', `/rest/api/3/issue/${parentCopy.key}/worklog`, { timeSpentSeconds: 1800, started: '2030-01-07T10:00:00.000+0000' });
    await settle();
    const worklogs = (await acme.rest<{ worklogs: Array<{ timeSpentSeconds: number }> }>('GET', `/rest/api/3/issue/${parent.key}/worklog`)).worklogs;
    assert.deepEqual(worklogs.map((w) => w.timeSpentSeconds), [1800]);
  });
});
