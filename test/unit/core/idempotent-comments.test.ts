// A mirrored comment's add is idempotent: the process can die between the tracker write and the
// ledger commit, and the partner's re-send finds the comment by its mirror token instead of adding
// it twice (or, if it never landed, adds it once).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../src/core/ids';
import type { PairRecord } from '../../../src/core/ledger/pair-record';
import { planIncomingComments } from '../../../src/core/planning/incoming-comments';
import type { CommentReplica } from '../../../src/core/replica/replica';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { APPLY_LEASE_MS } from '../../../src/core/sync/apply-ledger';
import { CONNECTION, drain, makeTwoSites, type Site } from './support/two-sites';
import { mirrorRules } from './support/rules';
import { parseRule } from '../../../src/core/rules/parse-rule';

const text = (t: string) => ({ kind: 'text' as const, text: t });
const doc = (t: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: t }] }] });

async function linkedPair() {
  const rules = mirrorRules();
  const sites = await makeTwoSites(rules.a, rules.b);
  const { a, b, net } = sites;
  const issueA = a.tracker.createLocal({ summary: text('Printer on fire') });
  await handleLocalChange(a.deps, { issueId: issueA });
  await drain(a, b, net);
  const issueB = localIssueId([...b.tracker.issues.keys()][0]!);
  return { ...sites, issueA, issueB };
}

/** The process dies at the first pair write `when` picks: the write happens (or not) and the apply stops there. */
function killAt(site: Site, when: (record: PairRecord) => 'before' | 'after' | null): () => void {
  const original = site.store.putPairIf.bind(site.store);
  let armed = true;
  site.store.putPairIf = async (record, rev, also) => {
    const moment = armed ? when(record) : null;
    if (!moment) return original(record, rev, also);
    armed = false;
    if (moment === 'after') await original(record, rev, also);
    throw new Error('SIGKILL');
  };
  return () => {
    site.store.putPairIf = original;
  };
}

async function sendAll(site: Site): Promise<void> {
  for (const e of site.outbox.all()) await sendOutboxEntry(site.deps, e.id).catch(() => undefined);
}

const partnerComments = (site: Site, issue: string) => site.tracker.issues.get(issue)!.comments.map((c) => JSON.stringify(c.body));

describe('idempotent comment adds', () => {
  test('killed after the comment landed, before the commit: the re-send adopts it, no duplicate, no echo', async () => {
    const { a, b, net, clock, issueA, issueB } = await linkedPair();
    a.tracker.comment(issueA, 'Customer called again');
    await handleLocalChange(a.deps, { issueId: issueA });
    // The commit is the write without the apply lease, made after the tracker wrote the comment.
    const revive = killAt(b, (r) => (!r.applying && Object.keys(r.comments.mirrored).length > 0 ? 'before' : null));
    await sendAll(a);
    revive();
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 1, 'the comment landed before the kill');
    clock.t += APPLY_LEASE_MS + 1;
    await drain(a, b, net);
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 1, 'the re-send did not add it again');
    const pair = await b.store.findPairByLocalIssue(CONNECTION, issueB);
    const mirrored = Object.values(pair!.comments.mirrored);
    assert.equal(mirrored.length, 1);
    assert.equal(mirrored[0]!.localId, b.tracker.issues.get(issueB)!.comments[0]!.id, 'the pair knows the copy');
    assert.equal(b.tracker.reads, 1, 'one lookup, only on the retry');
    assert.deepEqual(await handleLocalChange(b.deps, { issueId: issueB }), [{ connectionId: 'conn-1', status: 'no-change' }], 'the copy is not sent back');
    assert.equal(a.tracker.issues.get(issueA)!.comments.length, 1);
  });

  test('killed after the intent, before the comment was written: the re-send adds it once', async () => {
    const { a, b, net, clock, issueA, issueB } = await linkedPair();
    a.tracker.comment(issueA, 'Second call');
    await handleLocalChange(a.deps, { issueId: issueA });
    const revive = killAt(b, (r) => (r.applying && Object.keys(r.comments.mirrored).length > 0 ? 'after' : null));
    await sendAll(a);
    revive();
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 0);
    clock.t += APPLY_LEASE_MS + 1;
    await drain(a, b, net);
    assert.deepEqual(partnerComments(b, issueB).length, 1);
    const pair = await b.store.findPairByLocalIssue(CONNECTION, issueB);
    assert.ok(Object.values(pair!.comments.mirrored)[0]!.localId);
  });

  test('a transient failure while adding keeps the add planned: the re-send looks before adding', async () => {
    const { a, b, net, clock, issueA, issueB } = await linkedPair();
    a.tracker.comment(issueA, 'Third call');
    await handleLocalChange(a.deps, { issueId: issueA });
    // The tracker saved the comment but the answer was lost (a timeout): the write counts as failed.
    const add = b.tracker.addComment.bind(b.tracker);
    b.tracker.addComment = async (id, c) => {
      b.tracker.addComment = add;
      await add(id, c);
      throw Object.assign(new (await import('../../../src/core/sync/tracker-error')).TrackerError('timed out', true), {});
    };
    await sendAll(a);
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 1);
    clock.t += 60_000;
    await drain(a, b, net);
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 1, 'found by its token, not added again');
  });

  test('a comment deleted by the partner while its add was unrecorded is found and deleted', async () => {
    const { a, b, net, clock, issueA, issueB } = await linkedPair();
    const commentA = a.tracker.comment(issueA, 'Wrong issue, sorry');
    await handleLocalChange(a.deps, { issueId: issueA });
    const revive = killAt(b, (r) => (!r.applying && Object.keys(r.comments.mirrored).length > 0 ? 'before' : null));
    await sendAll(a);
    revive();
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 1);
    a.tracker.issues.get(issueA)!.comments = a.tracker.issues.get(issueA)!.comments.filter((c) => c.id !== commentA);
    await handleLocalChange(a.deps, { issueId: issueA });
    clock.t += APPLY_LEASE_MS + 1;
    await drain(a, b, net);
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 0);
  });
});

describe('incoming comment planner: adds whose outcome was never recorded', () => {
  const rule = () => {
    const parsed = parseRule(mirrorRules().b);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  };
  const c = (ts: number, t: string, deleted = false): CommentReplica => ({ id: 'pc1', body: doc(t), internal: false, author: { displayName: 'Ann' }, ts, hash: `h-${t}`, ...(deleted ? { deleted } : {}) });
  const unrecorded = { sent: {}, mirrored: { pc1: { hash: 'h-hi', ts: 1 } } };

  test('the same comment again is a retried add, not a skip', () => {
    const { plan } = planIncomingComments([c(1, 'hi')], rule(), unrecorded);
    assert.deepEqual(plan.add.map((x) => [x.partnerId, x.retry]), [['pc1', { edited: false }]]);
  });

  test('a newer version is a retried add that edits what it finds', () => {
    const { plan, next } = planIncomingComments([c(2, 'hi, edited')], rule(), unrecorded);
    assert.deepEqual(plan.add.map((x) => x.retry), [{ edited: true }]);
    assert.equal(next.mirrored.pc1!.hash, 'h-hi, edited');
  });

  test('an older version changes nothing', () => {
    const { plan } = planIncomingComments([{ ...c(0, 'older') }], rule(), unrecorded);
    assert.deepEqual(plan.add, []);
  });

  test('a delete looks for the copy (local id unknown)', () => {
    const { plan } = planIncomingComments([c(3, '', true)], rule(), unrecorded);
    assert.deepEqual(plan.delete, [{ partnerId: 'pc1', localId: null }]);
  });

  test('a first add carries no retry (no lookup in the normal path)', () => {
    const { plan } = planIncomingComments([c(1, 'hi')], rule(), { sent: {}, mirrored: {} });
    assert.equal(plan.add[0]!.retry, undefined);
  });
});
