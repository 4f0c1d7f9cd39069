// An apply that never committed left pending markers; when the partner re-sends, the issue tells
// what became of each write: not landed (write again), landed, or edited since (the edit wins).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { newPairRecord, type PairRecord } from '../../../src/core/ledger/pair-record';
import { settleEditedPending } from '../../../src/core/planning/settle-pending';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { empty, hashValue, type ReplicaValue } from '../../../src/core/replica/value';
import { parseRule } from '../../../src/core/rules/parse-rule';
import { mirrorRules } from './support/rules';

const labels = (...names: string[]): ReplicaValue => ({ kind: 'options', names });
const rule = () => {
  const parsed = parseRule(mirrorRules().b);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const snapshotWith = (value: ReplicaValue): IssueSnapshot => ({ id: localIssueId('10001'), key: 'BETA-1', projectKey: 'BETA', updatedAt: 5, fields: { labels: { value } }, comments: [], attachments: [] });

/** The create wrote labels ["from-acme"] over nothing, and was killed before its commit. */
function crashedCreate(): PairRecord {
  const pair = newPairRecord({ pairId: pairId('p1'), connectionId: connectionId('conn-1'), localIssueId: localIssueId('10001'), partnerIssueId: partnerIssueId('20001'), origin: 'partner', createdAt: 1 });
  const winner = { origin: 'partner' as const, counter: 1, ts: 1, hash: hashValue(labels('from-acme')) };
  return { ...pair, fields: { labels: { clock: { local: 0, partner: 1 }, winner, localHash: hashValue(labels('from-acme')), ownTs: 0, pending: { fromHash: hashValue(empty), since: 1 } } } };
}

describe('pending markers of an apply that never committed', () => {
  test('the write never landed (the field shows the value from before it): the marker stays, the re-send writes it', () => {
    const pair = crashedCreate();
    assert.equal(settleEditedPending(pair, snapshotWith(empty), rule()), pair);
  });

  test('the write landed: the marker stays for the commit to settle', () => {
    const pair = crashedCreate();
    assert.equal(settleEditedPending(pair, snapshotWith(labels('from-acme')), rule()), pair);
  });

  test('an agent edited the field since: the marker goes, so the catch-up sends the edit instead of the re-send overwriting it', () => {
    const settled = settleEditedPending(crashedCreate(), snapshotWith(labels('triaged')), rule());
    assert.equal(settled.fields.labels?.pending, undefined);
    assert.equal(settled.fields.labels?.localHash, hashValue(labels('from-acme')), 'still the written value: the planner sees the edit as a change');
  });
});
