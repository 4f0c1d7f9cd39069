// A file far above what one web-trigger answer can carry (Forge's 5 MB invocation payload limit, which
// the sandbox enforces on every request and response) crosses in byte-range chunks: globex asks acme's
// inbox for one range per GET, assembles the file and uploads it once, byte-identical.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ATTACHMENT_CHUNK_BYTES } from '../../../src/core/protocol/attachment-chunks';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

/**
 * The rule's cap, and the file's size: 7 MiB is three chunks, and its base64 (9.3 MB) could never
 * pass in one answer. (Kept below the default 10 MiB so a loaded machine stays far from the web
 * trigger's 55-second limit, which the sandbox keeps in wall-clock time.)
 */
const CAP = 7 * 1024 * 1024;

/** Seeded bytes that do not compress or repeat per chunk. */
function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function attach(site: SiteHandle, key: string, filename: string, bytes: Uint8Array): Promise<void> {
  const boundary = 'chunk-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const res = await site.jira.request({
    method: 'POST', path: `/rest/api/3/issue/${key}/attachments`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-atlassian-token': 'no-check' },
    bytes: new Uint8Array(Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)])), actor: { accountId: site.site.admin.accountId },
  });
  assert.equal(res.status, 200, String(res.body));
}

describe('jira ↔ jira: a file at the rule\'s cap crosses in chunks within the payload limit', () => {
  let m: Mirror;
  let pair: { source: IssueRef; mirror: IssueRef };

  before(async () => {
    m = await startMirror();
    for (const site of [m.acme, m.globex]) {
      await m.saveRule(site, (r) => ({
        ...r,
        outgoing: { ...r.outgoing, attachments: { enabled: true, maxBytes: CAP, mimeTypes: ['application/octet-stream'] } },
        incoming: { ...r.incoming, attachments: { enabled: true, maxBytes: CAP } },
      }));
    }
    await m.settle();
    pair = await m.createMirrored(m.acme, { summary: 'Heap dump of the crashed node' });
  });
  after(() => m.close());

  test("a file at the rule's 7 MiB cap arrives on globex intact, once, fetched one range per request", async () => {
    const file = seededBytes(CAP, 20301);
    await attach(m.acme, pair.source.key, 'heap.bin', file);
    await m.settle();

    const arrived = ((await m.globex.issue(pair.mirror.key, 'attachment')).fields.attachment ?? []) as Array<{ id: string; filename: string; size: number }>;
    const copies = arrived.filter((a) => a.filename === 'heap.bin');
    assert.equal(copies.length, 1, 'exactly one copy');
    const content = await m.globex.jira.request({ method: 'GET', path: `/rest/api/3/attachment/content/${copies[0]!.id}`, headers: {}, actor: { accountId: m.globex.site.admin.accountId } });
    assert.equal(sha256(new Uint8Array(content.bytes ?? Buffer.alloc(0))), sha256(file), 'checksum equal');

    // Every chunk was its own web-trigger answer; the sandbox refuses any over 5 MB, so each one fit.
    const gets = m.globex.recorder.entries({ kind: 'egress', method: 'GET' }).filter((e) => e.url.includes('attachment='));
    assert.equal(gets.length, Math.ceil(CAP / ATTACHMENT_CHUNK_BYTES));
    assert.deepEqual([...new Set(gets.map((g) => g.status))], [206]);
    assert.deepEqual(gets.map((g) => Number(new URL(g.url).searchParams.get('offset'))), [0, 1, 2].map((i) => i * ATTACHMENT_CHUNK_BYTES));
    assert.equal(m.acme.recorder.entries({ kind: 'invocation', moduleType: 'webtrigger' }).filter((e) => e.outcome !== 'ok').length, 0, 'no web trigger failed or timed out');
  });

  test('asked for the whole file at once, acme refuses (the answer could not pass the payload limit)', async () => {
    const url = new URL(m.globex.recorder.entries({ kind: 'egress', method: 'GET' }).find((e) => e.url.includes('attachment='))!.url);
    url.searchParams.delete('offset');
    url.searchParams.delete('length');
    const res = await m.world.platform.hosts.resolve(url.hostname)!.request({ method: 'GET', path: url.pathname + url.search, headers: {} });
    assert.equal(res.status, 413);
    assert.match(res.body ?? '', /served in ranges/);
  });
});
