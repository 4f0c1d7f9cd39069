// A partner holding the real secret writes links: in rich text only http, https and mailto stay
// links on globex (javascript:, data: and the rest become their text), and a "mirrored by" remote
// link to a site that is not the partner's own is not created — globex's audit log says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashOf } from '../../../src/core/hash';
import type { RichDoc } from '../../../src/core/richtext/model';
import { connectionSecret, postToInbox, replicaBody, signed } from './attack-support';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

type PairRow = { pairId: string; localIssueId: string | null };
const rows = <T>(site: SiteHandle, entity: string): T[] => site.site.installation.store.all(`entity:${entity}`).map((r) => JSON.parse(r.value) as T);
const pairOn = (site: SiteHandle, issue: IssueRef): PairRow => {
  const found = rows<{ record: PairRow }>(site, 'liaison-pair').map((p) => p.record).find((p) => p.localIssueId === issue.id);
  assert.ok(found, `${site.name}: no pair for ${issue.key}`);
  return found;
};
const linked = (text: string, href: string) => ({ type: 'text' as const, text, marks: [{ type: 'link' as const, href }] });
const hrefsIn = (adf: unknown): string[] => {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { marks?: Array<{ type: string; attrs?: { href?: string } }>; content?: unknown[] };
    for (const m of node.marks ?? []) if (m.type === 'link' && m.attrs?.href) out.push(m.attrs.href);
    for (const c of node.content ?? []) walk(c);
  };
  walk(adf);
  return out;
};

describe('jira ↔ jira: links a partner sends are checked', () => {
  let m: Mirror;
  let seq = 9000;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  const send = async (pairId: string, body: ReturnType<typeof replicaBody>) => {
    const res = await postToInbox(m.world, m.globex, signed('replica', { connectionId: m.connectionId, secret: connectionSecret(m.acme, m.connectionId), now: m.clock.now() }, pairId, ++seq, body));
    await m.settle();
    return res;
  };

  test('javascript: and data: links in a description and a comment arrive as plain text; https and mailto stay links', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Links' });
    const doc: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [linked('run me', 'javascript:alert(document.cookie)'), { type: 'text', text: ' ' }, linked('pixel', 'data:text/html;base64,PHNjcmlwdD4='), { type: 'text', text: ' ' }, linked('status', 'https://status.acme.example/'), { type: 'text', text: ' ' }, linked('mail us', 'mailto:help@acme.example')] }] };
    const origin = { issueId: pair.source.id, issueKey: pair.source.key, projectKey: m.acme.project };
    const body = replicaBody(origin, { description: { kind: 'rich', doc } }, m.clock.now());
    body.replica.comments = [{ id: 'evil-1', body: doc, internal: false, author: { displayName: 'Mallory' }, ts: m.clock.now(), hash: hashOf(doc) }];
    const res = await send(pairOn(m.globex, pair.mirror).pairId, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const description = (await m.globex.issue(pair.mirror.key, 'description')).fields.description;
    assert.deepEqual(hrefsIn(description).sort(), ['https://status.acme.example/', 'mailto:help@acme.example']);
    const comments = await m.globex.rest<{ comments: Array<{ body: unknown }> }>('GET', `/rest/api/3/issue/${pair.mirror.key}/comment`);
    assert.equal(comments.comments.length, 1);
    assert.deepEqual(hrefsIn(comments.comments[0]!.body).sort(), ['https://status.acme.example/', 'mailto:help@acme.example']);
    assert.match(JSON.stringify(comments.comments[0]!.body), /run me/, 'the text of a refused link stays');
    assert.doesNotMatch(JSON.stringify([description, comments]), /javascript:|data:text/);
  });

  test('a partner-created issue whose "mirrored by" link points elsewhere gets no remote link; the audit says why', async () => {
    const origin = { issueId: '777001', issueKey: 'ACME-777', projectKey: m.acme.project };
    const body = replicaBody(origin, { summary: { kind: 'text', text: 'Phishing bait' } }, m.clock.now(), { create: true });
    body.origin = { ...origin, url: 'https://evil.example/browse/ACME-777' } as typeof body.origin;
    const res = await send(`p-${'e'.repeat(32)}`, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [created] = await m.globex.findBySummary('Phishing bait');
    assert.ok(created, 'the issue itself was created');
    assert.deepEqual(await m.globex.remoteLinks(created.key), [], 'no link to evil.example');
    const audit = rows<{ record: { action: string; subject: string; detail: string } }>(m.globex, 'liaison-audit-entry').map((a) => a.record).filter((a) => a.action === 'link-refused');
    assert.ok(audit.some((a) => a.subject === 'ACME-777' && /https:\/\/evil\.example is not the partner's site \(https:\/\/acme\.atlassian\.net\)/.test(a.detail)), JSON.stringify(audit));
  });

  test('the link to a real partner issue on its Jira Cloud site is still made, both ways', async () => {
    const pair = await m.createMirrored(m.acme, { summary: 'Honest link' });
    assert.match((await m.globex.remoteLinks(pair.mirror.key))[0]?.object.url ?? '', /^https:\/\/acme\.atlassian\.net\/browse\/ACME-\d+$/);
    assert.match((await m.acme.remoteLinks(pair.source.key))[0]?.object.url ?? '', /^https:\/\/globex\.atlassian\.net\/browse\/GLX-\d+$/);
  });
});
