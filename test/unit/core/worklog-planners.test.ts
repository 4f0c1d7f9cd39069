// Worklogs travel like comments: given a rule that shares them, when work is logged, edited or
// deleted, then exactly that leaves (author per the privacy setting), copies of the partner's
// worklogs never echo back, and the receiver plans adds, edits and deletes once, in any order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../src/core/ids';
import { planIncomingWorklogs, adjustEstimateFor } from '../../../src/core/planning/incoming-worklogs';
import { noWorklogs, planOutgoingWorklogs } from '../../../src/core/planning/outgoing-worklogs';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { worklogHash, worklogReplicaSchema, type SnapshotWorklog, type WorklogReplica } from '../../../src/core/replica/worklog';
import { parseRule } from '../../../src/core/rules/parse-rule';
import type { SharingRuleInput } from '../../../src/core/rules/schema';

const doc = (t: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: t }] }] });

function rule(extra: Partial<SharingRuleInput> = {}) {
  const parsed = parseRule({ connectionId: 'conn-1', projectKey: 'ALPHA', fields: { summary: { direction: 'both', conflict: 'latest' } }, outgoing: { worklogs: { enabled: true } }, incoming: { worklogs: { enabled: true } }, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.value;
}

const ada: SnapshotWorklog['author'] = { displayName: 'Ada Lovelace', email: 'ada@acme.example' };
const worklog = (id: string, seconds: number, over: Partial<SnapshotWorklog> = {}): SnapshotWorklog => ({
  id, timeSpentSeconds: seconds, started: '2026-12-01T09:00:00.000Z', comment: doc('Replaced the fuser'), author: ada, updatedAt: 1_000, restricted: false, ...over,
});
const snapshot = (worklogs: SnapshotWorklog[] | undefined): IssueSnapshot => ({
  id: localIssueId('10001'), key: 'ALPHA-1', projectKey: 'ALPHA', updatedAt: 1_000, fields: {}, comments: [], attachments: [], ...(worklogs ? { worklogs } : {}),
});
const replicaOf = (w: SnapshotWorklog, over: Partial<WorklogReplica> = {}): WorklogReplica => ({
  id: w.id, timeSpentSeconds: w.timeSpentSeconds, started: w.started, comment: w.comment, author: { displayName: w.author.displayName }, ts: w.updatedAt, hash: worklogHash(w), ...over,
});

describe('outgoing worklogs', () => {
  test('a new worklog leaves with its time, start and comment, the author by display name only', () => {
    const { send, next } = planOutgoingWorklogs(snapshot([worklog('501', 5400)]), rule(), noWorklogs(), 2_000);
    assert.equal(send.length, 1);
    assert.deepEqual({ ...send[0], hash: undefined }, { id: '501', timeSpentSeconds: 5400, started: '2026-12-01T09:00:00.000Z', comment: doc('Replaced the fuser'), author: { displayName: 'Ada Lovelace' }, ts: 1_000, hash: undefined });
    assert.equal(worklogReplicaSchema.safeParse(send[0]).success, true, 'what leaves passes the wire schema');
    assert.deepEqual(Object.keys(next.sent), ['501']);
  });

  test('the email leaves only when the rule shares it', () => {
    const { send } = planOutgoingWorklogs(snapshot([worklog('501', 60)]), rule({ outgoing: { worklogs: { enabled: true }, userPrivacy: 'displayNameAndEmail' } }), noWorklogs(), 2_000);
    assert.deepEqual(send[0]!.author, ada);
  });

  test('nothing leaves when the rule keeps worklogs home, or when the read did not include them', () => {
    assert.equal(planOutgoingWorklogs(snapshot([worklog('501', 60)]), rule({ outgoing: {} }), noWorklogs(), 2_000).send.length, 0);
    const sent = planOutgoingWorklogs(snapshot([worklog('501', 60)]), rule(), noWorklogs(), 2_000).next;
    // Not read is not deleted.
    assert.equal(planOutgoingWorklogs(snapshot(undefined), rule(), sent, 3_000).send.length, 0);
  });

  test('unchanged worklogs are not sent again; an edit is; a deleted one leaves as a deletion', () => {
    const first = planOutgoingWorklogs(snapshot([worklog('501', 3600), worklog('502', 600)]), rule(), noWorklogs(), 2_000).next;
    const again = planOutgoingWorklogs(snapshot([worklog('501', 3600), worklog('502', 600)]), rule(), first, 3_000);
    assert.equal(again.send.length, 0);
    const edited = planOutgoingWorklogs(snapshot([worklog('501', 7200, { updatedAt: 4_000 })]), rule(), first, 5_000);
    assert.deepEqual(edited.send.map((w) => [w.id, w.timeSpentSeconds, w.deleted ?? false]), [['501', 7200, false], ['502', 0, true]]);
    assert.deepEqual(Object.keys(edited.next.sent), ['501']);
  });

  test('restricted worklogs stay home, and one restricted after it was sent is withdrawn', () => {
    assert.equal(planOutgoingWorklogs(snapshot([worklog('501', 60, { restricted: true })]), rule(), noWorklogs(), 2_000).send.length, 0);
    const sent = planOutgoingWorklogs(snapshot([worklog('501', 60)]), rule(), noWorklogs(), 2_000).next;
    const after = planOutgoingWorklogs(snapshot([worklog('501', 60, { restricted: true })]), rule(), sent, 3_000);
    assert.deepEqual(after.send.map((w) => [w.id, w.deleted]), [['501', true]]);
  });

  test("copies of the partner's worklogs never echo back, even before their local id is recorded", () => {
    const copy = worklog('900', 1800);
    const linked = { sent: {}, mirrored: { p1: { localId: '900', hash: 'x', ts: 1 } } };
    assert.equal(planOutgoingWorklogs(snapshot([copy]), rule(), linked, 2_000).send.length, 0);
    const inFlight = { sent: {}, mirrored: { p1: { hash: worklogHash(copy), ts: 1 } } };
    assert.equal(planOutgoingWorklogs(snapshot([copy]), rule(), inFlight, 2_000).send.length, 0);
  });
});

describe('incoming worklogs', () => {
  const w = worklog('501', 3600);

  test('a new partner worklog is added once; a repeat of the same message plans nothing', () => {
    const first = planIncomingWorklogs([replicaOf(w)], rule(), undefined);
    assert.deepEqual(first.plan.add.map((a) => [a.partnerId, a.timeSpentSeconds, a.started, a.author.displayName]), [['501', 3600, '2026-12-01T09:00:00.000Z', 'Ada Lovelace']]);
    const linked = { ...first.next!, mirrored: { '501': { ...first.next!.mirrored['501']!, localId: '77' } } };
    const repeat = planIncomingWorklogs([replicaOf(w)], rule(), linked);
    assert.equal(repeat.plan.add.length + repeat.plan.edit.length + repeat.plan.delete.length, 0);
  });

  test('an edit of a known worklog updates the local copy; an older edit arriving late does not', () => {
    const known = { sent: {}, mirrored: { '501': { localId: '77', hash: worklogHash(w), ts: 1_000 } } };
    const edited = worklog('501', 5400, { updatedAt: 2_000 });
    const plan = planIncomingWorklogs([replicaOf(edited)], rule(), known);
    assert.deepEqual(plan.plan.edit.map((e) => [e.localId, e.timeSpentSeconds]), [['77', 5400]]);
    const stale = planIncomingWorklogs([replicaOf(worklog('501', 60, { updatedAt: 500 }))], rule(), plan.next);
    assert.equal(stale.plan.edit.length, 0);
  });

  test('a delete removes the copy; a delete that overtakes its add leaves a tombstone the add cannot pass', () => {
    const known = { sent: {}, mirrored: { '501': { localId: '77', hash: worklogHash(w), ts: 1_000 } } };
    const del = replicaOf(w, { deleted: true, ts: 3_000 });
    assert.deepEqual(planIncomingWorklogs([del], rule(), known).plan.delete, [{ partnerId: '501', localId: '77' }]);
    const early = planIncomingWorklogs([del], rule(), undefined);
    assert.equal(early.plan.delete.length, 0);
    assert.equal(planIncomingWorklogs([replicaOf(w)], rule(), early.next).plan.add.length, 0);
  });

  test('an add planned before but never recorded is retried as a look-up first', () => {
    const planned = { sent: {}, mirrored: { '501': { hash: worklogHash(w), ts: 1_000 } } };
    const again = planIncomingWorklogs([replicaOf(w)], rule(), planned);
    assert.deepEqual(again.plan.add.map((a) => a.retry), [{ edited: false }]);
  });

  test('a rule that does not accept worklogs applies none and says how many it dropped', () => {
    const off = planIncomingWorklogs([replicaOf(w)], rule({ incoming: {} }), undefined);
    assert.equal(off.plan.add.length, 0);
    assert.equal(off.dropped, 1);
  });

  test('the remaining estimate is reduced by mirrored work only when it is not itself taken from the partner', () => {
    assert.equal(adjustEstimateFor(rule()), 'auto');
    const withEstimate = { ...rule(), fields: { ...rule().fields, timeestimate: { direction: 'both' as const, conflict: 'latest' as const } } } as ReturnType<typeof rule>;
    assert.equal(adjustEstimateFor(withEstimate), 'leave');
    const outOnly = { ...rule(), fields: { ...rule().fields, timeestimate: { direction: 'out' as const } } } as ReturnType<typeof rule>;
    assert.equal(adjustEstimateFor(outOnly), 'auto');
  });
});

describe('a worklog that is a running total (ServiceNow time worked)', () => {
  test('at zero it leaves only once the partner has a copy; the receiver then deletes the copy and adds one again when time comes back', () => {
    const zero = (at: number) => worklog('time_worked', 0, { updatedAt: at });
    assert.equal(planOutgoingWorklogs(snapshot([zero(1_000)]), rule(), noWorklogs(), 2_000).send.length, 0, 'no time yet: nothing to mirror');
    const fifteen = planOutgoingWorklogs(snapshot([worklog('time_worked', 900, { updatedAt: 3_000 })]), rule(), noWorklogs(), 4_000);
    const back = planOutgoingWorklogs(snapshot([zero(5_000)]), rule(), fifteen.next, 6_000);
    assert.deepEqual(back.send.map((w) => [w.timeSpentSeconds, w.deleted ?? false]), [[0, false]], 'an edit to zero, not a delete');

    const added = planIncomingWorklogs(fifteen.send, rule(), undefined);
    assert.equal(added.plan.add.length, 1);
    const landed = { ...added.next!, mirrored: { time_worked: { ...added.next!.mirrored.time_worked!, localId: '7001' } } };
    const emptied = planIncomingWorklogs(back.send, rule(), landed);
    assert.deepEqual(emptied.plan.delete, [{ partnerId: 'time_worked', localId: '7001' }]);
    assert.equal(emptied.next!.mirrored.time_worked!.noCopy, true);
    assert.equal(planIncomingWorklogs(back.send, rule(), emptied.next).plan.delete.length, 0, 'a repeat changes nothing');

    const thirty = planOutgoingWorklogs(snapshot([worklog('time_worked', 1_800, { updatedAt: 7_000 })]), rule(), back.next, 8_000);
    const again = planIncomingWorklogs(thirty.send, rule(), emptied.next);
    assert.deepEqual(again.plan.add.map((w) => [w.partnerId, w.timeSpentSeconds, w.retry]), [['time_worked', 1_800, undefined]], 'a fresh add, the id still open');
  });
});
