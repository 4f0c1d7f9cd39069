// What every implementation of the storage ports must do, whatever it runs on. The same cases run
// against the core's in-memory implementations (so this file states the core's own contract) and
// against the Forge adapters inside the sandbox.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import type { ConfigStore } from '../../../src/core/ports/config-store';
import type { Outbox } from '../../../src/core/ports/outbox';
import type { Secrets } from '../../../src/core/ports/secrets';
import type { LedgerStore } from '../../../src/core/ports/store';
import type { PairRecord } from '../../../src/core/ledger/pair-record';
import { SECRET, auditEntry, connection, errorRecord, invitation, outboxEntry, pair, ruleVersion } from './factories';

export type ContractHarness = {
  store: LedgerStore;
  config: ConfigStore;
  outbox: Outbox;
  secrets: Secrets;
  now(): number;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
};

const C1 = connectionId('conn-1');
const C2 = connectionId('conn-2');
const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

export function portContracts(label: string, make: () => Promise<ContractHarness>): void {
  const withHarness = (fn: (h: ContractHarness) => Promise<void>) => async () => {
    const h = await make();
    try {
      await fn(h);
    } finally {
      await h.close();
    }
  };

  describe(`${label}: LedgerStore contract`, () => {
    test('a stored pair reads back whole, and an unknown one is null', withHarness(async ({ store }) => {
      const base = pair({ pair: 'p-1', partner: 'P-77' });
      const p: PairRecord = { ...base, lastSentSeq: 3, applied: { upTo: 4, above: [6] }, comments: { sent: { c1: { hash: 'h1' } }, mirrored: { c9: { localId: '500', hash: 'h9', ts: 7 } } } };
      await store.putPair(p);
      assert.deepEqual(await store.getPair(C1, pairId('p-1')), p);
      assert.equal(await store.getPair(C1, pairId('p-unknown')), null);
      assert.equal(await store.getPair(C2, pairId('p-1')), null, "another connection naming the same pair id finds nothing");
    }));

    test('a pair is found from either side within its connection only', withHarness(async ({ store }) => {
      await store.putPair(pair({ pair: 'p-1', local: '10001', partner: null }));
      assert.equal((await store.findPairByLocalIssue(C1, localIssueId('10001')))?.pairId, 'p-1');
      assert.equal(await store.findPairByPartnerIssue(C1, partnerIssueId('20001')), null, 'no partner id yet');
      await store.putPair(pair({ pair: 'p-1', local: '10001', partner: '20001' }));
      assert.equal((await store.findPairByPartnerIssue(C1, partnerIssueId('20001')))?.pairId, 'p-1');
      assert.equal(await store.findPairByLocalIssue(C2, localIssueId('10001')), null);
      assert.equal(await store.findPairByPartnerIssue(C2, partnerIssueId('20001')), null);
    }));

    test('a receiving-side pair with no local issue yet is found by its partner issue', withHarness(async ({ store }) => {
      await store.putPair(pair({ pair: 'p-2', local: null, partner: '20002', origin: 'partner' }));
      assert.equal((await store.findPairByPartnerIssue(C1, partnerIssueId('20002')))?.localIssueId, null);
    }));

    test('a deleted pair is gone from every lookup', withHarness(async ({ store }) => {
      await store.putPair(pair({ pair: 'p-1', local: '10001', partner: '20001' }));
      await store.deletePair(C1, pairId('p-1'));
      assert.equal(await store.getPair(C1, pairId('p-1')), null);
      assert.equal(await store.findPairByLocalIssue(C1, localIssueId('10001')), null);
      assert.equal(await store.findPairByPartnerIssue(C1, partnerIssueId('20001')), null);
    }));

    test('a message id is remembered once per connection until it expires', withHarness(async ({ store, now, advance }) => {
      const until = now() + 60_000;
      assert.equal(await store.rememberMessage(C1, 'm-1', until), true);
      assert.equal(await store.rememberMessage(C1, 'm-1', until), false, 'a replay is refused');
      assert.equal(await store.rememberMessage(C2, 'm-1', until), true, 'another connection has its own memory');
      assert.equal(await store.hasMessage(C1, 'm-1'), true);
      assert.equal(await store.hasMessage(C1, 'm-2'), false);
      await advance(61_000);
      assert.equal(await store.hasMessage(C1, 'm-1'), false);
      assert.equal(await store.rememberMessage(C1, 'm-1', now() + 60_000), true, 'forgotten after expiry');
    }));

    test('errors are kept per connection until removed', withHarness(async ({ store }) => {
      await store.addError(errorRecord('e-1', 1000));
      await store.addError(errorRecord('e-2', 2000));
      await store.addError(errorRecord('e-3', 3000, 'conn-2'));
      assert.deepEqual(byId(await store.listErrors('conn-1')), [errorRecord('e-1', 1000), errorRecord('e-2', 2000)]);
      await store.removeError('e-1');
      assert.deepEqual(await store.listErrors('conn-1'), [errorRecord('e-2', 2000)]);
    }));

    test('audit entries are kept per connection', withHarness(async ({ store }) => {
      await store.appendAudit(auditEntry('a-1', 1000));
      await store.appendAudit(auditEntry('a-2', 2000, 'conn-2'));
      assert.deepEqual(await store.listAudit('conn-1'), [auditEntry('a-1', 1000)]);
    }));
  });

  describe(`${label}: ConfigStore contract`, () => {
    test('connections are stored, listed and deleted', withHarness(async ({ config }) => {
      await config.putConnection(connection('conn-1', 1000));
      await config.putConnection(connection('conn-2', 2000, { state: 'paused' }));
      assert.deepEqual(await config.getConnection('conn-2'), connection('conn-2', 2000, { state: 'paused' }));
      assert.deepEqual(byId(await config.listConnections()).map((c) => c.id), ['conn-1', 'conn-2']);
      await config.deleteConnection('conn-1');
      assert.equal(await config.getConnection('conn-1'), null);
      assert.deepEqual((await config.listConnections()).map((c) => c.id), ['conn-2']);
    }));

    test('every rule save is a version; the newest is current', withHarness(async ({ config }) => {
      await config.appendRuleVersion('conn-1', 'ALPHA', ruleVersion('conn-1', 'ALPHA', 1));
      await config.appendRuleVersion('conn-1', 'ALPHA', ruleVersion('conn-1', 'ALPHA', 2, { scope: { labels: ['pilot'] } }));
      await config.appendRuleVersion('conn-1', 'BETA', ruleVersion('conn-1', 'BETA', 1));
      await config.appendRuleVersion('conn-2', 'ALPHA', ruleVersion('conn-2', 'ALPHA', 1));
      assert.deepEqual((await config.getRuleHistory('conn-1', 'ALPHA')).map((v) => v.version), [1, 2]);
      const current = await config.currentRules('conn-1');
      assert.deepEqual(current.map((r) => r.projectKey).sort(), ['ALPHA', 'BETA']);
      assert.deepEqual(current.find((r) => r.projectKey === 'ALPHA')?.scope.labels, ['pilot']);
      assert.deepEqual((await config.rulesForProject('ALPHA')).map((r) => r.connectionId).sort(), ['conn-1', 'conn-2']);
      assert.deepEqual(await config.rulesForProject('GAMMA'), []);
    }));

    test('a version number cannot be saved twice', withHarness(async ({ config }) => {
      await config.appendRuleVersion('conn-1', 'ALPHA', ruleVersion('conn-1', 'ALPHA', 1));
      await assert.rejects(config.appendRuleVersion('conn-1', 'ALPHA', ruleVersion('conn-1', 'ALPHA', 1)), /already exists/);
      assert.equal((await config.getRuleHistory('conn-1', 'ALPHA')).length, 1);
    }));
  });

  describe(`${label}: Outbox contract`, () => {
    test('entries are stored, updated and removed by id; ids are unique', withHarness(async ({ outbox }) => {
      const e = outboxEntry('o-1');
      await outbox.enqueue(e);
      assert.deepEqual(await outbox.get('o-1'), e);
      await assert.rejects(outbox.enqueue(e), /already exists/);
      await outbox.update({ ...e, attempts: 1, lastError: 'HTTP 503' });
      assert.equal((await outbox.get('o-1'))?.attempts, 1);
      await assert.rejects(outbox.update(outboxEntry('o-unknown')), /does not exist/);
      await outbox.remove('o-1');
      assert.equal(await outbox.get('o-1'), null);
    }));

    test('due() returns what is due, oldest first, up to the limit', withHarness(async ({ outbox, now }) => {
      const t = now();
      // Created in order 1..4; due times in the opposite order, and one not due yet.
      await outbox.enqueue(outboxEntry('o-1', { createdAt: t - 4000, seq: 1, nextTryAt: t }));
      await outbox.enqueue(outboxEntry('o-2', { createdAt: t - 3000, seq: 2, nextTryAt: t - 1000 }));
      await outbox.enqueue(outboxEntry('o-3', { createdAt: t - 2000, seq: 3, nextTryAt: t - 2000 }));
      await outbox.enqueue(outboxEntry('o-4', { createdAt: t - 1000, seq: 4, nextTryAt: t + 60_000 }));
      assert.deepEqual((await outbox.due(t, 10)).map((e) => e.id), ['o-1', 'o-2', 'o-3']);
      assert.deepEqual((await outbox.due(t, 2)).map((e) => e.id), ['o-1', 'o-2']);
      assert.deepEqual((await outbox.due(t + 60_000, 10)).map((e) => e.id), ['o-1', 'o-2', 'o-3', 'o-4']);
    }));

    test('size() counts all entries or one connection\'s', withHarness(async ({ outbox, now }) => {
      await outbox.enqueue(outboxEntry('o-1', { nextTryAt: now() }));
      await outbox.enqueue(outboxEntry('o-2', { nextTryAt: now() }));
      await outbox.enqueue(outboxEntry('o-3', { connectionId: 'conn-2', nextTryAt: now() }));
      assert.equal(await outbox.size(), 3);
      assert.equal(await outbox.size('conn-1'), 2);
      assert.equal(await outbox.size('conn-3'), 0);
    }));
  });

  describe(`${label}: Secrets contract`, () => {
    test('connection secrets and pending invitations are stored and deleted together', withHarness(async ({ secrets }) => {
      assert.equal(await secrets.getConnectionSecret('conn-1'), null);
      await secrets.putConnectionSecret('conn-1', SECRET);
      await secrets.putPendingInvitation(invitation('conn-1'));
      assert.equal(await secrets.getConnectionSecret('conn-1'), SECRET);
      assert.deepEqual(await secrets.getPendingInvitation('conn-1'), invitation('conn-1'));
      await secrets.deleteConnectionSecrets('conn-1');
      assert.equal(await secrets.getConnectionSecret('conn-1'), null);
      assert.equal(await secrets.getPendingInvitation('conn-1'), null);
    }));
  });
}
