import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION, type Envelope } from '../../../src/core/protocol/envelope';
import { signEnvelope } from '../../../src/core/protocol/sign';
import { verifyEnvelope, type VerifyContext } from '../../../src/core/protocol/verify';
import { canonicalJson } from '../../../src/core/hash';

const NOW = 1_700_000_000_000;
const SECRET = 'k3y-for-conn-1';
const ping = (over: Partial<Envelope> = {}): Envelope =>
  ({ v: PROTOCOL_VERSION, connectionId: 'conn-1', messageId: 'm-1', pairId: null, seq: null, sentAt: NOW, kind: 'ping', body: {}, ...over }) as Envelope;
const unlink: Envelope = { v: PROTOCOL_VERSION, connectionId: 'conn-1', messageId: 'm-2', pairId: 'p-1', seq: 3, sentAt: NOW, kind: 'unlink', body: { reason: 'deleted' } };
const ctx = (over: Partial<VerifyContext> = {}): VerifyContext => ({ now: NOW, secretFor: (c) => (c === 'conn-1' ? SECRET : undefined), seen: () => false, ...over });

function reason(raw: string, over: Partial<VerifyContext> = {}): string {
  const r = verifyEnvelope(raw, ctx(over));
  return r.ok ? 'ok' : r.reason;
}

describe('protocol: signed envelopes', () => {
  test('a signed message verifies and round-trips', () => {
    const r = verifyEnvelope(signEnvelope(unlink, SECRET), ctx());
    assert.ok(r.ok);
    assert.deepEqual(r.value, unlink);
  });

  test('key order does not matter: the signature covers canonical JSON', () => {
    const raw = signEnvelope(unlink, SECRET);
    const { envelope, sig } = JSON.parse(raw) as { envelope: Record<string, unknown>; sig: string };
    const reordered = JSON.stringify({ sig, envelope: Object.fromEntries(Object.entries(envelope).reverse()) });
    assert.equal(reason(reordered), 'ok');
  });

  test('a tampered body is rejected as bad-signature', () => {
    const raw = signEnvelope(unlink, SECRET).replace('"deleted"', '"unlinked"');
    assert.equal(reason(raw), 'bad-signature');
  });

  test('a message signed with another key is rejected as bad-signature', () => {
    assert.equal(reason(signEnvelope(unlink, 'some-other-key')), 'bad-signature');
  });

  test('a message for an unknown connection is rejected', () => {
    assert.equal(reason(signEnvelope(ping({ connectionId: 'conn-9' }), SECRET)), 'unknown-connection');
  });

  test('a stale or future timestamp is rejected outside the skew window', () => {
    assert.equal(reason(signEnvelope(ping({ sentAt: NOW - 5 * 60_000 - 1 }), SECRET)), 'stale');
    assert.equal(reason(signEnvelope(ping({ sentAt: NOW + 5 * 60_000 + 1 }), SECRET)), 'stale');
    assert.equal(reason(signEnvelope(ping({ sentAt: NOW - 60_000 }), SECRET)), 'ok');
  });

  test('a replayed message id is rejected', () => {
    assert.equal(reason(signEnvelope(ping(), SECRET), { seen: (id) => id === 'm-1' }), 'replay');
  });

  test('an oversize message is rejected before parsing', () => {
    assert.equal(reason('x'.repeat(2048), { maxBytes: 1024 }), 'oversize');
    assert.equal(reason(signEnvelope(ping(), SECRET), { maxBytes: 64 }), 'oversize');
  });

  test('an unknown protocol version is rejected with its own reason', () => {
    const env = { ...ping(), v: 2 };
    const raw = canonicalJson({ envelope: env, sig: 'ab'.repeat(32) });
    const r = verifyEnvelope(raw, ctx());
    assert.ok(!r.ok);
    assert.equal(r.reason, 'unsupported-version');
    assert.match(r.message, /version 2 is not supported/);
  });

  test('garbage and wrong shapes are malformed, even when correctly signed', () => {
    assert.equal(reason('not json'), 'malformed');
    assert.equal(reason('{"envelope":1}'), 'malformed');
    const badShape = { ...ping(), kind: 'replica', pairId: 'p', seq: 1, body: { nope: true } } as unknown as Envelope;
    assert.equal(reason(signEnvelope(badShape, SECRET)), 'malformed');
  });
});
