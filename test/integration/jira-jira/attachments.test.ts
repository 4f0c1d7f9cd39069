// Attachments cross between the sites: the receiver fetches the bytes from the source's inbox with a
// signed, expiring link; the rule's cap and type allowlist keep the rest at home, and say why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAttachmentRef } from '../../../src/core/protocol/attachment-ref';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

const CAP = 1024;
const PNG_LIKE = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));

// Built here rather than imported from the adapter: loading @forge/api into the test process ahead
// of the sandbox's runtime would bypass its egress emulation.
function multipartFile(file: { filename: string; mimeType: string; bytes: Uint8Array }) {
  const boundary = 'test-boundary-7d1f';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: new Uint8Array(Buffer.concat([head, file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)])) };
}

async function attach(site: SiteHandle, key: string, file: { filename: string; mimeType: string; bytes: Uint8Array }): Promise<string> {
  const form = multipartFile(file);
  const res = await site.jira.request({
    method: 'POST', path: `/rest/api/3/issue/${key}/attachments`, headers: { 'content-type': form.contentType, 'x-atlassian-token': 'no-check' },
    bytes: form.bytes, actor: { accountId: site.site.admin.accountId },
  });
  assert.equal(res.status, 200, `upload ${file.filename}: ${res.body}`);
  return (JSON.parse(res.body as string) as Array<{ id: string }>)[0]!.id;
}

async function attachments(site: SiteHandle, key: string): Promise<Array<{ id: string; filename: string; mimeType: string }>> {
  return ((await site.issue(key, 'attachment')).fields.attachment ?? []) as Array<{ id: string; filename: string; mimeType: string }>;
}

async function contentOf(site: SiteHandle, id: string): Promise<Uint8Array> {
  const res = await site.jira.request({ method: 'GET', path: `/rest/api/3/attachment/content/${id}`, headers: {}, actor: { accountId: site.site.admin.accountId } });
  assert.equal(res.status, 200);
  return new Uint8Array(res.bytes ?? Buffer.from(res.body as string, 'latin1'));
}

describe('jira ↔ jira: attachments up to the cap', () => {
  let m: Mirror;
  let pair: { source: IssueRef; mirror: IssueRef };

  before(async () => {
    m = await startMirror();
    for (const site of [m.acme, m.globex]) {
      await m.saveRule(site, (r) => ({
        ...r,
        outgoing: { ...r.outgoing, attachments: { enabled: true, maxBytes: CAP, mimeTypes: ['image/*', 'text/plain'] } },
        incoming: { ...r.incoming, attachments: { enabled: true, maxBytes: CAP } },
      }));
    }
    await m.settle();
    pair = await m.createMirrored(m.acme, { summary: 'Screenshots of the crash' });
  });
  after(() => m.close());

  test('a binary image added on acme appears byte-identical on globex', async () => {
    await attach(m.acme, pair.source.key, { filename: 'crash.png', mimeType: 'image/png', bytes: PNG_LIKE });
    await m.settle();
    const mirrored = (await attachments(m.globex, pair.mirror.key)).filter((a) => a.filename === 'crash.png');
    assert.equal(mirrored.length, 1, 'exactly one copy arrives');
    assert.deepEqual(await contentOf(m.globex, mirrored[0]!.id), PNG_LIKE);
    // The copy is the sync's own: it does not bounce back to acme.
    await m.settle();
    assert.equal((await attachments(m.acme, pair.source.key)).filter((a) => a.filename === 'crash.png').length, 1);
  });

  test('an attachment over the cap or of a disallowed type stays home, and the preview says why', async () => {
    await attach(m.acme, pair.source.key, { filename: 'dump.bin', mimeType: 'image/png', bytes: new Uint8Array(CAP + 1) });
    await attach(m.acme, pair.source.key, { filename: 'setup.exe', mimeType: 'application/x-msdownload', bytes: new Uint8Array([77, 90]) });
    await m.settle();
    const names = (await attachments(m.globex, pair.mirror.key)).map((a) => a.filename);
    assert.ok(!names.includes('dump.bin') && !names.includes('setup.exe'), `nothing withheld arrives: ${names.join(', ')}`);
    const preview = await m.acme.admin<{ withheld: Array<{ field: string; reason: string }> }>('admin/preview', { connectionId: m.connectionId, issueKey: pair.source.key });
    const why = Object.fromEntries(preview.withheld.map((w) => [w.field, w.reason]));
    assert.match(why['attachment dump.bin'] ?? '', /exceeds the 1024-byte cap/);
    assert.match(why['attachment setup.exe'] ?? '', /type application\/x-msdownload is not allowed/);
  });

  test('a forged attachment link gets 401 from the source inbox, a malformed one 400', async () => {
    const id = (await attachments(m.acme, pair.source.key)).find((a) => a.filename === 'crash.png')!.id;
    const inbox = m.acme.site.installation.webTriggerUrl('partner-inbox');
    const host = m.world.platform.hosts.resolve(new URL(inbox).hostname)!;
    const get = async (ref: string) => {
      const url = new URL(ref);
      return host.request({ method: 'GET', path: url.pathname + url.search, headers: {} });
    };
    const forged = buildAttachmentRef(inbox, 'not-the-connection-secret', { connectionId: m.connectionId, pairId: 'any-pair', attachmentId: id, exp: m.clock.now() + 60_000 });
    const res = await get(forged);
    assert.equal(res.status, 401);
    assert.doesNotMatch(res.body ?? '', /^[A-Za-z0-9+/=]{100,}$/, 'no content leaks with the refusal');
    assert.equal((await get(`${inbox}${inbox.includes('?') ? '&' : '?'}attachment=${id}`)).status, 400);
  });

  test('the real link globex used serves the bytes until it expires, then answers 410; a tampered one 401', async () => {
    const fetched = m.globex.recorder.entries({ kind: 'egress', method: 'GET' }).find((e) => 'url' in e && e.url.includes('attachment='));
    assert.ok(fetched && 'url' in fetched, 'globex fetched the content through a link');
    assert.equal(fetched.status, 206, 'the content came as a byte range');
    const url = new URL(fetched.url);
    const host = m.world.platform.hosts.resolve(url.hostname)!;
    const get = (path: string) => host.request({ method: 'GET', path, headers: {} });
    const ok = await get(url.pathname + url.search);
    assert.equal(ok.status, 206);
    assert.equal(ok.headers['content-transfer-encoding'], 'base64');
    assert.equal(ok.headers['content-range'], `bytes 0-${PNG_LIKE.length - 1}/${PNG_LIKE.length}`);
    assert.deepEqual(new Uint8Array(Buffer.from(ok.body ?? '', 'base64')), PNG_LIKE);
    const tampered = new URL(url);
    tampered.searchParams.set('attachment', `${tampered.searchParams.get('attachment')}0`);
    assert.equal((await get(tampered.pathname + tampered.search)).status, 401);
    await m.clock.advance(Number(url.searchParams.get('exp')) - m.clock.now() + 1);
    assert.equal((await get(url.pathname + url.search)).status, 410);
  });
});
