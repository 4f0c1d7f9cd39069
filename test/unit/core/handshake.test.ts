import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptInvitation, handleHello, handleWelcome } from '../../../src/core/protocol/handshake';
import { createInvitation, parseInvitation } from '../../../src/core/protocol/invitation';
import { signEnvelope } from '../../../src/core/protocol/sign';
import { verifyEnvelope } from '../../../src/core/protocol/verify';

const NOW = 1_700_000_000_000;
const invite = () => createInvitation({ connectionId: 'conn-7', endpoint: 'https://inviter.example/hook', now: NOW });
const neverSeen = () => false;

describe('handshake: invitation code to connection secret', () => {
  test('both sides derive the same secret and the welcome confirms it', () => {
    const { code, pending } = invite();
    const accepted = acceptInvitation(code, { endpoint: 'https://acceptor.example/hook', now: NOW + 1000, messageId: 'h-1' });
    assert.ok(accepted.ok);
    assert.equal(accepted.value.partnerEndpoint, 'https://inviter.example/hook');
    const inviter = handleHello(accepted.value.hello, pending, { now: NOW + 2000, messageId: 'w-1', seen: neverSeen });
    assert.ok(inviter.ok);
    assert.equal(inviter.value.connectionSecret, accepted.value.connectionSecret);
    assert.equal(inviter.value.partnerEndpoint, 'https://acceptor.example/hook');
    assert.ok(handleWelcome(inviter.value.welcome, accepted.value, NOW + 3000).ok);
    assert.equal(inviter.value.consumed.privateKey, null);
  });

  test('the secret is not in the code: it cannot be computed from the code plus the recorded hello', () => {
    const { code, pending } = invite();
    const accepted = acceptInvitation(code, { endpoint: 'https://acceptor.example/hook', now: NOW, messageId: 'h-1' });
    assert.ok(accepted.ok);
    const inviter = handleHello(accepted.value.hello, pending, { now: NOW, messageId: 'w-1', seen: neverSeen });
    assert.ok(inviter.ok);
    const secret = inviter.value.connectionSecret;
    assert.ok(!code.includes(secret) && !accepted.value.hello.includes(secret));
    // An attacker with the leaked code signs with everything the code holds: the partner refuses.
    const parsed = parseInvitation(code, NOW);
    assert.ok(parsed.ok);
    const forged = signEnvelope({ v: 1, connectionId: 'conn-7', messageId: 'x', pairId: 'p', seq: 1, sentAt: NOW, kind: 'unlink', body: { reason: 'deleted' } }, parsed.value.inviteKey);
    const r = verifyEnvelope(forged, { now: NOW, seen: neverSeen, secretFor: () => secret });
    assert.ok(!r.ok && r.reason === 'bad-signature');
  });

  test('a leaked, already-used code cannot start a second connection', () => {
    const { code, pending } = invite();
    const first = acceptInvitation(code, { endpoint: 'https://acceptor.example/hook', now: NOW, messageId: 'h-1' });
    assert.ok(first.ok);
    const inviter = handleHello(first.value.hello, pending, { now: NOW, messageId: 'w-1', seen: neverSeen });
    assert.ok(inviter.ok);
    const attacker = acceptInvitation(code, { endpoint: 'https://evil.example/hook', now: NOW + 5000, messageId: 'h-2' });
    assert.ok(attacker.ok, 'anyone can parse a code');
    const again = handleHello(attacker.value.hello, inviter.value.consumed, { now: NOW + 5000, messageId: 'w-2', seen: neverSeen });
    assert.ok(!again.ok);
    assert.equal(again.reason, 'invitation-used');
  });

  test('a welcome not made with the derived secret is refused (no impersonating the inviter)', () => {
    const { code } = invite();
    const accepted = acceptInvitation(code, { endpoint: 'https://acceptor.example/hook', now: NOW, messageId: 'h-1' });
    assert.ok(accepted.ok);
    const parsed = parseInvitation(code, NOW);
    assert.ok(parsed.ok);
    const fake = signEnvelope({ v: 1, connectionId: 'conn-7', messageId: 'w', pairId: null, seq: null, sentAt: NOW, kind: 'handshake', body: { phase: 'welcome', inviteId: parsed.value.inviteId } }, parsed.value.inviteKey);
    const r = handleWelcome(fake, accepted.value, NOW);
    assert.ok(!r.ok && r.reason === 'bad-signature');
  });

  test('expired and damaged codes are refused with a reason', () => {
    const { code } = invite();
    const expired = parseInvitation(code, NOW + 25 * 3600_000);
    assert.ok(!expired.ok && expired.reason === 'invitation-expired');
    const damaged = parseInvitation(code.slice(0, 30), NOW);
    assert.ok(!damaged.ok && damaged.reason === 'malformed-invitation');
    assert.ok(!parseInvitation('hello', NOW).ok);
  });

  test('a hello signed with the wrong invitation key is refused', () => {
    const { pending } = invite();
    const other = invite();
    const accepted = acceptInvitation(other.code, { endpoint: 'https://acceptor.example/hook', now: NOW, messageId: 'h-1' });
    assert.ok(accepted.ok);
    const r = handleHello(accepted.value.hello, pending, { now: NOW, messageId: 'w', seen: neverSeen });
    assert.ok(!r.ok && r.reason === 'bad-signature');
  });
});
