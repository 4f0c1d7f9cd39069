// The ledger on Forge KVS custom entities, beyond the shared contract: lookups from both sides of a
// mirrored pair, the KVS budget per operation, replay memory under concurrency, and paged lists.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { auditEntry, errorRecord, pair } from './factories';
import { derivePairId } from '../../../src/core/sync/pair-id';
import { PortError, kvsOps, port, probeWorld, type ProbeWorld } from './probe';

const C1 = connectionId('conn-1');

describe('ForgeLedgerStore', () => {
  let w: ProbeWorld;
  before(async () => {
    w = await probeWorld();
  });
  after(() => w.close());

  test('both sites find their pair from their own issue and from the partner issue', async () => {
    // acme's ACME-1 (id 10001) is mirrored as globex's GLX-7 (id 20007).
    const acme = port(w.acme, 'store');
    const globex = port(w.globex, 'store');
    await acme.putPair(pair({ pair: 'p-mirror', local: '10001', partner: '20007', origin: 'local' }));
    await globex.putPair(pair({ pair: 'p-mirror', local: '20007', partner: '10001', origin: 'partner' }));

    assert.equal((await acme.findPairByLocalIssue(C1, localIssueId('10001')))?.pairId, 'p-mirror');
    assert.equal((await acme.findPairByPartnerIssue(C1, partnerIssueId('20007')))?.pairId, 'p-mirror');
    assert.equal((await globex.findPairByLocalIssue(C1, localIssueId('20007')))?.origin, 'partner');
    assert.equal((await globex.findPairByPartnerIssue(C1, partnerIssueId('10001')))?.origin, 'partner');
    // Each site's storage is its own: acme knows nothing of globex's local issue as a local issue.
    assert.equal(await acme.findPairByLocalIssue(C1, localIssueId('20007')), null);
  });

  test('every ledger operation costs one KVS operation, so a change stays within the budget of four', async () => {
    const store = port(w.acme, 'store');
    // Pairs are made under ids derived from their first issue (core/sync/pair-id.ts): found by key.
    const budgetId = derivePairId(C1, 'inviter', localIssueId('10002'));
    const p = pair({ pair: budgetId, local: '10002', partner: '20002' });
    const fromPartner = pair({ pair: derivePairId(C1, 'acceptor', localIssueId('20091')), local: '10091', partner: '20091', origin: 'partner' });
    const cost = async (work: () => Promise<unknown>) => (await kvsOps(w.acme, work)).ops;

    assert.equal(await cost(() => store.putPair(p)), 1);
    await store.putPair(fromPartner);
    assert.equal(await cost(() => store.getPair(C1, budgetId)), 1);
    assert.equal(await cost(() => store.findPairByLocalIssue(C1, localIssueId('10002'))), 1);
    assert.equal(await cost(() => store.findPairByPartnerIssue(C1, partnerIssueId('20091'))), 1);
    assert.equal(await cost(() => store.findPairByPartnerIssue(C1, partnerIssueId('20002'))), 1);
    // No pair in the index: its derived keys are read too (the index may lag behind a new pair).
    assert.equal(await cost(() => store.findPairByLocalIssue(C1, localIssueId('10077'))), 2);
    assert.equal(await cost(() => store.rememberMessage(C1, 'm-budget', w.clock.now() + 60_000)), 1);
    assert.equal(await cost(() => store.rememberMessage(C1, 'm-budget', w.clock.now() + 60_000)), 1, 'a refused replay costs the same one operation');
    assert.equal(await cost(() => store.hasMessage(C1, 'm-budget')), 1);
    assert.equal(await cost(() => store.addError(errorRecord('e-budget', w.clock.now()))), 1);
    assert.equal(await cost(() => store.removeError('e-budget')), 1);
    assert.equal(await cost(() => store.appendAudit(auditEntry('a-budget', w.clock.now()))), 1);
    assert.equal(await cost(() => store.deletePair(C1, pairId('p-budget'))), 1);

    // The two sequences core/ports/store.ts budgets for, measured end to end.
    const outgoing = await kvsOps(w.acme, async () => {
      const found = await store.findPairByLocalIssue(C1, localIssueId('10003'));
      await store.putPair({ ...(found ?? pair({ pair: 'p-out', local: '10003' })), lastSentSeq: 1 });
    });
    // A new issue: the lookup finds nothing in the index and reads the derived keys (one more).
    assert.equal(outgoing.ops, 3, outgoing.detail.join(', '));
    const incoming = await kvsOps(w.globex, async () => {
      const g = port(w.globex, 'store');
      assert.equal(await g.rememberMessage(C1, 'm-in-1', w.clock.now() + 60_000), true);
      const intent = (await g.getPair(C1, pairId('p-out'))) ?? pair({ pair: 'p-out', local: null, partner: '10003', origin: 'partner' });
      await g.putPair(intent);
      await g.putPair({ ...intent, localIssueId: localIssueId('20003') });
    });
    assert.equal(incoming.ops, 4, incoming.detail.join(', '));
  });

  test('two deliveries of one message racing each other: exactly one is accepted', async () => {
    const a = port(w.acme, 'store');
    const b = port(w.acme, 'store');
    const until = w.clock.now() + 60_000;
    const results = await Promise.all([a.rememberMessage(C1, 'm-race', until), b.rememberMessage(C1, 'm-race', until), a.rememberMessage(C1, 'm-race', until)]);
    assert.deepEqual(results.filter(Boolean).length, 1);
  });

  test('after an unlink and a relink the live pair wins over the tombstone', async () => {
    const store = port(w.acme, 'store');
    await store.putPair({ ...pair({ pair: 'p-old', local: '10009', partner: '20009', at: 1000 }), unlinkedAt: 5000 });
    await store.putPair(pair({ pair: 'p-new', local: '10009', partner: '20019', at: 6000 }));
    assert.equal((await store.findPairByLocalIssue(C1, localIssueId('10009')))?.pairId, 'p-new');
    assert.equal((await store.findPairByPartnerIssue(C1, partnerIssueId('20009')))?.pairId, 'p-old', 'the old partner issue still leads to the tombstone');
  });

  test('ids with characters a KVS key cannot hold still round-trip and stay distinct', async () => {
    const store = port(w.acme, 'store');
    await store.putPair(pair({ pair: 'p/ä 1', local: 'INC0010001 / ü', partner: 'a_2f' }));
    await store.putPair(pair({ pair: 'p_2f', local: 'a/', partner: 'b' }));
    assert.equal((await store.findPairByLocalIssue(C1, localIssueId('INC0010001 / ü')))?.pairId, 'p/ä 1');
    assert.equal((await store.findPairByPartnerIssue(C1, partnerIssueId('a_2f')))?.pairId, 'p/ä 1');
    assert.equal((await store.getPair(C1, pairId('p_2f')))?.localIssueId, 'a/');
    assert.equal(await store.rememberMessage(C1, 'msg/with spaces?', w.clock.now() + 1000), true);
    assert.equal(await store.rememberMessage(C1, 'msg_2fwith spaces?', w.clock.now() + 1000), true);
    assert.equal(await store.rememberMessage(C1, 'x'.repeat(600), w.clock.now() + 1000), true, 'a long id is hashed into the key');
    assert.equal(await store.rememberMessage(C1, 'x'.repeat(600), w.clock.now() + 1000), false);
  });

  test('errors page newest first, 100 per KVS operation at most, with nothing lost between pages', async () => {
    const store = port(w.acme, 'store');
    const base = w.clock.now();
    for (let i = 0; i < 120; i++) await store.addError(errorRecord(`e-${String(i).padStart(3, '0')}`, base + i * 1000, 'conn-paged'));

    const first = await store.pageErrors('conn-paged', { limit: 50 });
    assert.equal(first.items.length, 50);
    assert.equal(first.items[0]?.id, 'e-119');
    assert.ok(first.cursor);
    const seen = [...first.items];
    let cursor: string | undefined = first.cursor;
    while (cursor) {
      const next = await store.pageErrors('conn-paged', { limit: 50, cursor });
      seen.push(...next.items);
      cursor = next.cursor;
    }
    assert.deepEqual(seen.map((e) => e.id), Array.from({ length: 120 }, (_, i) => `e-${String(119 - i).padStart(3, '0')}`));

    const all = await kvsOps(w.acme, () => store.listErrors('conn-paged'));
    assert.equal(all.value.length, 120);
    // Two pages of up to 100, and one read of what people dismissed or recorded lately (none here).
    assert.equal(all.ops, 3, 'two pages of up to 100 and the read-back list');
    await assert.rejects(store.pageErrors('conn-paged', { limit: 101 }), /page limit must be an integer from 1 to 100/);
  });

  test('audit entries page newest first per connection', async () => {
    const store = port(w.acme, 'store');
    const base = w.clock.now();
    await store.appendAudit(auditEntry('a-1', base, 'conn-audit'));
    await store.appendAudit(auditEntry('a-2', base + 10, 'conn-audit'));
    await store.appendAudit(auditEntry('a-3', base + 20, 'conn-audit'));
    await store.appendAudit(auditEntry('a-x', base + 30, 'conn-other'));
    const page = await store.pageAudit('conn-audit', { limit: 2 });
    assert.deepEqual(page.items.map((a) => a.id), ['a-3', 'a-2']);
    const rest = await store.pageAudit('conn-audit', { limit: 2, cursor: page.cursor });
    assert.deepEqual(rest.items.map((a) => a.id), ['a-1']);
    assert.equal(rest.cursor, undefined);
    assert.deepEqual((await store.listAudit('conn-audit')).map((a) => a.id), ['a-3', 'a-2', 'a-1']);
  });

  test('bad input is refused with a message naming it', async () => {
    const store = port(w.acme, 'store');
    await assert.rejects(store.putPair({ ...pair({ pair: 'p-x' }), pairId: '' as never }), (e: PortError) => e.errorName === 'ForgeAdapterError' && /pairId must be a non-empty string/.test(e.message));
    await assert.rejects(store.rememberMessage(C1, 'm-x', Number.NaN), /expiresAt must be a finite number/);
    await assert.rejects(store.findPairByLocalIssue(C1, '' as never), /local issue id must be a non-empty string/);
  });
});

describe('ForgeLedgerStore under index lag', () => {
  let w: ProbeWorld;
  before(async () => {
    w = await probeWorld({ indexLag: true });
    // Longer than anything below: only what is read by key can show (Forge gives no bound on the lag).
    w.acme.store.strictness.configure({ indexLagMaxMs: 30 * 60_000 });
  });
  after(() => w.close());

  test('what a person dismisses or records shows at once in the lists; what the engine writes shows once the index catches up', async () => {
    const store = port(w.acme, 'store');
    const conn = 'conn-lag';
    await store.addError(errorRecord('e-old', w.clock.now(), conn));
    await store.appendAudit(auditEntry('a-sync', w.clock.now(), conn));
    w.acme.store.settleQueries();
    await w.clock.advance(1_000);

    // The engine reports a new error; an agent dismisses the old one, and the audit log records it.
    await store.addError(errorRecord('e-new', w.clock.now(), conn));
    await store.removeError('e-old', { connectionId: conn });
    await store.appendAudit({ ...auditEntry('a-person', w.clock.now(), conn), actor: '557058:agent-1', action: 'connection-changed', detail: 'error dismissed' });

    assert.deepEqual((await store.listErrors(conn)).map((e) => e.id), [], 'the dismissed error is gone at once; the new one waits for the index');
    assert.deepEqual((await store.pageErrors(conn, { limit: 50 })).items.map((e) => e.id), []);
    assert.deepEqual((await store.listAudit(conn)).map((a) => a.id), ['a-person', 'a-sync'], "the person's entry is listed at once, newest first");
    assert.deepEqual((await store.pageAudit(conn, { limit: 50 })).items.map((a) => a.id), ['a-person', 'a-sync']);
    // A listing: the index page, the list of noted records, and each noted record by key.
    assert.equal((await kvsOps(w.acme, () => store.listErrors(conn))).ops, 3);

    w.acme.store.settleQueries();
    assert.deepEqual((await store.listErrors(conn)).map((e) => e.id), ['e-new']);
    // What the engine does costs one operation each and notes nothing (the budget of a change).
    assert.equal((await kvsOps(w.acme, () => store.removeError('e-new'))).ops, 1);
    assert.equal((await kvsOps(w.acme, () => store.appendAudit(auditEntry('a-sync-2', w.clock.now(), conn)))).ops, 1);
  });
});
