import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { CONNECTION, drain, makeTwoSites } from './support/two-sites';
import { mirrorRules } from './support/rules';

const text = (t: string) => ({ kind: 'text' as const, text: t });
const option = (name: string) => ({ kind: 'option' as const, name });

async function linkedPair() {
  const rules = mirrorRules();
  const sites = await makeTwoSites(rules.a, rules.b);
  const { a, b, net } = sites;
  const issueA = a.tracker.createLocal({ summary: text('Printer on fire'), priority: option('High'), labels: { kind: 'options', names: ['ops'] }, duedate: { kind: 'date', date: '2030-01-31' } });
  await handleLocalChange(a.deps, { issueId: issueA });
  await drain(a, b, net);
  const issueB = [...b.tracker.issues.keys()][0]!;
  return { ...sites, issueA, issueB: issueB as typeof issueA };
}

describe('sync engine: two sites', () => {
  test('an issue created on A appears once on B with the shared fields', async () => {
    const { a, b, issueA, issueB } = await linkedPair();
    assert.equal(b.tracker.issues.size, 1);
    assert.deepEqual(b.tracker.value(issueB, 'summary'), text('Printer on fire'));
    assert.deepEqual(b.tracker.value(issueB, 'priority'), option('High'));
    assert.deepEqual(b.tracker.value(issueB, 'duedate'), { kind: 'date', date: '2030-01-31' });
    const pairA = await a.store.findPairByLocalIssue(CONNECTION, issueA);
    assert.equal(pairA?.partnerIssueId, issueB, 'the ack taught A the partner issue id');
  });

  test('an edit on B flows back to A, status through transitions, and nothing echoes', async () => {
    const { a, b, net, issueA, issueB } = await linkedPair();
    b.tracker.edit(issueB, 'status', option('Done'));
    b.tracker.edit(issueB, 'summary', text('Printer fixed'));
    const outcome = await handleLocalChange(b.deps, { issueId: issueB });
    assert.ok(Array.isArray(outcome) && outcome[0]?.status === 'queued');
    await drain(a, b, net);
    assert.deepEqual(a.tracker.value(issueA, 'status'), option('Done'));
    assert.deepEqual(a.tracker.value(issueA, 'summary'), text('Printer fixed'));
    // A's trigger fires for the sync's own write: nothing may go back.
    assert.deepEqual(await handleLocalChange(a.deps, { issueId: issueA }), [{ connectionId: 'conn-1', status: 'no-change' }]);
    assert.deepEqual(await handleLocalChange(b.deps, { issueId: issueB }), [{ connectionId: 'conn-1', status: 'no-change' }]);
  });

  test('one-way fields: B cannot change A\'s due date, A cannot change B\'s custom:1', async () => {
    const { a, b, net, issueA, issueB } = await linkedPair();
    b.tracker.edit(issueB, 'duedate', { kind: 'date', date: '2031-05-05' });
    b.tracker.edit(issueB, 'custom:1', { kind: 'number', value: 7 });
    await handleLocalChange(b.deps, { issueId: issueB });
    await drain(a, b, net);
    assert.deepEqual(a.tracker.value(issueA, 'duedate'), { kind: 'date', date: '2030-01-31' });
    assert.deepEqual(a.tracker.value(issueA, 'custom:1'), { kind: 'number', value: 7 });
  });

  test('a rejected value is an error record naming field, value and reason; the rest applies', async () => {
    const { a, b, net, issueA, issueB } = await linkedPair();
    b.tracker.edit(issueB, 'custom:1', { kind: 'number', value: -5 });
    b.tracker.edit(issueB, 'summary', text('Still applies'));
    await handleLocalChange(b.deps, { issueId: issueB });
    await drain(a, b, net);
    assert.deepEqual(a.tracker.value(issueA, 'summary'), text('Still applies'));
    assert.equal(a.tracker.value(issueA, 'custom:1'), undefined);
    const errors = await a.store.listErrors('conn-1');
    assert.equal(errors.length, 1);
    assert.deepEqual([errors[0]!.field, errors[0]!.value, errors[0]!.reason], ['custom:1', '-5', 'negative values are not allowed (-5)']);
    const partnerSide = await b.store.listErrors('conn-1');
    assert.equal(partnerSide[0]?.field, 'partner:custom:1', 'the sender sees the rejection too');
  });

  test('comments: public ones mirror once, internal ones stay, deletes follow', async () => {
    const { a, b, net, issueA, issueB } = await linkedPair();
    const publicId = a.tracker.comment(issueA, 'Customer called again');
    a.tracker.comment(issueA, 'Internal: customer is difficult', true);
    await handleLocalChange(a.deps, { issueId: issueA });
    await drain(a, b, net);
    const bComments = () => b.tracker.issues.get(issueB)!.comments;
    assert.equal(bComments().length, 1);
    assert.equal(bComments()[0]!.body.content[0]!.type, 'paragraph');
    // B's trigger for the mirrored comment must not send it back.
    assert.deepEqual(await handleLocalChange(b.deps, { issueId: issueB }), [{ connectionId: 'conn-1', status: 'no-change' }]);
    const issue = a.tracker.issues.get(issueA)!;
    issue.comments = issue.comments.filter((c) => c.id !== publicId);
    await handleLocalChange(a.deps, { issueId: issueA });
    await drain(a, b, net);
    assert.equal(bComments().length, 0);
  });

  test('an update that overtakes its create is retried, not applied to a new issue', async () => {
    const rules = mirrorRules();
    const { a, b, net } = await makeTwoSites(rules.a, rules.b);
    const issueA = a.tracker.createLocal({ summary: text('First') });
    await handleLocalChange(a.deps, { issueId: issueA });
    a.tracker.edit(issueA, 'summary', text('Second'));
    await handleLocalChange(a.deps, { issueId: issueA });
    const [create, update] = a.outbox.all().sort((x, y) => x.seq - y.seq);
    assert.equal(await sendOutboxEntry(a.deps, update!.id), 'retry-scheduled');
    assert.equal(b.tracker.issues.size, 0);
    assert.equal(await sendOutboxEntry(a.deps, create!.id), 'sent');
    assert.equal(await sendOutboxEntry(a.deps, update!.id), 'sent');
    const issueB = [...b.tracker.issues.keys()][0]!;
    assert.deepEqual(b.tracker.value(issueB as typeof issueA, 'summary'), text('Second'));
    assert.equal(net.log.filter((d) => d.status === 409).length, 1);
  });

  test('a lost response makes the sender retry; the receiver acks the repeat without re-applying', async () => {
    const rules = mirrorRules();
    const { a, b, net } = await makeTwoSites(rules.a, rules.b);
    const issueA = a.tracker.createLocal({ summary: text('Once') });
    await handleLocalChange(a.deps, { issueId: issueA });
    net.mode = 'drop-response';
    const [entry] = a.outbox.all();
    assert.equal(await sendOutboxEntry(a.deps, entry!.id), 'retry-scheduled');
    net.mode = 'ok';
    assert.equal(await sendOutboxEntry(a.deps, entry!.id), 'sent');
    assert.equal(b.tracker.creates, 1);
    assert.deepEqual(net.log.map((d) => [d.ackStatus, d.trackerWrites]), [['applied', 1], ['duplicate', 0]]);
  });

  test('a transient tracker failure on the receiver is retried and applies once', async () => {
    const { a, b, net, issueA, issueB } = await linkedPair();
    a.tracker.edit(issueA, 'summary', text('Retry me'));
    await handleLocalChange(a.deps, { issueId: issueA });
    b.tracker.failNextWrite = { transient: true, message: 'Jira 503' };
    const [entry] = a.outbox.all();
    assert.equal(await sendOutboxEntry(a.deps, entry!.id), 'retry-scheduled');
    // Meanwhile B's trigger runs: the in-flight write must not be taken for a local edit.
    const during = await handleLocalChange(b.deps, { issueId: issueB });
    assert.ok(Array.isArray(during) && during.every((o) => o.status === 'deferred'));
    assert.equal(await sendOutboxEntry(a.deps, entry!.id), 'sent');
    assert.deepEqual(b.tracker.value(issueB, 'summary'), text('Retry me'));
    assert.deepEqual(await handleLocalChange(b.deps, { issueId: issueB }), [{ connectionId: 'conn-1', status: 'no-change' }]);
    await drain(a, b, net);
  });

  test('an incoming change costs at most four ledger operations', async () => {
    const { a, b, issueA } = await linkedPair();
    a.tracker.edit(issueA, 'priority', option('Low'));
    await handleLocalChange(a.deps, { issueId: issueA });
    const before = b.store.operations;
    const [entry] = a.outbox.all();
    await sendOutboxEntry(a.deps, entry!.id);
    assert.ok(b.store.operations - before <= 4, `used ${b.store.operations - before} operations`);
  });
});
