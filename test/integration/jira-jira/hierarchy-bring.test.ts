// Bringing relatives along: given acme's rule starting issues by hand (manual start) with
// bringParent and bringChildren on, when an agent starts a sub-task, then its parent goes first and
// the sub-task lands under the parent's copy; when an agent starts an epic, then its children in
// the scope follow under the epic's copy and one outside the scope stays home. The link type map
// is checked against the site's link types when the rule is saved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parentKey, relationsRule } from './relations-support';
import { ok, startMirror, type Mirror } from './support';

type Rule = Parameters<ReturnType<typeof relationsRule>>[0];

const bringing = (r: Rule) => {
  const base = relationsRule()(r);
  return { ...base, outgoing: { ...base.outgoing, relations: { ...base.outgoing.relations, bringParent: true, bringChildren: true } }, scope: { labels: ['shared'], manualStart: true } };
};

describe('Jira ↔ Jira: bringing a parent and children along', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await m.saveRule(m.acme, bringing, 'bring relatives');
    await m.saveRule(m.globex, relationsRule(), 'hierarchy and links');
    await m.settle();
  });
  after(() => m.close());

  const mirrored = async (summary: string) => (await m.globex.findBySummary(summary)).length;

  test('bringParent: starting a sub-task sends its parent first, and the sub-task lands under the copy', async () => {
    const task = await m.acme.createIssue({ summary: 'Bring: rotate certificates', labels: ['shared'] });
    const sub = await m.acme.createIssue({ summary: 'Bring: renew the wildcard', issuetype: { name: 'Sub-task' }, labels: ['shared'], parent: { key: task.key } });
    await m.settle();
    assert.equal(await mirrored('Bring: rotate'), 0, 'nothing goes before a manual start');

    ok(await m.acme.panel('panel/start', sub, { connectionId: m.connectionId }));
    await m.settle();
    const taskCopy = await m.partnerOf(m.acme, task);
    const subCopy = await m.partnerOf(m.acme, sub);
    assert.equal(await parentKey(m.globex, subCopy.key), taskCopy.key);
  });

  test('bringChildren: starting an epic brings its children in the scope, under the copy; one outside the scope stays home', async () => {
    const epic = await m.acme.createIssue({ summary: 'Bring: billing revamp', issuetype: { name: 'Epic' }, labels: ['shared'] });
    const children = [];
    for (const name of ['invoices', 'refunds']) children.push(await m.acme.createIssue({ summary: `Bring child: ${name}`, issuetype: { name: 'Story' }, labels: ['shared'], parent: { key: epic.key } }));
    await m.acme.createIssue({ summary: 'Bring child: internal pricing', issuetype: { name: 'Story' }, parent: { key: epic.key } });
    await m.settle();
    assert.equal(await mirrored('Bring child'), 0, 'nothing goes before a manual start');

    ok(await m.acme.panel('panel/start', epic, { connectionId: m.connectionId }));
    await m.settle();
    const epicCopy = await m.partnerOf(m.acme, epic);
    for (const child of children) assert.equal(await parentKey(m.globex, (await m.partnerOf(m.acme, child)).key), epicCopy.key);
    assert.equal(await mirrored('Bring child: internal pricing'), 0, 'the scope decides for every child');
    assert.equal(await mirrored('Bring child'), 2);
    // Brought once: a later look (the sweep, an edit of the epic) sends no child again.
    await m.acme.edit(epic.key, { summary: 'Bring: billing revamp (phase 1)' });
    await m.advance(6 * 60_000);
    assert.equal(await mirrored('Bring child'), 2);
  });

  test('the link type map is checked against the site’s link types at save, each wrong row named in plain words', async () => {
    const rule = (linkTypes: Record<string, string>) => (r: Rule) => relationsRule({ linkTypes })(r);
    const res = await m.globex.adminResult('admin/rules/save', { rule: rule({ Blocks: 'Blocker', Relates: 'relates' })(await currentRule(m)), comment: 'typo' });
    assert.ok(!res.ok);
    assert.equal(res.error.code, 'invalid-rule');
    assert.deepEqual(res.error.details, [
      { path: 'incoming.relations.linkTypes.Blocks', message: '"Blocker" is not a link type on this site (it has "Blocks", "Cloners", "Duplicate", "Relates")' },
      { path: 'incoming.relations.linkTypes.Relates', message: '"relates" is written "Relates" on this site' },
    ]);
    ok(await m.globex.adminResult('admin/rules/save', { rule: rule({ Blocks: 'Blocks', Relates: 'Relates' })(await currentRule(m)), comment: 'fixed' }));
  });
});

async function currentRule(m: Mirror): Promise<Rule> {
  const view = await m.globex.admin<{ current: { rule: Rule } }>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.globex.project });
  return view.current.rule;
}
