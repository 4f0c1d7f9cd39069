// Per-message limits met by Liaison's own sender: globex's admin lowers the bytes per message; acme
// shares a backlog in one change (comments written while sharing was off), globex refuses the whole
// message naming the limit, and acme splits it and delivers everything — once, nothing left waiting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

type AuditRow = { record: { action: string; detail: string } };
const refusals = (site: SiteHandle, limit: string) =>
  site.site.installation.store.all('entity:liaison-audit-entry').map((r) => (JSON.parse(r.value) as AuditRow).record).filter((a) => a.action === 'limit-refused' && a.detail.includes(limit));
const waitingOnAcme = (m: Mirror) => m.acme.site.installation.store.all('entity:liaison-outbox-entry').length;

/** Moves virtual time on in steps until `done` holds. */
async function until(m: Mirror, what: string, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40 && !(await done()); i++) await m.advance(30_000);
  assert.ok(await done(), `${what} did not happen; acme still waits on ${waitingOnAcme(m)} message(s)`);
}

/** acme shares what it wrote while `part` was not shared: off, `write`, on again, and an edit sends it all in one message. */
async function backlog(m: Mirror, pair: { source: IssueRef }, part: 'comments', write: () => Promise<void>): Promise<void> {
  const sharing = (enabled: boolean) => (r: { outgoing: object }) => ({ ...r, outgoing: { ...r.outgoing, [part]: { ...(r.outgoing as Record<string, object>)[part], enabled } } });
  await m.saveRule(m.acme, sharing(false));
  await m.settle();
  await write();
  await m.settle();
  await m.saveRule(m.acme, sharing(true));
  await m.advance(60_000);
  await m.acme.edit(pair.source.key, { summary: `${part} backlog shared` });
  await m.settle();
}

describe('jira ↔ jira: a message over the bytes per message is split by the sender', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await m.globex.admin('admin/connections/limits', { connectionId: m.connectionId, limits: { messageBytes: 16 * 1024 } });
    await m.settle();
  });
  after(() => m.close());

  test('three 7,000-character comments in one message pass globex\'s 16 KiB: refused naming messageBytes, then all three arrive, once', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Bytes: long comments' });
    await backlog(m, pair, 'comments', async () => {
      for (const letter of ['A', 'B', 'C']) await m.acme.addComment(pair.source.key, letter.repeat(7_000));
    });
    await until(m, 'three comments on globex', async () => (await m.globex.comments(pair.mirror.key)).length >= 3);
    assert.ok(refusals(m.globex, 'messageBytes').length > 0, 'globex refused the whole message first, naming the limit');
    const got = (await m.globex.comments(pair.mirror.key)).map((c) => c.text.replace(/^.*wrote:\s*/s, ''));
    assert.deepEqual(got.map((t) => t[0]).sort(), ['A', 'B', 'C'], 'each comment once');
    assert.ok(got.every((t) => t.length === 7_000), 'whole, not cut');
    await m.advance(120_000);
    assert.equal(waitingOnAcme(m), 0, 'nothing left waiting');
  });
});
