// A partner's agent asks to link its issue to one of ours that already exists. Unless our rule
// trusts the partner with direct links, the request waits: nothing touches our issue and nothing
// goes back until an agent here accepts; declining tells the partner, and its pair ends.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLinkRequests } from '../../../src/core/ledger/memory-link-requests';
import { acceptLinkRequest, declineLinkRequest } from '../../../src/core/sync/link-request';
import { applyReplica } from '../../../src/core/sync/apply-replica';
import { linkExisting } from '../../../src/core/sync/link-existing';
import { sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { CONNECTION, drain, makeTwoSites, type Site } from './support/two-sites';
import { mirrorRules } from './support/rules';

const text = (t: string) => ({ kind: 'text' as const, text: t });

async function requested(options: { labelsInScope?: string[]; direct?: boolean } = {}) {
  const rules = mirrorRules();
  const ruleB = { ...rules.b, incoming: { ...rules.b.incoming, directLinks: options.direct ?? false }, ...(options.labelsInScope ? { scope: { labels: options.labelsInScope } } : {}) };
  const sites = await makeTwoSites(rules.a, ruleB);
  sites.b.deps.linkRequests = new MemoryLinkRequests();
  const issueA = sites.a.tracker.createLocal({ summary: text('A: printer on fire') });
  const issueB = sites.b.tracker.createLocal({ summary: text('B: printer smokes'), labels: { kind: 'options', names: ['shared'] } });
  const keyB = (await sites.b.tracker.getIssue(issueB))!.key;
  assert.ok((await linkExisting(sites.a.deps, { connectionId: CONNECTION, issueId: issueA, partnerIssueKey: keyB, actor: 'agent-a' })).ok);
  return { ...sites, issueA, issueB, keyB };
}

/** Delivers what `site` has queued once, whatever its retry schedule says. */
async function sendOnce(site: Site): Promise<void> {
  for (const entry of site.outbox.all()) await sendOutboxEntry(site.deps, entry.id);
}

describe('link requests', () => {
  test('the link waits: B keeps its issue untouched, sends nothing back and answers "pending"', async () => {
    const { a, b, net, issueB } = await requested();
    await sendOnce(a);
    assert.deepEqual(net.log.map((d) => [d.to, d.status]), [['b', 409]]);
    assert.deepEqual(b.tracker.value(issueB, 'summary'), text('B: printer smokes'), 'nothing applied');
    assert.equal(b.tracker.writes, 0);
    assert.equal(b.outbox.all().length, 0, 'nothing queued back (no catch-up)');
    assert.equal(await b.store.findPairByLocalIssue(CONNECTION, issueB), null, 'no pair yet');
    const [request] = await b.deps.linkRequests!.list();
    assert.equal(request?.localIssueId, issueB);
    assert.equal(request?.partnerIssueKey, 'ALPHA-1');
    assert.equal(a.outbox.all().length, 1, 'A keeps its message and will try again');
    assert.ok((await b.store.listAudit(CONNECTION)).some((e) => e.action === 'link-requested'));
    // Trying again changes nothing and stores no second request.
    await sendOnce(a);
    assert.equal((await b.deps.linkRequests!.list()).length, 1);
    assert.equal(b.tracker.writes, 0);
  });

  test('accepting applies the held message, links both issues, and sync proceeds both ways', async () => {
    const { a, b, net, issueA, issueB } = await requested();
    await sendOnce(a);
    const [request] = await b.deps.linkRequests!.list();
    const wrongIssue = await acceptLinkRequest(b.deps, { connectionId: CONNECTION, pairId: request!.pairId, actor: 'agent-b', issueId: 'another' }, applyReplica);
    assert.equal(wrongIssue.ok ? '' : wrongIssue.reason, 'not-found', 'the panel answers only its own issue\'s requests');
    const accepted = await acceptLinkRequest(b.deps, { connectionId: CONNECTION, pairId: request!.pairId, actor: 'agent-b', issueId: issueB }, applyReplica);
    assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
    assert.deepEqual(await b.deps.linkRequests!.list(), []);
    assert.deepEqual(b.tracker.value(issueB, 'summary'), text('A: printer on fire'), "A's values applied under B's rule");
    await drain(a, b, net);
    assert.equal((await a.store.findPairByLocalIssue(CONNECTION, issueA))?.partnerIssueId, issueB, 'A learnt the partner issue');
    b.tracker.edit(issueB, 'summary', text('B: fixed'));
    const { handleLocalChange } = await import('../../../src/core/sync/on-local-change');
    await handleLocalChange(b.deps, { issueId: issueB });
    await drain(a, b, net);
    assert.deepEqual(a.tracker.value(issueA, 'summary'), text('B: fixed'));
    assert.ok((await b.store.listAudit(CONNECTION)).some((e) => e.action === 'link-accepted' && e.actor === 'agent-b'));
  });

  test('declining tells A (its pair ends, with a visible error), B stays untouched and refuses later tries', async () => {
    const { a, b, issueA, issueB } = await requested();
    await sendOnce(a);
    const [request] = await b.deps.linkRequests!.list();
    const declined = await declineLinkRequest(b.deps, { connectionId: CONNECTION, pairId: request!.pairId, actor: 'agent-b', issueId: issueB });
    assert.ok(declined.ok);
    await sendOnce(b);
    const pairA = await a.store.findPairByLocalIssue(CONNECTION, issueA);
    assert.ok(pairA?.unlinkedAt, "A's pair ended");
    assert.ok((await a.store.listErrors(CONNECTION)).some((e) => e.field === 'link' && /declined/.test(e.reason)));
    await sendOnce(a);
    assert.equal(b.tracker.writes, 0, 'B was never written');
    assert.deepEqual(b.tracker.value(issueB, 'summary'), text('B: printer smokes'));
  });

  test('an issue outside the scope cannot be requested: same answer as a missing one', async () => {
    const { a, b, net } = await requested({ labelsInScope: ['vip'] });
    await sendOnce(a);
    assert.equal(net.log[0]?.status, 422);
    assert.deepEqual(await b.deps.linkRequests!.list(), []);
    assert.equal(b.tracker.writes, 0);
    assert.ok((await a.store.listErrors(CONNECTION)).some((e) => /cannot be linked here: it does not exist or is not shared/.test(e.reason)));
  });

  test('with direct links on, a trusted partner links at once', async () => {
    const { a, b, net, issueB } = await requested({ direct: true });
    await drain(a, b, net);
    assert.deepEqual(b.tracker.value(issueB, 'summary'), text('A: printer on fire'));
    assert.deepEqual(await b.deps.linkRequests!.list(), []);
  });
});
