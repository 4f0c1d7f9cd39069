// Links to issues that are not mirrored, when acme's rule notes them (outsideLinks: 'note'): given a
// mirrored issue linked to two issues acme does not share, then globex's panel shows "Related
// outside" with their keys and the links' words (and no Jira write on globex); when a link is
// removed the note follows, and when the other issue is shared the note turns into a real link.
// And "what the partner sees" lists the parent, the links and the worklogs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PreviewView } from '../../../src/shared/resolver-contract';
import { link, linksOf, relationsRule } from './relations-support';
import { adfText, startMirror, type IssueRef, type Mirror } from './support';

type Rule = Parameters<ReturnType<typeof relationsRule>>[0];

const noting = (r: Rule) => {
  const base = relationsRule()(r);
  return { ...base, outgoing: { ...base.outgoing, relations: { ...base.outgoing.relations, outsideLinks: 'note' as const }, worklogs: { enabled: true } } };
};

describe('Jira ↔ Jira: related-outside note and the preview of parent, links and worklogs', () => {
  let m: Mirror;
  let a1: IssueRef, g1: IssueRef;
  before(async () => {
    m = await startMirror();
    await m.saveRule(m.acme, noting, 'note outside links');
    await m.saveRule(m.globex, relationsRule(), 'hierarchy and links');
    await m.settle();
    ({ source: a1, mirror: g1 } = await m.createMirrored(m.acme, { summary: 'Outside: replace the router', labels: ['shared'] }));
  });
  after(() => m.close());

  const note = async () => (await m.globex.panelView(g1)).links.find((l) => l.connectionId === m.connectionId)?.relatedOutside ?? [];
  const linkId = async (key: string, type: string) => (((await m.acme.issue(key, 'issuelinks')).fields.issuelinks ?? []) as Array<{ id: string; type: { name: string } }>).find((l) => l.type.name === type)!.id;

  test("globex's panel shows acme's links to unshared issues by key and wording, and nothing is written on globex", async () => {
    const vendor = await m.acme.createIssue({ summary: 'Outside: vendor contract (internal)' });
    const budget = await m.acme.createIssue({ summary: 'Outside: budget approval (internal)' });
    await link(m.acme, 'Blocks', vendor.key, a1.key);
    await link(m.acme, 'Relates', a1.key, budget.key);
    const writesBefore = (await m.globex.comments(g1.key)).length;
    await m.settle();
    assert.deepEqual(await note(), [{ key: vendor.key, phrase: 'is blocked by' }, { key: budget.key, phrase: 'relates to' }].sort((x, y) => x.key.localeCompare(y.key)));
    assert.equal((await m.globex.comments(g1.key)).length, writesBefore, 'a panel line, not a comment');
    assert.deepEqual(await linksOf(m.globex, g1.key), [], 'no link to anything on globex');

    // The link to the budget is removed: the note follows.
    await m.acme.rest('DELETE', `/rest/api/3/issueLink/${await linkId(a1.key, 'Relates')}`);
    await m.settle();
    assert.deepEqual(await note(), [{ key: vendor.key, phrase: 'is blocked by' }]);

    // The vendor issue is shared now: the note turns into a real link.
    await m.acme.edit(vendor.key, { labels: ['shared'] });
    await m.settle();
    const vendorCopy = await m.partnerOf(m.acme, vendor);
    assert.deepEqual(await linksOf(m.globex, g1.key), [`is blocked by ${vendorCopy.key}`]);
    assert.deepEqual(await note(), []);
  });

  test('the preview names the parent, each link (sent, noted or kept) and the worklogs that would leave', async () => {
    const epic = await m.acme.createIssue({ summary: 'Outside: network refresh', issuetype: { name: 'Epic' } });
    const issue = await m.acme.createIssue({ summary: 'Outside: new firewall', issuetype: { name: 'Story' }, parent: { key: epic.key } });
    await link(m.acme, 'Blocks', issue.key, a1.key);
    const other = await m.acme.createIssue({ summary: 'Outside: office move' });
    await link(m.acme, 'Relates', issue.key, other.key);
    await m.acme.rest('POST', `/rest/api/3/issue/${issue.key}/worklog`, { timeSpentSeconds: 5400, started: '2030-01-07T08:00:00.000+0000', comment: adfText('Rack survey') });
    const preview = await m.acme.admin<PreviewView>('admin/preview', { connectionId: m.connectionId, issueKey: issue.key });
    assert.deepEqual(preview.relations, [
      { text: `Parent ${epic.key}: not shared yet; the parent is set once it is`, sent: false },
      { text: `Link: blocks ${a1.key}, made on the partner`, sent: true },
      { text: `Link: relates to ${other.key}, not shared: the partner sees "Related outside: relates to ${other.key}" (key and wording only)`, sent: true },
    ]);
    assert.equal(preview.worklogs?.length, 1);
    assert.match(preview.worklogs![0]!.text, /^1h 30m on 2030-01-07 by .+: Rack survey$/);
  });
});
