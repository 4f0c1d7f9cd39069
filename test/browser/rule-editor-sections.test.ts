// The rule editor's sections for the kinds of issue 16, in Chromium on the real app and two sandbox
// Jira sites whose projects are service desks holding the demo components and versions (acme ↔
// globex; globex shares every kind, as in `npm start`, and its request types). Acme's admin, by
// clicking and typing only: shares components both ways and the estimates out, maps globex's
// "Mobile app" component to our "Portal" and lets missing components be created, takes fix and
// affects versions in (globex's fix version "2.0" is our "1.1", missing affects versions are
// created), turns worklogs on both ways, sends parents and links and maps globex's "Blocks" (typed:
// partners do not share link types) to our "Problem/Incident" (a type acme's admin added beside
// Jira's four; the map offers the site's list), sends its request type and participants and maps
// globex's "Bug report" to our "Report a bug" (both offered: globex's from its profile, ours from
// our desk), with every name in the maps readable in full, and scopes the rule by JQL — Jira's
// parse error inline first, then the count of matching issues. The save is checked in the stored
// rule (through the resolver), then on mirrored issues: what the JQL leaves out stays home, the
// rest goes with its component, estimate and worklog, globex's components, versions, link and
// request type arrive mapped or created, acme's request type reaches globex and its participant is
// named there.
// Then version 3, by clicking: agents start issues, an epic brings its stories, links to unshared
// issues go as a note, acme's SLAs show to globex. The admin preview lists the children to come,
// the noted link, the worklog and a story's parent; Start syncing from the epic's panel (after the
// same preview in short) brings the stories under its copy, and globex's panel shows the "Related
// outside" line and acme's SLAs.
// Takes 52 s for the file at a load of 8 on two cores (125-147 s at a load of 17-23): the editor
// walk-through 20 s (45-64 s), version 3 with the preview and both panels 16 s (41 s), each
// mirrored-issue check under 3 s.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { asAdmin, connectDemo } from '../../sandbox/demo/liaison-demo';
import { demoSeed, everyKindRule } from '../../sandbox/demo/every-kind';
import { defaultSeed } from '../../sandbox/jira';
import { withServiceDesk } from '../../sandbox/jira/jsm/demo-desk';
import { REQUEST_TYPE_FIELD } from '../../sandbox/jira/jsm/model';
import type { RuleView } from '../../src/shared/resolver-contract';
import { link, linksOf, parentKey } from '../integration/jira-jira/relations-support';
import { SiteHandle, type IssueRef } from '../integration/jira-jira/support';
import { assertAccessible, screenshot } from './support/browser';
import { openRules, pick, saveAndExpectFlag } from './support/rule-editor-page';
import { sandboxPages } from './support/sandbox-pages';

let connectionId = '';
let acme: SiteHandle;
let globex: SiteHandle;
/** Two vendor issues of acme's, mirrored on globex before the rule changes. */
const shared: Array<{ acme: IssueRef; globex: IssueRef }> = [];
/** An acme issue the JQL scope leaves out (never shared). */
let unshared: IssueRef;

/** The demo sites as service desks, each naming its request types its own way. */
const GLOBEX_REQUEST_TYPES = ['IT support', 'Bug report', 'Hardware request'];

const sandbox = sandboxPages({ sites: [{ name: 'acme', seed: withServiceDesk(demoSeed('acme')) }, { name: 'globex', seed: withServiceDesk(demoSeed('globex'), GLOBEX_REQUEST_TYPES) }] }, async (world) => {
  ({ connectionId } = await connectDemo(world));
  const glx = everyKindRule(connectionId, 'GLX');
  const desk = { outgoing: { ...glx.outgoing, serviceDesk: { requestType: true } }, incoming: { ...glx.incoming, serviceDesk: { requestType: true, participants: true, requestTypes: { 'Report a bug': 'Bug report' } } } };
  await asAdmin(world, 'globex', 'admin/rules/save', { rule: { ...glx, ...desk }, comment: 'globex shares every kind and its request types' });
  acme = new SiteHandle(world, 'acme');
  globex = new SiteHandle(world, 'globex');
  // Acme's own link type beside Jira's four (service-management sites have it): the editor offers the site's list.
  await acme.rest('POST', '/rest/api/3/issueLinkType', { name: 'Problem/Incident', inward: 'is caused by', outward: 'causes' });
  const issues = [await acme.createIssue({ summary: 'Invoice PDF cut off', labels: ['vendor'] }), await acme.createIssue({ summary: 'Invoice totals rounded', labels: ['vendor'] })];
  await world.settle();
  for (const issue of issues) {
    const partner = (await acme.panelView(issue)).links[0]?.partner;
    assert.ok(partner?.issueKey && partner.issueId, `${issue.key} is mirrored`);
    shared.push({ acme: issue, globex: { key: partner.issueKey, id: partner.issueId } });
  }
});

const storedRule = async () => (await asAdmin<RuleView>(sandbox.world, 'acme', 'admin/rules/get', { connectionId, projectKey: 'ACME' })).current!;

/** Picks a value offered in a map's partner column, typing it first (typed until the partner shares its values). */
async function pickPartnerValue(ui: FrameLocator, label: string, value: string): Promise<void> {
  const box = ui.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(value);
  const name = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await ui.getByRole('option', { name: new RegExp(`^(Use ")?${name}"?$`) }).click();
}

/**
 * Text in `scope` that its box cuts off ("Bl…"): elements holding text directly whose content is
 * wider than what they show (screen-reader-only text, 1 px wide on purpose, aside). Read from the
 * rendered page, not a screenshot.
 */
async function cutOffTexts(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll('*')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
      .filter((e) => e.getBoundingClientRect().width > 1 && e.scrollWidth > e.clientWidth + 1)
      .map((e) => (e as HTMLElement).innerText),
  );
}

/** A preview table's rows, cell by cell, as rendered. */
const rowsOf = (table: Locator): Promise<string[][]> => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));

async function shareField(ui: FrameLocator, field: string, direction: 'Both ways' | 'Send only' | 'Receive only'): Promise<void> {
  await ui.getByLabel(field, { exact: true }).check();
  await pick(ui, `${field} direction`, direction);
}

describe("the rule editor's sections for components, versions, time and links (acme ↔ globex)", () => {
  test('an admin sets every new section by clicking and typing, checks the JQL with Jira, and saves version 2', async () => {
    const { page, ui, frame } = await openRules(sandbox);
    await ui.getByText('Version 1 is in force.').waitFor();

    // Fields: components both ways, the two estimates out.
    await shareField(ui, 'Components', 'Both ways');
    await shareField(ui, 'Original estimate', 'Send only');
    await shareField(ui, 'Remaining estimate', 'Send only');

    // Incoming: the component map shows once components come in; globex's "Mobile app" is our "Portal".
    await ui.getByRole('button', { name: 'Add a component mapping' }).click();
    await pickPartnerValue(ui, "Globex's component, row 1", 'Mobile app');
    await ui.getByLabel('Our component for Mobile app', { exact: true }).click();
    assert.deepEqual(await ui.getByRole('option').allInnerTexts(), ['Portal', 'Billing', 'Mobile app'], "acme's own components are offered");
    await ui.getByRole('option', { name: 'Portal', exact: true }).click();
    await ui.getByLabel('Create components this project lacks').check();
    // Versions come in only: globex's "2.0" is our fix version "1.1"; missing affects versions are created.
    assert.equal(await ui.getByRole('button', { name: 'Add a fix version mapping' }).count(), 0, 'no map for a field not accepted');
    await shareField(ui, 'Fix versions', 'Receive only');
    await shareField(ui, 'Affects versions', 'Receive only');
    await ui.getByRole('button', { name: 'Add a fix version mapping' }).click();
    await pickPartnerValue(ui, "Globex's fix version, row 1", '2.0');
    await pick(ui, 'Our fix version for 2.0', '1.1');
    await ui.getByLabel('Create affects versions this project lacks').check();

    // Worklogs both ways.
    await ui.getByLabel('Send worklogs').check();
    await ui.getByLabel(/^Accept worklogs/).check();

    // Hierarchy and links: parents and links go out, globex may link here, its Blocks is our Relates.
    const relations = ui.getByRole('region', { name: 'Hierarchy and links' });
    await relations.getByLabel('Send each issue’s parent').check();
    await relations.getByLabel('Send links between shared issues').check();
    await relations.getByLabel('Let Globex make and remove links here').check();
    await relations.getByRole('button', { name: 'Add a link type mapping' }).click();
    // Globex does not share its link types: typed. Ours are the site's own, read from Jira.
    await pickPartnerValue(ui, "Globex's link type, row 1", 'Blocks');
    await ui.getByLabel('Our link type for Blocks', { exact: true }).click();
    assert.deepEqual(await ui.getByRole('option').allInnerTexts(), ['Blocks', 'Cloners', 'Duplicate', 'Relates', 'Problem/Incident'], "the site's link types, its own included");
    await ui.getByRole('option', { name: 'Problem/Incident', exact: true }).click();
    const linkMap = relations.getByRole('table');
    assert.deepEqual(await cutOffTexts(linkMap), [], 'no link type name is cut off in the map');
    for (const name of ['Blocks', 'Problem/Incident']) assert.ok((await linkMap.innerText()).includes(name), `${name} is shown in full`);

    // Service desk: the request type goes out, and globex's "Bug report" is our "Report a bug", offered
    // from this desk's request types.
    const desk = ui.getByRole('region', { name: 'Service desk' });
    await desk.getByLabel('Send the request type').check();
    await desk.getByLabel('Send request participants').check();
    await desk.getByLabel('Let Globex set the request type here').check();
    await desk.getByRole('button', { name: 'Add a request type mapping' }).click();
    // Globex's request types come from its profile (its rule sends the request type).
    await ui.getByLabel("Globex's request type, row 1", { exact: true }).click();
    assert.deepEqual(await ui.getByRole('option').allInnerTexts(), GLOBEX_REQUEST_TYPES, "globex's request types are offered");
    await ui.getByRole('option', { name: 'Bug report', exact: true }).click();
    await ui.getByLabel('Our request type for Bug report', { exact: true }).click();
    assert.deepEqual(await ui.getByRole('option').allInnerTexts(), ['Get IT help', 'Report a bug', 'Request new hardware'], "acme's own request types are offered");
    await ui.getByRole('option', { name: 'Report a bug', exact: true }).click();
    assert.deepEqual(await cutOffTexts(desk.getByRole('table')), [], 'no request type name is cut off in the map');

    // Scope by JQL: Jira's parser answers when the admin leaves the box.
    const jql = ui.getByLabel('And matching this JQL');
    await jql.fill('labels = vendor AND');
    await jql.press('Tab');
    const messages = ui.locator('#rule-scope-jql-msg');
    await ui.locator('#rule-scope-jql[aria-invalid="true"]').waitFor();
    // Jira's own words (its parser sees the clause inside `project = ACME AND (…)`).
    await messages.getByText(/^Error in the JQL Query: Expecting a field name but got '\)'/).waitFor();
    assert.equal(await messages.getByText(/match/).count(), 0, 'no count for a clause Jira refuses');
    await screenshot(page, 'rule-editor-jql-error');
    await jql.fill('labels = vendor');
    await jql.press('Tab');
    await messages.getByText('2 issues of ACME match today.').waitFor();
    assert.equal(await jql.getAttribute('aria-invalid'), null, 'the error is gone');

    await relations.scrollIntoViewIfNeeded();
    await screenshot(page, 'rule-editor-new-sections');
    await assertAccessible(frame(), 'rule editor with components, worklogs, links and JQL set');
    await saveAndExpectFlag(page, ui, 'components, estimates, worklogs, links; vendor issues only', 2);
    await page.close();

    const saved = await storedRule();
    assert.equal(saved.version, 2);
    const rule = saved.rule as {
      fields: Record<string, { direction: string }>;
      scope: { jql?: string };
      outgoing: { worklogs?: { enabled: boolean }; relations?: Record<string, boolean>; serviceDesk?: { requestType?: boolean; participants?: boolean } };
      incoming: { valueMaps?: Record<string, unknown>; createMissing?: Record<string, boolean>; worklogs?: { enabled: boolean }; relations?: { links?: boolean; hierarchy?: boolean; linkTypes?: Record<string, string> }; serviceDesk?: { requestType?: boolean; requestTypes?: Record<string, string> } };
    };
    assert.equal(rule.fields.components?.direction, 'both');
    assert.equal(rule.fields.timeoriginalestimate?.direction, 'out');
    assert.equal(rule.fields.timeestimate?.direction, 'out');
    assert.equal(rule.fields.fixVersions?.direction, 'in');
    assert.equal(rule.fields.versions?.direction, 'in');
    assert.deepEqual(rule.incoming.valueMaps?.components, { 'Mobile app': 'Portal' });
    assert.deepEqual(rule.incoming.valueMaps?.fixVersions, { '2.0': '1.1' });
    assert.equal(rule.incoming.createMissing?.components, true);
    assert.equal(rule.incoming.createMissing?.versions, true);
    assert.notEqual(rule.incoming.createMissing?.fixVersions, true, 'fix versions are mapped, not created');
    assert.equal(rule.outgoing.worklogs?.enabled, true);
    assert.equal(rule.incoming.worklogs?.enabled, true);
    assert.equal(rule.outgoing.relations?.hierarchy, true);
    assert.equal(rule.outgoing.relations?.links, true);
    assert.equal(rule.incoming.relations?.links, true);
    assert.deepEqual(rule.incoming.relations?.linkTypes, { Blocks: 'Problem/Incident' });
    assert.equal(rule.outgoing.serviceDesk?.requestType, true);
    assert.equal(rule.outgoing.serviceDesk?.participants, true);
    assert.equal(rule.incoming.serviceDesk?.requestType, true);
    assert.deepEqual(rule.incoming.serviceDesk?.requestTypes, { 'Bug report': 'Report a bug' });
    assert.equal(rule.scope.jql, 'labels = vendor');
  });

  test('an issue the JQL leaves out stays home; a vendor issue goes with its component, estimate and worklog', async () => {
    const inScope = await acme.createIssue({ summary: 'Vendor portal login slow', labels: ['vendor'], components: [{ name: 'Billing' }], timetracking: { originalEstimate: '2h' } });
    unshared = await acme.createIssue({ summary: 'Office plant wilting' });
    await sandbox.world.settle();
    assert.deepEqual(await globex.findBySummary('Office plant wilting'), [], 'not a vendor issue: not shared');
    const [copy] = await globex.findBySummary('Vendor portal login slow');
    assert.ok(copy, 'the vendor issue is on globex');
    const fields = (await globex.issue(copy.key, 'components,timeoriginalestimate')).fields;
    assert.deepEqual((fields.components as Array<{ name: string }>).map((c) => c.name), ['Billing']);
    assert.equal(fields.timeoriginalestimate, 2 * 3600);

    await acme.rest('POST', `/rest/api/3/issue/${inScope.key}/worklog`, { timeSpentSeconds: 3600, started: '2030-01-07T08:00:00.000+0000' });
    await sandbox.world.settle();
    const worklogs = await globex.rest<{ worklogs: Array<{ timeSpentSeconds: number }> }>('GET', `/rest/api/3/issue/${copy.key}/worklog`);
    assert.deepEqual(worklogs.worklogs.map((w) => w.timeSpentSeconds), [3600]);
  });

  test("globex's components and versions arrive through the maps, and those ACME lacks are created there", async () => {
    const [first] = shared;
    await globex.rest('POST', '/rest/api/3/component', { project: 'GLX', name: 'Legacy' });
    const glx = await globex.rest<{ id: string }>('GET', '/rest/api/3/project/GLX');
    await globex.rest('POST', '/rest/api/3/version', { projectId: Number(glx.id), name: '3.0' });
    await globex.edit(first!.globex.key, { components: [{ name: 'Mobile app' }, { name: 'Legacy' }], fixVersions: [{ name: '2.0' }], versions: [{ name: '3.0' }] });
    await sandbox.world.settle();
    const fields = (await acme.issue(first!.acme.key, 'components,fixVersions,versions')).fields;
    const names = (v: unknown) => (v as Array<{ name: string }>).map((x) => x.name).sort();
    assert.deepEqual(names(fields.components), ['Legacy', 'Portal'], 'Mobile app arrives as Portal; Legacy is created');
    assert.deepEqual(names(fields.fixVersions), ['1.1'], "globex's 2.0 is our 1.1");
    assert.deepEqual(names(fields.versions), ['3.0'], 'the missing affects version is created');
    const projectComponents = await acme.rest<Array<{ name: string }>>('GET', '/rest/api/3/project/ACME/components');
    assert.ok(projectComponents.some((c) => c.name === 'Legacy'), 'ACME gained the Legacy component');
  });

  test('a Blocks link globex makes between two shared issues arrives as our Problem/Incident', async () => {
    const [first, second] = shared;
    await link(globex, 'Blocks', first!.globex.key, second!.globex.key);
    await sandbox.world.settle();
    assert.deepEqual(await linksOf(acme, first!.acme.key), [`causes ${second!.acme.key}`]);
  });

  test("request types cross both ways: globex's arrives through acme's map, acme's goes out by name; participants go out", async () => {
    const [first, second] = shared;
    const agent = defaultSeed('acme').users[1]!;
    await acme.rest('POST', `/rest/servicedeskapi/request/${first!.acme.key}/participant`, { accountIds: [agent.accountId] });
    const requestType = async (site: SiteHandle, key: string) => (await site.rest<{ requestType?: { name: string } }>('GET', `/rest/servicedeskapi/request/${key}?expand=requestType`)).requestType?.name;
    await globex.edit(second!.globex.key, { [REQUEST_TYPE_FIELD]: String(GLOBEX_REQUEST_TYPES.indexOf('Bug report') + 1) });
    await acme.edit(first!.acme.key, { [REQUEST_TYPE_FIELD]: '2' }); // acme's "Report a bug"
    await sandbox.world.settle();
    assert.equal(await requestType(acme, second!.acme.key), 'Report a bug');
    assert.equal(await requestType(globex, first!.globex.key), 'Bug report', "globex's own map takes it from there");
    // Acme's participant left (name and email, as acme's rule shares people); globex has no such account and says so.
    const unmatched = (await globex.panelView(first!.globex)).links[0]!.errors.find((e) => e.field === 'participants');
    assert.equal(unmatched?.value, agent.displayName);
  });

  test('version 3: manual start, an epic brings its stories, outside links as a note; the preview lists them; Start from the panel; globex shows the note', async () => {
    const opened = await openRules(sandbox);
    await opened.ui.getByText('Version 2 is in force.').waitFor();
    await shareField(opened.ui, 'Issue type', 'Send only');
    await opened.ui.getByLabel('Start only when an agent presses Start syncing').check();
    const relations = opened.ui.getByRole('region', { name: 'Hierarchy and links' });
    await relations.getByLabel('Sharing a parent shares its children').check();
    await relations.getByLabel('Show links to issues that are not shared as a note').check();
    await opened.ui.getByRole('region', { name: 'Service desk' }).getByLabel('Show our SLAs to the partner').check();
    await saveAndExpectFlag(opened.page, opened.ui, 'agents start issues; epics bring their stories; outside links as a note', 3);
    await opened.page.close();
    const rule = (await storedRule()).rule as { scope: { manualStart?: boolean }; outgoing: { relations?: { bringChildren?: boolean; outsideLinks?: string }; serviceDesk?: { sla?: boolean } } };
    assert.equal(rule.outgoing.serviceDesk?.sla, true);
    assert.equal(rule.scope.manualStart, true);
    assert.equal(rule.outgoing.relations?.bringChildren, true);
    assert.equal(rule.outgoing.relations?.outsideLinks, 'note');

    // An epic with two vendor stories, a worklog, and a link to an issue that is not shared.
    const epic = await acme.createIssue({ summary: 'Vendor onboarding revamp', issuetype: { name: 'Epic' }, labels: ['vendor'] });
    const stories = [];
    for (const part of ['contracts', 'invoices']) stories.push(await acme.createIssue({ summary: `Vendor onboarding: ${part}`, issuetype: { name: 'Story' }, labels: ['vendor'], parent: { key: epic.key } }));
    await link(acme, 'Blocks', epic.key, unshared.key);
    await acme.rest('POST', `/rest/api/3/issue/${epic.key}/worklog`, { timeSpentSeconds: 1800, started: '2030-01-08T09:00:00.000+0000' });
    await sandbox.world.settle();
    assert.deepEqual(await globex.findBySummary('Vendor onboarding'), [], 'nothing leaves before an agent starts it');

    // What the partner sees: the children to come, the noted link and the worklog; a story's parent.
    const admin = await sandbox.open('/acme/admin');
    await admin.ui.getByRole('tab', { name: 'What the partner sees' }).click();
    const show = async (key: string) => {
      await admin.ui.getByLabel('Issue key').fill(key);
      await admin.ui.getByRole('button', { name: 'Show payload' }).click();
      await admin.ui.getByRole('heading', { name: key, exact: true }).waitFor();
    };
    await show(epic.key);
    const links = admin.ui.getByRole('table', { name: 'Parent and links' });
    await links.waitFor();
    assert.deepEqual(await rowsOf(links), [
      ['Children: those in the scope follow once this issue is shared (at most 50)', 'Yes'],
      [`Link: blocks ${unshared.key}, not shared: the partner sees "Related outside: blocks ${unshared.key}" (key and wording only)`, 'Yes'],
    ]);
    const worklogs = await rowsOf(admin.ui.getByRole('table', { name: 'Worklogs that leave' }));
    assert.equal(worklogs.length, 1);
    assert.match(worklogs[0]![0]!, /^30m on 2030-01-08 by /);
    await show(stories[0]!.key);
    await links.getByText(`Parent ${epic.key}: not shared yet; the parent is set once it is`, { exact: true }).waitFor();
    await assertAccessible(admin.frame(), 'preview with parent, links and worklogs');
    await admin.page.close();

    // An agent starts the epic from its panel, after the same preview in short.
    const issuePage = await sandbox.open(`/acme/browse/${epic.key}`);
    await issuePage.panel.getByRole('button', { name: 'Start syncing…' }).click();
    const confirm = issuePage.panel.getByRole('group', { name: /^Start syncing ACME-\d+ with .+\?$/ });
    await confirm.getByText('1 worklog.', { exact: true }).waitFor();
    assert.deepEqual(await confirm.getByRole('list', { name: 'Parent and links' }).getByRole('listitem').allInnerTexts(), [
      'Children: those in the scope follow once this issue is shared (at most 50)',
      `Link: blocks ${unshared.key}, not shared: the partner sees "Related outside: blocks ${unshared.key}" (key and wording only)`,
    ]);
    await confirm.getByRole('button', { name: 'Start syncing', exact: true }).click();
    await issuePage.panel.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    await issuePage.page.close();
    await sandbox.world.settle();

    // The stories followed the epic, under its copy; the link stayed home as a note on globex's panel.
    const epicCopy = (await acme.panelView(epic)).links[0]?.partner;
    assert.ok(epicCopy?.issueKey && epicCopy.issueId, 'the epic is on globex');
    for (const story of stories) {
      const copy = (await acme.panelView(story)).links[0]?.partner;
      assert.ok(copy?.issueKey, `${story.key} was brought along`);
      assert.equal(await parentKey(globex, copy.issueKey), epicCopy.issueKey);
    }
    assert.deepEqual(await linksOf(globex, epicCopy.issueKey), [], 'no link to an issue globex does not have');
    // What the preview promised went with the start: the worklog is on the copy.
    const logged = await globex.rest<{ worklogs: Array<{ timeSpentSeconds: number }> }>('GET', `/rest/api/3/issue/${epicCopy.issueKey}/worklog`);
    assert.deepEqual(logged.worklogs.map((w) => w.timeSpentSeconds), [1800]);
    const partnerPage = await sandbox.open(`/globex/browse/${epicCopy.issueKey}`);
    await partnerPage.panel.getByText(new RegExp(`^Related outside \\(on .+’s side, not shared\\): blocks ${unshared.key}$`)).waitFor();
    // Acme's SLAs on its request, shown beside the copy as information (the SLA checkbox).
    const slas = partnerPage.panel.locator('dl[aria-label$="\'s SLAs"]');
    await slas.waitFor();
    assert.deepEqual(await slas.locator('dt').allInnerTexts(), ['Time to first response', 'Time to resolution']);
    await screenshot(partnerPage.page, 'panel-related-outside');
    await partnerPage.page.close();
  });

  test('no script errors or CSP refusals on any page', () => {
    assert.deepEqual(sandbox.problems(), []);
  });
});
