// The receiver's side of attachment links: what it will fetch (only the partner's own signed link for
// this very attachment) and how chunks say where they sit in the file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ATTACHMENT_CHUNK_BYTES, chunkUrl, contentRange, parseChunkQuery, parseContentRange } from '../../../src/core/protocol/attachment-chunks';
import { buildAttachmentRef, checkIncomingAttachmentRef, type IncomingRefExpectation } from '../../../src/core/protocol/attachment-ref';

const NOW = 1_900_000_000_000;
const SECRET = 'the-connection-secret-0123456789';
const ENDPOINT = 'https://a1b2c3.hello.atlassian-dev.net/x1/inbox-acme';
const want: IncomingRefExpectation = { endpoint: ENDPOINT, connectionId: 'conn-1', attachmentId: '10001', secret: SECRET, now: NOW };
const parts = { connectionId: 'conn-1', pairId: 'pair-7', attachmentId: '10001', exp: NOW + 60_000 };
const refusal = (ref: string, over: Partial<IncomingRefExpectation> = {}) => {
  const r = checkIncomingAttachmentRef(ref, { ...want, ...over });
  return r.ok ? 'ok' : r.reason;
};

describe('incoming attachment links: fetched only from the partner itself', () => {
  test("the partner's own signed link for this attachment passes", () => {
    assert.equal(refusal(buildAttachmentRef(ENDPOINT, SECRET, parts)), 'ok');
  });

  test('a link anywhere else is refused, whoever signed it', () => {
    const signed = (base: string) => buildAttachmentRef(base, SECRET, parts);
    assert.equal(refusal(signed('https://initech.service-now.com/api/now/table/incident')), 'other-host');
    assert.equal(refusal(signed('https://ffee99.hello.atlassian-dev.net/x1/inbox-globex')), 'other-host');
    assert.equal(refusal(signed('https://a1b2c3.hello.atlassian-dev.net/x1/servicenow-notice')), 'other-path');
    assert.equal(refusal(signed(`${ENDPOINT}/../other`)), 'other-path');
    assert.equal(refusal(signed(ENDPOINT).replace('https:', 'http:')), 'not-https');
    assert.equal(refusal(signed(ENDPOINT).replace('https://', 'https://user:pw@')), 'other-host');
    assert.equal(refusal(`${signed(ENDPOINT)}#frag`), 'other-path');
    assert.equal(refusal(`${signed(ENDPOINT)}&redirect=https://evil.example`), 'malformed');
    assert.equal(refusal('not a url'), 'malformed');
  });

  test('a link for another connection or attachment, badly signed or expired, is refused', () => {
    assert.equal(refusal(buildAttachmentRef(ENDPOINT, SECRET, { ...parts, connectionId: 'conn-2' })), 'other-connection');
    assert.equal(refusal(buildAttachmentRef(ENDPOINT, SECRET, { ...parts, attachmentId: '10002' })), 'other-attachment');
    assert.equal(refusal(buildAttachmentRef(ENDPOINT, 'some-other-secret-0123456789', parts)), 'bad-signature');
    assert.equal(refusal(buildAttachmentRef(ENDPOINT, SECRET, { ...parts, exp: NOW - 1 })), 'expired');
  });
});

describe('attachment chunks', () => {
  test('one chunk, base64-encoded with its headers, stays under Forge\'s 5 MB payload limit', () => {
    const encoded = Math.ceil(ATTACHMENT_CHUNK_BYTES / 3) * 4;
    assert.ok(encoded + 2_000 < 5_000_000, `${encoded} base64 characters per chunk`);
  });

  test('ranges are asked and answered as HTTP says them, and anything else is refused', () => {
    assert.deepEqual(parseChunkQuery('0', String(ATTACHMENT_CHUNK_BYTES)), { offset: 0, length: ATTACHMENT_CHUNK_BYTES });
    for (const [o, l] of [[undefined, '1'], ['0', undefined], ['-1', '5'], ['1e3', '5'], ['0', '0']] as const) assert.equal(parseChunkQuery(o, l), null, `${o}/${l}`);
    assert.equal(contentRange(3, 4, 10), 'bytes 3-6/10');
    assert.deepEqual(parseContentRange('bytes 3-6/10'), { offset: 3, length: 4, total: 10 });
    for (const bad of ['bytes 6-3/10', 'bytes 3-10/10', 'bytes */10', '', null]) assert.equal(parseContentRange(bad), null, String(bad));
    const url = new URL(chunkUrl(buildAttachmentRef(ENDPOINT, SECRET, parts), { offset: 6, length: 3 }));
    assert.equal(url.searchParams.get('offset'), '6');
    assert.equal(url.searchParams.get('sig')?.length, 64);
  });
});
