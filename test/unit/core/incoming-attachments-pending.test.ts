// A partner attachment stays pending (mirrored: null) until its upload is recorded: a re-send plans
// it again, an upload that landed before the record did is adopted rather than repeated, and a
// recorded one is never planned twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../src/core/ids';
import { emptyLedger, planIncoming, type IncomingReplica } from '../../../src/core/planning/incoming-planner';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { defaultMetadata } from './support/memory-tracker';
import { rule } from './support/rule-fixtures';

const meta = defaultMetadata('ALPHA');
const accepting = (() => {
  const r = rule();
  return { ...r, incoming: { ...r.incoming, attachments: { enabled: true, maxBytes: 10_000 } } };
})();
const sent = { id: 'p-9', filename: 'trace.txt', mimeType: 'text/plain', size: 120, ref: 'https://partner.example/inbox?attachment=p-9' };
const message: IncomingReplica = { replica: { fields: {}, comments: [], attachments: [sent] }, clocks: {} };
const issue = (attachments: IssueSnapshot['attachments']): IssueSnapshot => ({
  id: localIssueId('1'), key: 'ALPHA-1', projectKey: 'ALPHA', updatedAt: 0, comments: [], attachments, fields: {},
});
const ledger = (mirrored: Record<string, string | null>, sentIds: string[] = []) => ({ ...emptyLedger(), attachments: { sent: sentIds, mirrored } });
const localFile = (id: string, filename = 'trace.txt', size = 120) => ({ id, filename, mimeType: 'text/plain', size, ref: `https://local/${id}` });

describe('incoming attachments: pending until uploaded', () => {
  test('a new attachment is planned and marked pending', () => {
    const plan = planIncoming(message, accepting, issue([]), ledger({}), meta, 1);
    assert.deepEqual(plan.attachments.add.map((a) => a.id), ['p-9']);
    assert.equal(plan.next.attachments.mirrored['p-9'], null);
  });

  test('a pending one (its fetch failed) is planned again on the re-send', () => {
    const plan = planIncoming(message, accepting, issue([]), ledger({ 'p-9': null }), meta, 2);
    assert.deepEqual(plan.attachments.add.map((a) => a.id), ['p-9']);
  });

  test('one recorded as uploaded is never planned again', () => {
    const plan = planIncoming(message, accepting, issue([localFile('500')]), ledger({ 'p-9': '500' }), meta, 2);
    assert.deepEqual(plan.attachments.add, []);
    assert.equal(plan.next.attachments.mirrored['p-9'], '500');
  });

  test('a pending one whose upload landed before the record did is adopted, not uploaded twice', () => {
    const plan = planIncoming(message, accepting, issue([localFile('501')]), ledger({ 'p-9': null }), meta, 2);
    assert.deepEqual(plan.attachments.add, []);
    assert.equal(plan.next.attachments.mirrored['p-9'], '501');
  });

  test('a local file already claimed (sent to the partner, or another mirror) or of another size is not adopted', () => {
    for (const [files, state] of [
      [[localFile('502')], ledger({ 'p-9': null }, ['502'])],
      [[localFile('503')], ledger({ 'p-9': null, 'p-8': '503' })],
      [[localFile('504', 'trace.txt', 121)], ledger({ 'p-9': null })],
    ] as const) {
      const plan = planIncoming(message, accepting, issue([...files]), state, meta, 2);
      assert.deepEqual(plan.attachments.add.map((a) => a.id), ['p-9'], JSON.stringify(files));
    }
  });
});
