import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { attachmentRefSignature, buildAttachmentRef, parseAttachmentQuery, verifyAttachmentRef, type AttachmentRefParts } from '../../../src/core/protocol/attachment-ref';

const NOW = 1_700_000_000_000;
const SECRET = 'conn-secret-1';
const INBOX = 'https://abc.hello.atlassian-dev.net/x1/inbox?token=t';
const parts: AttachmentRefParts = { connectionId: 'conn-1', pairId: 'pair-1', attachmentId: '10042', exp: NOW + 60_000 };

function queryOf(ref: string): Record<string, string> {
  return Object.fromEntries(new URL(ref).searchParams);
}

function check(ref: string, secret = SECRET, now = NOW): string {
  const p = parseAttachmentQuery(queryOf(ref));
  assert.ok(p, 'the ref parses');
  const r = verifyAttachmentRef(secret, p, now);
  return r.ok ? 'ok' : r.reason;
}

describe('protocol: attachment capability refs', () => {
  test('a built ref keeps the inbox URL, carries every part and verifies', () => {
    const ref = buildAttachmentRef(INBOX, SECRET, parts);
    const q = queryOf(ref);
    assert.equal(q.token, 't');
    assert.deepEqual(parseAttachmentQuery(q), { ...parts, sig: q.sig });
    assert.equal(check(ref), 'ok');
  });

  test('the signature is HMAC-SHA256 over the documented domain-prefixed lines', () => {
    const expected = createHmac('sha256', SECRET).update(`liaison-attachment-v1\nconn-1\npair-1\n10042\n${parts.exp}`).digest('hex');
    assert.equal(attachmentRefSignature(SECRET, parts), expected);
  });

  test('a tampered attachment id, pair, connection or expiry is a bad signature', () => {
    for (const [k, v] of [['attachment', '10043'], ['pair', 'pair-2'], ['connection', 'conn-2'], ['exp', String(parts.exp + 1)]] as const) {
      const url = new URL(buildAttachmentRef(INBOX, SECRET, parts));
      url.searchParams.set(k, v);
      assert.equal(check(url.href), 'bad-signature', k);
    }
  });

  test('a ref signed with another key is a bad signature', () => {
    assert.equal(check(buildAttachmentRef(INBOX, 'other-secret', parts)), 'bad-signature');
    assert.equal(check(buildAttachmentRef(INBOX, SECRET, parts), 'other-secret'), 'bad-signature');
  });

  test('an expired ref is refused as expired; at the expiry instant it still holds', () => {
    const ref = buildAttachmentRef(INBOX, SECRET, parts);
    assert.equal(check(ref, SECRET, parts.exp), 'ok');
    assert.equal(check(ref, SECRET, parts.exp + 1), 'expired');
  });

  test('a query missing a part or with a malformed expiry does not parse', () => {
    const q = queryOf(buildAttachmentRef(INBOX, SECRET, parts));
    for (const k of ['attachment', 'pair', 'connection', 'exp', 'sig']) assert.equal(parseAttachmentQuery({ ...q, [k]: undefined }), null, k);
    assert.equal(parseAttachmentQuery({ ...q, exp: '12abc' }), null);
  });

  test('an empty secret is a clear error, not a signature', () => {
    assert.throws(() => attachmentRefSignature('', parts), /empty secret/);
  });
});
