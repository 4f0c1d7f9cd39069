// Creates that reach globex at the same instant: a bulk sync's batch items applied side by side, or
// Forge delivering one create twice, alongside itself. globex counts each create in its connection's
// creates-per-minute window with the same transaction that writes the new pair's intent, so the
// count must still take every create once, refuse exactly those past the limit, and never create
// one issue twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keyOf } from '../../../src/adapters/forge/kvs-keys';
import { WINDOW_MS } from '../../../src/core/limits/create-window';
import { connectionSecret, postToInbox, replicaBody, signed, text } from './attack-support';
import { startMirror, type Mirror } from './support';

type Answer = Awaited<ReturnType<typeof postToInbox>>;
type AckEnvelope = { envelope?: { kind: string; body: { status: string; issueId: string | null } } };

let n = 0;
/** A create as acme's sender signs it: a pair id of its own, message #1, acme's issue as origin. */
function createOf(m: Mirror, summary: string): { pairId: string; body: ReturnType<typeof replicaBody> } {
  n++;
  const origin = { issueId: String(880_000 + n), issueKey: `ACME-${880 + n}`, projectKey: m.acme.project };
  return { pairId: `p-${String(n).padStart(32, 'c')}`, body: replicaBody(origin, { summary: text(summary) }, m.clock.now(), { create: true }) };
}

/** Signs (a fresh message id each time, as a re-send has) and POSTs the create to globex's inbox. */
function send(m: Mirror, c: { pairId: string; body: unknown }): Promise<Answer> {
  const s = { connectionId: m.connectionId, secret: connectionSecret(m.acme, m.connectionId), now: m.clock.now() };
  return postToInbox(m.world, m.globex, signed('replica', s, c.pairId, 1, c.body));
}

/** What globex's window has counted in the current minute. */
function counted(m: Mirror): number {
  const row = m.globex.site.installation.store.get('entity:liaison-limit-window', `creates:${keyOf(m.connectionId)}`);
  const stored = row ? (JSON.parse(row.value) as { start: number; count: number }) : null;
  const now = m.clock.now();
  return stored && stored.start === now - (now % WINDOW_MS) ? stored.count : 0;
}

const ack = (a: Answer) => (a.body as AckEnvelope).envelope?.body;

describe('globex receives creates at the same instant', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  test('two different creates at once: both issues exist, once each, and the window counted both', async () => {
    const before = counted(m);
    const [a, b] = [createOf(m, 'Race: first'), createOf(m, 'Race: second')];
    const answers = await Promise.all([send(m, a), send(m, b)]);
    assert.deepEqual(answers.map((x) => x.status), [200, 200], JSON.stringify(answers.map((x) => x.body)));
    assert.deepEqual(answers.map((x) => ack(x)?.status), ['applied', 'applied']);
    await m.settle();
    assert.equal((await m.globex.findBySummary('Race: first')).length, 1);
    assert.equal((await m.globex.findBySummary('Race: second')).length, 1);
    assert.equal(counted(m), before + 2, 'neither count overwrote the other');
  });

  test('one place left in the window and two creates at once: one is created, the other is refused naming the limit and creates nothing until the next minute', async () => {
    await m.advance(WINDOW_MS - (m.clock.now() % WINDOW_MS) + 1_000);
    await m.globex.admin('admin/connections/limits', { connectionId: m.connectionId, limits: { createsPerMinute: counted(m) + 1 } });
    await m.settle();
    const [a, b] = [createOf(m, 'Last place: A'), createOf(m, 'Last place: B')];
    const answers = await Promise.all([send(m, a), send(m, b)]);
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, 429], JSON.stringify(answers.map((x) => x.body)));
    const refused = answers.findIndex((x) => x.status === 429);
    assert.deepEqual([answers[refused]!.body.error, answers[refused]!.body.limit], ['limit', 'createsPerMinute']);
    await m.settle();
    const [won, lost] = refused === 0 ? ['Last place: B', 'Last place: A'] : ['Last place: A', 'Last place: B'];
    assert.equal((await m.globex.findBySummary(won)).length, 1);
    assert.equal((await m.globex.findBySummary(lost)).length, 0, 'the refused create made nothing');

    await m.advance(WINDOW_MS);
    const again = await send(m, refused === 0 ? a : b);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    await m.settle();
    assert.equal((await m.globex.findBySummary(lost)).length, 1, 'sent again in the next minute, it is created');
    await m.globex.admin('admin/connections/limits', { connectionId: m.connectionId, limits: { createsPerMinute: 600 } });
    await m.settle();
  });

  test('the same create delivered twice at once: one issue; the twin is answered busy or as a duplicate, and a later re-send gets the same issue', async () => {
    const before = counted(m);
    const c = createOf(m, 'Twin delivery');
    const answers = await Promise.all([send(m, c), send(m, c)]);
    const applied = answers.filter((x) => x.status === 200 && ack(x)?.status === 'applied');
    assert.equal(applied.length, 1, JSON.stringify(answers.map((x) => [x.status, x.body])));
    const twin = answers.find((x) => x !== applied[0])!;
    assert.ok((twin.status === 200 && ack(twin)?.status === 'duplicate') || (twin.status === 409 && twin.body.error === 'busy'), JSON.stringify([twin.status, twin.body]));
    await m.settle();
    const made = await m.globex.findBySummary('Twin delivery');
    assert.equal(made.length, 1, 'one issue');
    assert.ok(counted(m) - before <= 2 && counted(m) - before >= 1, `the create was counted (${counted(m) - before})`);

    await m.advance(2_000);
    const resent = await send(m, c);
    assert.deepEqual([resent.status, ack(resent)?.status, ack(resent)?.issueId], [200, 'duplicate', made[0]!.id]);
    assert.equal((await m.globex.findBySummary('Twin delivery')).length, 1);
  });
});
