// Connecting two sites with an invitation code, as two Jira admins do it: one invites, the other
// accepts; afterwards both hold the same secret and each can pause, resume or delete alone (a
// delete is told to the partner, whose side then ends).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { MemoryOutbox } from '../../../src/core/ledger/memory-outbox';
import { MemoryConfigStore, MemorySecrets } from '../../../src/core/ledger/memory-config';
import type { Transport } from '../../../src/core/ports/transport';
import type { SyncDeps } from '../../../src/core/sync/deps';
import { acceptToConnect, changeConnection, inviteToConnect, receiveHandshake } from '../../../src/core/sync/connect';
import { receiveMessage } from '../../../src/core/sync/receive-message';
import { PROTOCOL_VERSION } from '../../../src/core/protocol/envelope';
import { signEnvelope } from '../../../src/core/protocol/sign';
import { MemoryTracker } from './support/memory-tracker';

const ENDPOINTS = { acme: 'https://acme-hook.example/x1/a', globex: 'https://globex-hook.example/x1/b' };

function site(name: 'acme' | 'globex', clock: { t: number }, transport: Transport): SyncDeps & { secrets: MemorySecrets; config: MemoryConfigStore } {
  let n = 0;
  return {
    store: new MemoryLedgerStore(() => clock.t), config: new MemoryConfigStore(), outbox: new MemoryOutbox(), transport,
    tracker: new MemoryTracker(name.toUpperCase(), () => clock.t), secrets: new MemorySecrets(),
    clock: { now: () => clock.t }, ids: { newId: () => `${name}-${++n}` },
  };
}

/** The inbox web trigger's dispatch: handshakes to receiveHandshake, the rest to receiveMessage. */
async function inbox(deps: SyncDeps, body: string) {
  const kind = (JSON.parse(body) as { envelope?: { kind?: string } }).envelope?.kind;
  return kind === 'handshake' ? receiveHandshake(deps, body) : receiveMessage(deps, body);
}

function world() {
  const clock = { t: Date.UTC(2026, 10, 25, 9) };
  const sites: Record<string, SyncDeps> = {};
  let partnerDown = false;
  const transport: Transport = {
    async send(endpoint, body) {
      if (partnerDown) return { ok: false, error: { kind: 'network', message: 'connect ECONNREFUSED' } };
      const to = endpoint === ENDPOINTS.acme ? sites.acme! : sites.globex!;
      const res = await inbox(to, body);
      return res.status < 300 ? { ok: true, status: res.status, body: res.body } : { ok: false, error: { kind: 'http', status: res.status, body: res.body } };
    },
  };
  const acme = site('acme', clock, transport);
  const globex = site('globex', clock, transport);
  sites.acme = acme;
  sites.globex = globex;
  return { clock, acme, globex, setPartnerDown: (down: boolean) => (partnerDown = down) };
}

describe('connecting two sites by invitation code', () => {
  test('invite on acme, accept on globex: both active with the same secret and each other\'s endpoint', async () => {
    const { acme, globex } = world();
    const invite = await inviteToConnect(acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme, contacts: [{ name: 'Ada', role: 'accountable', email: 'ada@acme.example' }] });
    assert.equal(invite.connection.state, 'pending');
    assert.equal(invite.connection.partnerEndpoint, null);
    assert.match(invite.code, /^LIAISON1\./);

    const accepted = await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'globex-admin' });
    assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
    const id = invite.connection.id;
    const [onAcme, onGlobex] = [await acme.config.getConnection(id), await globex.config.getConnection(id)];
    assert.equal(onAcme?.state, 'active');
    assert.equal(onAcme?.partnerEndpoint, ENDPOINTS.globex);
    assert.equal(onGlobex?.state, 'active');
    assert.equal(onGlobex?.partnerEndpoint, ENDPOINTS.acme);
    const secret = await acme.secrets.getConnectionSecret(id);
    assert.ok(secret);
    assert.equal(await globex.secrets.getConnectionSecret(id), secret);
    assert.equal((await acme.store.listAudit(id)).some((a) => a.detail.includes('active')), true);
  });

  test('a used code cannot be accepted again, not even by a third site', async () => {
    const { acme, globex, clock } = world();
    const invite = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: ENDPOINTS.acme });
    assert.ok((await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' })).ok);
    const intruder = site('globex', clock, globex.transport);
    const again = await acceptToConnect(intruder, { code: invite.code, ownEndpoint: 'https://evil.example/hook', createdBy: 'mallory' });
    assert.equal(again.ok, false);
    assert.equal(again.ok ? '' : again.reason, 'partner-refused');
    assert.match(again.ok ? '' : again.message, /already used/);
    assert.equal((await acme.config.getConnection(invite.connection.id))?.partnerEndpoint, ENDPOINTS.globex, 'the real partner stays connected');
  });

  test('accepting on the inviting site itself, a damaged code and an expired code are refused with a reason', async () => {
    const { acme, globex, clock } = world();
    const invite = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: ENDPOINTS.acme, ttlMs: 60_000 });
    const self = await acceptToConnect(acme, { code: invite.code, ownEndpoint: ENDPOINTS.acme, createdBy: 'admin' });
    assert.match(self.ok ? '' : self.message, /created on this site/);
    const damaged = await acceptToConnect(globex, { code: invite.code.slice(0, 30), ownEndpoint: ENDPOINTS.globex, createdBy: 'g' });
    assert.equal(damaged.ok ? '' : damaged.reason, 'malformed-invitation');
    clock.t += 61_000;
    const expired = await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' });
    assert.equal(expired.ok ? '' : expired.reason, 'invitation-expired');
    assert.equal(await globex.config.getConnection(invite.connection.id), null);
  });

  test('a partner address that is not https is refused at connect, with a reason naming it (Forge calls out over HTTPS only)', async () => {
    const { acme, globex } = world();
    const plain = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: 'http://acme-hook.example/x1/a' });
    const refused = await acceptToConnect(globex, { code: plain.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' });
    assert.equal(refused.ok ? '' : refused.reason, 'malformed-invitation');
    assert.match(refused.ok ? '' : refused.message, /"http:\/\/acme-hook\.example\/x1\/a".*not an https:\/\/ URL/);
    assert.equal(await globex.config.getConnection(plain.connection.id), null, 'nothing stored on the accepting side');

    const invite = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: ENDPOINTS.acme });
    const httpAcceptor = await acceptToConnect(globex, { code: invite.code, ownEndpoint: 'http://globex-hook.example/x1/b', createdBy: 'g' });
    assert.equal(httpAcceptor.ok, false, 'the inviter refuses a hello that names an http: address');
    assert.notEqual((await acme.config.getConnection(invite.connection.id))?.partnerEndpoint, 'http://globex-hook.example/x1/b');
  });

  test('an unreachable inviter leaves nothing behind on the accepting side', async () => {
    const { acme, globex, setPartnerDown } = world();
    const invite = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: ENDPOINTS.acme });
    setPartnerDown(true);
    const res = await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' });
    assert.equal(res.ok ? '' : res.reason, 'partner-unreachable');
    assert.equal(await globex.config.getConnection(invite.connection.id), null);
    setPartnerDown(false);
    assert.ok((await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' })).ok, 'the code still works once the inviter is back');
  });

  test('pause and resume are local decisions; a delete also ends the partner\'s side', async () => {
    const { acme, globex } = world();
    const invite = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: ENDPOINTS.acme });
    const id = invite.connection.id;
    assert.equal((await changeConnection(acme, { connectionId: id, change: 'pause', actor: 'admin' })).ok, false, 'a pending connection cannot be paused');
    await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' });
    const paused = await changeConnection(acme, { connectionId: id, change: 'pause', actor: 'admin' });
    assert.equal(paused.ok && paused.value?.state, 'paused');
    assert.equal((await globex.config.getConnection(id))?.state, 'active', 'the partner decides for itself');
    const resumed = await changeConnection(acme, { connectionId: id, change: 'resume', actor: 'admin' });
    assert.equal(resumed.ok && resumed.value?.state, 'active');
    assert.ok((await changeConnection(acme, { connectionId: id, change: 'delete', actor: 'admin' })).ok);
    assert.equal(await acme.config.getConnection(id), null);
    assert.equal(await acme.secrets.getConnectionSecret(id), null);
    const gone = await changeConnection(acme, { connectionId: id, change: 'delete', actor: 'admin' });
    assert.equal(gone.ok ? '' : gone.reason, 'unknown-connection');
    assert.ok((await acme.store.listAudit(id)).some((e) => e.detail === 'connection deleted; partner told'));
    const ended = await globex.config.getConnection(id);
    assert.equal(ended?.state, 'ended');
    const resume = await changeConnection(globex, { connectionId: id, change: 'resume', actor: 'g' });
    assert.equal(resume.ok ? '' : resume.reason, 'not-active');
    assert.ok((await changeConnection(globex, { connectionId: id, change: 'delete', actor: 'g' })).ok, 'the ended side deletes without telling anyone');
    assert.equal(await globex.config.getConnection(id), null);
  });

  test('a partner that cannot be told of a delete keeps its side until its own admin acts; the audit says so', async () => {
    const { acme, globex, setPartnerDown } = world();
    const invite = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: ENDPOINTS.acme });
    await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' });
    const id = invite.connection.id;
    setPartnerDown(true);
    assert.ok((await changeConnection(globex, { connectionId: id, change: 'delete', actor: 'g' })).ok, 'deleting never waits for the partner');
    assert.ok((await globex.store.listAudit(id)).some((e) => /^connection deleted; partner not told: network: connect ECONNREFUSED/.test(e.detail)));
    assert.equal((await acme.config.getConnection(id))?.state, 'active');
  });

  test('only the partner can end a connection: a farewell signed with another key changes nothing', async () => {
    const { acme, globex } = world();
    const invite = await inviteToConnect(acme, { createdBy: 'admin', ownEndpoint: ENDPOINTS.acme });
    await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' });
    const id = invite.connection.id;
    const forged = signEnvelope({ v: PROTOCOL_VERSION, connectionId: id, messageId: 'forged-1', pairId: null, seq: null, sentAt: acme.clock.now(), kind: 'farewell', body: {} }, 'x'.repeat(43));
    const res = await receiveMessage(acme, forged);
    assert.equal(res.status, 401);
    assert.equal((await acme.config.getConnection(id))?.state, 'active');
  });
});
