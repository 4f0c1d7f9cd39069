// The receiver's fetch of a partner attachment: refused unfetched unless it is the partner's own
// signed link, then assembled from ranged chunks that must say exactly where they sit; failures
// name a status, never what the partner answered.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchAttachmentSource } from '../../../../src/adapters/forge/attachment-fetch';
import { ATTACHMENT_CHUNK_BYTES, contentRange } from '../../../../src/core/protocol/attachment-chunks';
import { buildAttachmentRef } from '../../../../src/core/protocol/attachment-ref';
import { TrackerError } from '../../../../src/core/sync/tracker-error';

const NOW = 1_900_000_000_000;
const SECRET = 'connection-secret-for-the-unit-test';
const ENDPOINT = 'https://11111111-2222-4333-8444-555555555555.webtrigger.atlassian.app/public/inbox';
const ref = buildAttachmentRef(ENDPOINT, SECRET, { connectionId: 'c-1', pairId: 'p-1', attachmentId: 'a-1', exp: NOW + 60_000 });

type Answer = { status: number; headers?: Record<string, string>; body?: string };
function source(answer: (offset: number, length: number) => Answer, maxBytes = 10 * ATTACHMENT_CHUNK_BYTES) {
  const asked: string[] = [];
  const get = fetchAttachmentSource({
    maxBytes,
    now: () => NOW,
    expect: () => Promise.resolve({ endpoint: ENDPOINT, connectionId: 'c-1', secret: SECRET }),
    fetch: (url) => {
      asked.push(url);
      const u = new URL(url);
      const a = answer(Number(u.searchParams.get('offset')), Number(u.searchParams.get('length')));
      const headers = new Map(Object.entries({ 'content-transfer-encoding': 'base64', ...a.headers }));
      return Promise.resolve({ status: a.status, headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null }, text: () => Promise.resolve(a.body ?? '') });
    },
  });
  return { get: (r = ref) => get(r, { id: 'a-1', size: 0 }), asked };
}
const served = (file: Buffer) => (offset: number, length: number): Answer => {
  const slice = file.subarray(offset, offset + length);
  return { status: 206, headers: { 'content-range': contentRange(offset, slice.length, file.length) }, body: slice.toString('base64') };
};
const failure = async (p: Promise<unknown>): Promise<TrackerError> => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof TrackerError, String(e));
    return e;
  }
  assert.fail('expected a refusal');
};

describe('partner attachment fetch', () => {
  test('a file of several chunks is asked range by range and assembled byte for byte', async () => {
    const file = Buffer.alloc(2 * ATTACHMENT_CHUNK_BYTES + 17, Buffer.from(Array.from({ length: 251 }, (_, i) => (i * 31) % 251)));
    const s = source(served(file));
    assert.ok(Buffer.from(await s.get()).equals(file));
    assert.deepEqual(s.asked.map((u) => new URL(u).searchParams.get('offset')), ['0', String(ATTACHMENT_CHUNK_BYTES), String(2 * ATTACHMENT_CHUNK_BYTES)]);
  });

  test('a link that is not the partner\'s own is refused with nothing fetched', async () => {
    const s = source(served(Buffer.from('x')));
    const e = await failure(s.get(buildAttachmentRef('https://initech.service-now.com/api/now/table/incident', SECRET, { connectionId: 'c-1', pairId: 'p-1', attachmentId: 'a-1', exp: NOW + 1 })));
    assert.equal(e.transient, false);
    assert.deepEqual(s.asked, []);
  });

  test('a partner announcing more than the cap is refused before anything is assembled', async () => {
    const e = await failure(source(() => ({ status: 206, headers: { 'content-range': contentRange(0, 4, 1_000_000) }, body: 'AAAAAA==' }), 1000).get());
    assert.equal(e.transient, false);
    assert.match(e.message, /exceeds the 1000-byte cap/);
  });

  test('a chunk that is not the range asked for is refused', async () => {
    for (const range of [contentRange(1, 4, 8), contentRange(0, 3, 8), '']) {
      const e = await failure(source(() => ({ status: 206, headers: { 'content-range': range }, body: 'AAAAAA==' })).get());
      assert.match(e.message, /inconsistent byte range/, range);
    }
  });

  test('a small file answered whole (200) is taken as is', async () => {
    assert.deepEqual([...(await source(() => ({ status: 200, body: Buffer.from([1, 2, 3]).toString('base64') })).get())], [1, 2, 3]);
  });

  test('a failed answer names its status, never its body; outages are retried, refusals are not', async () => {
    const outage = await failure(source(() => ({ status: 503, body: 'INTERNAL PAGE WITH SECRETS' })).get());
    assert.equal(outage.transient, true);
    assert.match(outage.message, /answered 503/);
    assert.ok(!outage.message.includes('SECRETS'));
    const gone = await failure(source(() => ({ status: 404, body: 'nope' })).get());
    assert.equal(gone.transient, false);
    const notBase64 = await failure(source(() => ({ status: 206, headers: { 'content-range': contentRange(0, 3, 3) }, body: '<html>secret</html>' })).get());
    assert.ok(!notBase64.message.includes('secret'));
  });
});
