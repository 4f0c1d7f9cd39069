import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../src/core/ids';
import { planIncoming, type IncomingReplica } from '../../../src/core/planning/incoming-planner';
import type { FieldKey } from '../../../src/core/replica/field-key';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { hashValue, type ReplicaValue } from '../../../src/core/replica/value';
import { defaultMetadata } from './support/memory-tracker';
import { rule } from './support/rule-fixtures';

const meta = defaultMetadata('ALPHA');
const local: IssueSnapshot = {
  id: localIssueId('1'), key: 'ALPHA-1', projectKey: 'ALPHA', updatedAt: 0, comments: [], attachments: [],
  fields: { summary: { value: { kind: 'text', text: 'Old' } }, status: { value: { kind: 'option', name: 'Open' } } },
};

function incoming(fields: Partial<Record<FieldKey, ReplicaValue>>, counter = 1): IncomingReplica {
  const replica: IncomingReplica = { replica: { fields: {}, comments: [], attachments: [] }, clocks: {} };
  for (const [k, value] of Object.entries(fields)) {
    replica.replica.fields[k as FieldKey] = { value: value!, ts: 1000, hash: hashValue(value!) };
    replica.clocks[k as FieldKey] = { mine: counter, yours: 0 };
  }
  return replica;
}

describe('incoming planner', () => {
  test('maps values, walks the workflow to the mapped status, and edits accepted fields', () => {
    const plan = planIncoming(incoming({ summary: { kind: 'text', text: 'New' }, status: { kind: 'option', name: 'Resolved' }, priority: { kind: 'option', name: 'P1' } }), rule(), local, null, meta, 5);
    assert.deepEqual(plan.edits.map((e) => [e.field, e.value]), [['summary', { kind: 'text', text: 'New' }], ['priority', { kind: 'option', name: 'High' }]]);
    assert.deepEqual(plan.transition?.path.map((t) => t.name), ['Start', 'Finish']);
    assert.equal(plan.next.fields.summary?.pending?.since, 5);
    assert.deepEqual(plan.errors, []);
  });

  test('partner fields the local rule does not accept are dropped and reported', () => {
    const plan = planIncoming(incoming({ description: { kind: 'text', text: 'x' }, labels: { kind: 'options', names: ['a'] } }), rule(), local, null, meta, 5);
    assert.deepEqual(plan.edits, []);
    assert.deepEqual(plan.dropped.map((d) => d.field).sort(), ['description', 'labels']);
  });

  test('field mapping: partner custom:77 feeds local custom:1', () => {
    const plan = planIncoming(incoming({ 'custom:77': { kind: 'number', value: 42 } }), rule(), local, null, meta, 5);
    assert.deepEqual(plan.edits.map((e) => [e.field, e.partnerField]), [['custom:1', 'custom:77']]);
  });

  test('each rejected value is an error naming field, value and reason; the rest still applies', () => {
    const m = { ...meta, fields: { ...meta.fields, summary: { kind: 'text' as const, maxLength: 5, required: true } } };
    const plan = planIncoming(incoming({ summary: { kind: 'text', text: 'Far too long' }, 'custom:77': { kind: 'number', value: -3 }, priority: { kind: 'option', name: 'Urgent' }, status: { kind: 'option', name: 'Done' } }), rule(), local, null, m, 5);
    assert.deepEqual(plan.errors, [
      // Text over the local length is cut with a marker, applied, and reported (text-fit.ts).
      { field: 'summary', value: '"Far too long"', reason: "is 12 characters, the limit here is 5: cut to fit, marked as cut (the full text stays on the partner's issue)" },
      { field: 'custom:1', value: '-3', reason: 'negative values are not allowed (-3)' },
      { field: 'priority', value: '"Urgent"', reason: '"Urgent" is not an allowed option (High, Medium, Low)' },
    ]);
    assert.equal(plan.transition?.to, 'Done');
    assert.deepEqual(plan.edits.find((e) => e.field === 'summary')?.value, { kind: 'text', text: 'Far …' });
    assert.equal(plan.next.fields['custom:1'], undefined, 'a rejected value is not recorded as applied');
  });

  test('a status no transition reaches is an error, not a silent skip', () => {
    const m = { ...meta, statuses: [...meta.statuses, 'Closed'] };
    const plan = planIncoming(incoming({ status: { kind: 'option', name: 'Closed' } }), rule(), local, null, m, 5);
    assert.deepEqual(plan.errors, [{ field: 'status', value: '"Closed"', reason: 'no transition reaches "Closed" from "Open"' }]);
  });

  test('an older or repeated version changes nothing', () => {
    const first = planIncoming(incoming({ summary: { kind: 'text', text: 'v2' } }, 2), rule(), local, null, meta, 5);
    const settled = { ...first.next, fields: { summary: { ...first.next.fields.summary!, pending: undefined } } };
    const applied: IssueSnapshot = { ...local, fields: { ...local.fields, summary: { value: { kind: 'text', text: 'v2' } } } };
    const older = planIncoming(incoming({ summary: { kind: 'text', text: 'v1' } }, 1), rule(), applied, settled, meta, 6);
    assert.deepEqual(older.edits, []);
    const again = planIncoming(incoming({ summary: { kind: 'text', text: 'v2' } }, 2), rule(), applied, settled, meta, 7);
    assert.deepEqual(again.edits, []);
  });

  test('a hash that does not match its value is refused', () => {
    const bad = incoming({ summary: { kind: 'text', text: 'New' } });
    bad.replica.fields.summary!.hash = 'a'.repeat(64);
    const plan = planIncoming(bad, rule(), local, null, meta, 5);
    assert.equal(plan.errors[0]?.reason, 'content hash does not match the value');
  });

  test('a create lands in the rule\'s target with defaults; missing required fields block it', () => {
    const r = rule({ incoming: { create: { projectKey: 'ALPHA', issueType: 'Bug' }, defaults: { labels: { kind: 'options', names: ['from-partner'] } } } });
    const plan = planIncoming(incoming({ summary: { kind: 'text', text: 'Hi' }, status: { kind: 'option', name: 'In Progress' } }), r, null, null, meta, 5);
    assert.deepEqual(plan.create, { projectKey: 'ALPHA', issueType: 'Bug' });
    assert.deepEqual(plan.edits.map((e) => e.field).sort(), ['labels', 'summary']);
    assert.deepEqual(plan.transition?.path.map((t) => t.name), ['Start']);
    const blocked = planIncoming(incoming({ status: { kind: 'option', name: 'Open' } }), r, null, null, meta, 5);
    assert.deepEqual(blocked.errors, [{ field: 'summary', value: '(empty)', reason: 'is required to create the issue', blocking: true }]);
  });

  test('comments: add, edit by newer version, delete, and a late add after delete is ignored', () => {
    const body = (t: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: t }] }] });
    const c = (ts: number, text: string, deleted = false) => ({ id: 'pc1', body: body(text), internal: false, author: { displayName: 'Bob' }, ts, hash: hashValue({ kind: 'text', text }), ...(deleted ? { deleted } : {}) });
    const msg = (comments: ReturnType<typeof c>[]): IncomingReplica => ({ replica: { fields: {}, comments, attachments: [] }, clocks: {} });
    const add = planIncoming(msg([c(1, 'hi')]), rule(), local, null, meta, 5);
    assert.equal(add.comments.add.length, 1);
    const ledger = { ...add.next, comments: { ...add.next.comments, mirrored: { pc1: { ...add.next.comments.mirrored.pc1!, localId: 'lc1' } } } };
    assert.deepEqual(planIncoming(msg([c(2, 'hi, edited')]), rule(), local, ledger, meta, 6).comments.edit, [{ partnerId: 'pc1', localId: 'lc1', body: body('hi, edited') }]);
    const del = planIncoming(msg([c(3, '', true)]), rule(), local, ledger, meta, 7);
    assert.deepEqual(del.comments.delete, [{ partnerId: 'pc1', localId: 'lc1' }]);
    const late = planIncoming(msg([c(2, 'hi, edited')]), rule(), local, del.next, meta, 8);
    assert.deepEqual(late.comments, { add: [], edit: [], delete: [] });
  });
});
