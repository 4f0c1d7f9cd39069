// Abuse limits per connection, through the sandbox: a partner (or a runaway sender) that goes over
// globex's limits is refused with a retryable answer naming the limit, globex's audit log shows it,
// and Liaison's own sender paces or splits and delivers everything later — nothing lost, nothing
// twice. Text over Jira's lengths is cut with a visible marker and reported.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashOf } from '../../../src/core/hash';
import type { CommentReplica } from '../../../src/core/replica/replica';
import type { RichDoc } from '../../../src/core/richtext/model';
import { DEFAULT_LIMITS } from '../../../src/core/limits/limits';
import { connectionSecret, postToInbox, replicaBody, signed } from './attack-support';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

type PairRow = { pairId: string; localIssueId: string | null };
type AuditRow = { record: { action: string; actor: string; subject: string; detail: string } };
type ErrorRow = { record: { pairId: string | null; field: string; value: string; reason: string } };

const rows = <T>(site: SiteHandle, entity: string): T[] => site.site.installation.store.all(`entity:${entity}`).map((r) => JSON.parse(r.value) as T);
const pairOn = (site: SiteHandle, issue: IssueRef): PairRow => {
  const found = rows<{ record: PairRow }>(site, 'liaison-pair').map((p) => p.record).find((p) => p.localIssueId === issue.id);
  assert.ok(found, `${site.name}: no pair for ${issue.key}`);
  return found;
};
const audit = (site: SiteHandle, action: string) => rows<AuditRow>(site, 'liaison-audit-entry').map((a) => a.record).filter((a) => a.action === action);
const errorsOf = (site: SiteHandle, pairId: string) => rows<ErrorRow>(site, 'liaison-sync-error').map((e) => e.record).filter((e) => e.pairId === pairId);
const para = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const comment = (id: string, body: RichDoc, ts: number): CommentReplica => ({ id, body, internal: false, author: { displayName: 'Mallory' }, ts, hash: hashOf({ id, body }) });

let seq = 5000;
/** A replica for `issue`'s pair, as a hostile acme would sign it with the real secret, POSTed to globex's inbox. */
async function hostile(m: Mirror, issue: { source: IssueRef; mirror: IssueRef }, extra: Parameters<typeof replicaBody>[3], fields = {}) {
  const s = { connectionId: m.connectionId, secret: connectionSecret(m.acme, m.connectionId), now: m.clock.now() };
  const body = replicaBody({ issueId: issue.source.id, issueKey: issue.source.key, projectKey: m.acme.project }, fields, m.clock.now(), extra);
  const res = await postToInbox(m.world, m.globex, signed('replica', s, pairOn(m.globex, issue.mirror).pairId, ++seq, body));
  await m.settle();
  return res;
}

/** Adds `n` comments as acme's agent would, at the pace Jira takes writes to one issue. */
async function addComments(m: Mirror, key: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    for (;;) {
      const res = await m.acme.call('POST', `/rest/api/3/issue/${key}/comment`, { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `note ${i}` }] }] } });
      if (res.status === 201) break;
      assert.equal(res.status, 429, JSON.stringify(res.body));
      await m.advance(10_000);
    }
  }
}

/** Every issue of `site`'s project whose summary starts with `prefix` (all pages), with its creation time. */
async function issuesNamed(site: SiteHandle, prefix: string): Promise<Array<{ summary: string; created: string }>> {
  const out: Array<{ summary: string; created: string }> = [];
  let token: string | undefined;
  do {
    const page = await site.rest<{ issues: Array<{ fields: { summary: string; created: string } }>; nextPageToken?: string }>('POST', '/rest/api/3/search/jql', { jql: `project = ${site.project} ORDER BY key`, fields: ['summary', 'created'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) });
    out.push(...page.issues.map((i) => i.fields).filter((f) => f.summary.startsWith(prefix)));
    token = page.nextPageToken;
  } while (token);
  return out;
}

/** Moves virtual time on in steps until `done` holds (or fails after `steps`). */
async function until(m: Mirror, done: () => Promise<boolean>, stepMs = 10_000, steps = 120): Promise<void> {
  for (let i = 0; i < steps && !(await done()); i++) await m.advance(stepMs);
  if (!(await done())) {
    const waiting = m.acme.site.installation.store.all('entity:liaison-outbox-entry').map((r) => (JSON.parse(r.value) as { entry?: { lastError: string | null; seq: number } }));
    const acmeErrors = rows<ErrorRow>(m.acme, 'liaison-sync-error').map((e) => e.record).slice(-5);
    assert.fail(`did not happen in time; acme waits on ${JSON.stringify(waiting.map((w) => w.entry ?? w).slice(0, 5)).slice(0, 1500)}; acme errors ${JSON.stringify(acmeErrors).slice(0, 1500)}`);
  }
}

describe('jira ↔ jira: creates per minute', () => {
  // globex's admin lowered the limit (the default sits above what a bulk sync reaches).
  const LIMIT = 60;
  let m: Mirror;
  before(async () => {
    // Product events turned down to no delivery delay: the subject is globex pacing a burst, and
    // Forge's delay (up to 3 minutes) would spread the 120 events below the limit, pacing nothing.
    m = await startMirror({ productEvents: { maxDelayMs: 0 } });
    await m.globex.admin('admin/connections/limits', { connectionId: m.connectionId, limits: { createsPerMinute: LIMIT } });
  });
  after(() => m.close());

  test('120 issues created on acme within one second reach globex paced by its creates-per-minute limit, all of them, once', async () => {
    const before = (await issuesNamed(m.globex, 'Burst ')).length;
    const sources: IssueRef[] = [];
    for (let i = 0; i < 120; i++) sources.push(await m.acme.createIssue({ summary: `Burst ${String(i).padStart(3, '0')}` }));
    await m.settle();
    const firstMinute = (await issuesNamed(m.globex, 'Burst ')).length - before;
    assert.ok(firstMinute > 0 && firstMinute <= LIMIT, `globex took at most its limit at once (${firstMinute})`);
    const waiting = m.acme.site.installation.store.all('entity:liaison-outbox-entry').map((r) => JSON.parse(r.value) as { entry: { lastError: string | null } });
    assert.equal(waiting.length, 120 - firstMinute, 'the rest wait on acme');
    assert.ok(waiting.every((w) => /HTTP 429/.test(w.entry.lastError ?? '') && /createsPerMinute/.test(w.entry.lastError ?? '')), 'their error names the limit');

    await until(m, async () => (await issuesNamed(m.globex, 'Burst ')).length - before >= 120);
    const burst = await issuesNamed(m.globex, 'Burst ');
    assert.equal(burst.length - before, 120, 'every issue arrived');
    assert.equal(new Set(burst.map((i) => i.summary)).size, burst.length, 'none twice');
    // Paced: no one-minute window of globex's clock saw more creates than the limit.
    const perWindow = new Map<number, number>();
    for (const i of burst) {
      const w = Math.floor(Date.parse(i.created) / 60_000);
      perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
    }
    assert.ok(perWindow.size >= 2 && [...perWindow.values()].every((n) => n <= LIMIT), JSON.stringify([...perWindow.values()]));
    const refusals = audit(m.globex, 'limit-refused').filter((a) => a.detail.includes('createsPerMinute'));
    assert.ok(refusals.length >= 1 && refusals.length <= perWindow.size, `globex logged the refusals at most once a window, naming the limit (${refusals.length})`);
    assert.ok(refusals.every((r) => r.actor === 'partner'));
    for (const s of sources.slice(-3)) assert.ok((await m.acme.panelView(s)).links[0]?.partner.issueKey, `${s.key} is linked`);
  });

});

describe('jira ↔ jira: per-message limits and text lengths', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  test('a message with 400 comments is refused naming the limit, nothing applied; acme\'s own 100 comments, sent at once, arrive split within it', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Chatty issue' });
    const flood = Array.from({ length: 400 }, (_, i) => comment(`x${i}`, para(`spam ${i}`), m.clock.now()));
    const res = await hostile(m, pair, { replica: { fields: {}, comments: flood, attachments: [] } });
    assert.equal(res.status, 429);
    assert.deepEqual({ error: res.body.error, limit: res.body.limit, max: res.body.max }, { error: 'limit', limit: 'commentsPerMessage', max: DEFAULT_LIMITS.commentsPerMessage });
    assert.equal((await m.globex.comments(pair.mirror.key)).length, 0, 'nothing applied');
    assert.ok(audit(m.globex, 'limit-refused').some((a) => a.subject === pair.source.key && /commentsPerMessage: 400/.test(a.detail)));

    // acme's own sender meets the same limit: 100 comments written while comments were not shared,
    // then shared all at once in one message.
    await m.saveRule(m.acme, (r) => ({ ...r, outgoing: { ...r.outgoing, comments: { ...r.outgoing.comments, enabled: false } } }));
    await m.settle();
    await addComments(m, pair.source.key, 100);
    const refusedBefore = audit(m.globex, 'limit-refused').length;
    await m.saveRule(m.acme);
    await m.advance(60_000);
    await m.acme.edit(pair.source.key, { summary: 'Chatty issue (shared)' });
    await m.settle();
    await until(m, async () => (await m.globex.comments(pair.mirror.key)).length >= 100, 30_000, 30);
    assert.ok(audit(m.globex, 'limit-refused').length > refusedBefore, 'globex refused the whole message first');
    const got = await m.globex.comments(pair.mirror.key);
    assert.equal(got.length, 100, 'every comment arrived');
    assert.equal(new Set(got.map((c) => c.text)).size, 100, 'none twice');
    assert.equal((await m.globex.issue(pair.mirror.key, 'summary')).fields.summary, 'Chatty issue (shared)');
    await m.advance(120_000);
    assert.equal(m.acme.site.installation.store.all('entity:liaison-outbox-entry').length, 0, 'nothing left waiting');
  });

  test('a message with 12 attachments is refused naming the limit: nothing fetched, nothing attached, the refusal audited', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Attachment flood' });
    const fetchesBefore = m.globex.recorder.entries({ kind: 'egress' }).length;
    const flood = Array.from({ length: 12 }, (_, i) => ({ id: `f${i}`, filename: `loot-${i}.txt`, mimeType: 'text/plain', size: 10, ref: `https://evil.example/file/${i}` }));
    const res = await hostile(m, pair, { replica: { fields: {}, comments: [], attachments: flood } });
    assert.equal(res.status, 429);
    assert.deepEqual({ error: res.body.error, limit: res.body.limit, max: res.body.max }, { error: 'limit', limit: 'attachmentsPerMessage', max: DEFAULT_LIMITS.attachmentsPerMessage });
    assert.deepEqual((await m.globex.issue(pair.mirror.key, 'attachment')).fields.attachment ?? [], [], 'nothing attached');
    assert.equal(m.globex.recorder.entries({ kind: 'egress' }).length, fetchesBefore, 'nothing fetched');
    assert.ok(audit(m.globex, 'limit-refused').some((a) => a.subject === pair.source.key && /attachmentsPerMessage: 12/.test(a.detail)));
  });

  test('a 300,000-character comment arrives cut to Jira\'s 32,767 with a visible marker, and the cut is reported', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Long log' });
    const res = await hostile(m, pair, { replica: { fields: {}, comments: [comment('long-1', para('L'.repeat(300_000)), m.clock.now())], attachments: [] } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [c] = await m.globex.comments(pair.mirror.key);
    assert.ok(c, `the comment was added: ${JSON.stringify(errorsOf(m.globex, pairOn(m.globex, pair.mirror).pairId))}`);
    assert.ok(c.text.length <= 32_767, `${c.text.length} characters`);
    assert.match(c.text, /cut by Liaison: 32,\d{3} of 300,000 characters shown; the full text is on the partner's issue/);
    assert.ok(errorsOf(m.globex, pairOn(m.globex, pair.mirror).pairId).some((e) => e.field === 'comments' && /300,000 characters, the limit here is 32,767/.test(e.reason)));
  });

  test('a 40,000-character description arrives cut to Jira\'s 32,767 with a visible marker, and the cut is reported', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Long description' });
    const res = await hostile(m, pair, {}, { description: { kind: 'rich', doc: para('D'.repeat(40_000)) } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const text = JSON.stringify((await m.globex.issue(pair.mirror.key, 'description')).fields.description);
    assert.ok((text.match(/D/g) ?? []).length <= 32_767, 'no more than Jira takes');
    assert.match(text, /cut by Liaison: 32,\d{3} of 40,000 characters shown; the full text is on the partner's issue/);
    assert.ok(errorsOf(m.globex, pairOn(m.globex, pair.mirror).pairId).some((e) => e.field === 'description' && /40,000 characters, the limit here is 32,767/.test(e.reason)));
  });

  test('a 300-character summary is cut to 255 with "…" and reported; the rest of the change applies', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Short' });
    const res = await hostile(m, pair, {}, { summary: { kind: 'text', text: 'S'.repeat(300) }, labels: { kind: 'options', names: ['long-summary'] } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const fields = (await m.globex.issue(pair.mirror.key, 'summary,labels')).fields;
    assert.equal(fields.summary, `${'S'.repeat(254)}…`);
    assert.deepEqual(fields.labels, ['long-summary']);
    assert.ok(errorsOf(m.globex, pairOn(m.globex, pair.mirror).pairId).some((e) => e.field === 'summary' && /300 characters, the limit here is 255/.test(e.reason)));
    // Nothing echoes back: acme keeps its own summary.
    assert.equal((await m.acme.issue(pair.source.key, 'summary')).fields.summary, 'Short');
  });
});
