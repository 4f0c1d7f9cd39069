// Who the partner is: two admins connect and each side learns the other's organisation name, site,
// contacts and values; a change is told with a signed `profile` message. A profile is a message
// like any other: forged, foreign, oversized, malformed or replayed ones change nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { MemoryOutbox } from '../../../src/core/ledger/memory-outbox';
import { MemoryConfigStore, MemorySecrets } from '../../../src/core/ledger/memory-config';
import type { Connection } from '../../../src/core/connection';
import type { Transport } from '../../../src/core/ports/transport';
import { boundProfile, PROFILE_MAX_BYTES, type PartnerProfile } from '../../../src/core/profile/partner-profile';
import { connectionDisplayName, uniqueDisplayNames } from '../../../src/core/profile/display-name';
import { PROTOCOL_VERSION, type Envelope } from '../../../src/core/protocol/envelope';
import { signEnvelope } from '../../../src/core/protocol/sign';
import type { SyncDeps } from '../../../src/core/sync/deps';
import { acceptToConnect, changeConnection, inviteToConnect, receiveHandshake } from '../../../src/core/sync/connect';
import { partnerLinkProblem } from '../../../src/core/sync/partner-site';
import { sendProfile } from '../../../src/core/sync/partner-profile';
import { receiveMessage } from '../../../src/core/sync/receive-message';
import { MemoryTracker } from './support/memory-tracker';

const ENDPOINTS = { acme: 'https://acme-hook.example/x1/a', globex: 'https://globex-hook.example/x1/b' };
type Name = 'acme' | 'globex';
type Site = SyncDeps & { secrets: MemorySecrets; config: MemoryConfigStore; store: MemoryLedgerStore; own: { name: string; statuses: string[] } };

function site(name: Name, clock: { t: number }, transport: Transport): Site {
  let n = 0;
  const own = { name: name === 'acme' ? 'Acme Corp' : 'Globex', statuses: ['Open', 'Done'] };
  return {
    store: new MemoryLedgerStore(() => clock.t), config: new MemoryConfigStore(), outbox: new MemoryOutbox(), transport,
    tracker: new MemoryTracker(name.toUpperCase(), () => clock.t), secrets: new MemorySecrets(),
    clock: { now: () => clock.t }, ids: { newId: () => `${name}-${++n}` }, own,
    profiles: {
      local: async (c: Connection): Promise<PartnerProfile> => ({
        name: own.name, site: `https://${name}.atlassian.net`, contacts: c.contacts.local, catalog: { statuses: own.statuses, priorities: ['High', 'Low'], issueTypes: ['Task'] },
      }),
    },
  };
}

function world() {
  const clock = { t: Date.UTC(2026, 11, 2, 9) };
  const sites = {} as Record<Name, Site>;
  const transport: Transport = {
    async send(endpoint, body) {
      const to = endpoint === ENDPOINTS.acme ? sites.acme : sites.globex;
      const kind = (JSON.parse(body) as { envelope?: { kind?: string } }).envelope?.kind;
      const res = kind === 'handshake' ? await receiveHandshake(to, body) : await receiveMessage(to, body);
      return res.status < 300 ? { ok: true, status: res.status, body: res.body } : { ok: false, error: { kind: 'http', status: res.status, body: res.body } };
    },
  };
  sites.acme = site('acme', clock, transport);
  sites.globex = site('globex', clock, transport);
  return { clock, ...sites };
}

const ADA = { name: 'Ada Acme', role: 'accountable' as const, email: 'ada@acme.example' };
const GUS = { name: 'Gus Globex', role: 'accountable' as const, email: 'gus@globex.example' };

async function connected() {
  const w = world();
  const invite = await inviteToConnect(w.acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme, contacts: [ADA] });
  const accepted = await acceptToConnect(w.globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'globex-admin', contacts: [GUS] });
  assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
  return { ...w, id: invite.connection.id };
}

/** A profile message signed with `secret`, built by hand (as a hostile partner would, past boundProfile). */
function handMade(id: string, secret: string, profile: unknown, messageId: string, now: number): string {
  const env = { v: PROTOCOL_VERSION, connectionId: id, messageId, pairId: null, seq: null, sentAt: now, kind: 'profile', body: { profile, reply: false } } as unknown as Envelope;
  return signEnvelope(env, secret);
}

const globexProfile = (over: Partial<PartnerProfile> = {}): PartnerProfile => ({ name: 'Globex', site: 'https://globex.atlassian.net', contacts: [GUS], catalog: { statuses: ['Open'], priorities: [], issueTypes: [] }, ...over });

describe('partner profiles in the handshake', () => {
  test('after connecting, each side knows the other\'s name, site, contacts and values', async () => {
    const { acme, globex, id } = await connected();
    const onAcme = (await acme.config.getConnection(id))!;
    const onGlobex = (await globex.config.getConnection(id))!;
    assert.equal(onAcme.partnerProfile?.name, 'Globex');
    assert.equal(onAcme.partnerProfile?.site, 'https://globex.atlassian.net');
    assert.deepEqual(onAcme.partnerProfile?.contacts, [GUS]);
    assert.deepEqual(onAcme.contacts, { local: [ADA], partner: [GUS] });
    assert.deepEqual(onAcme.partnerProfile?.catalog.priorities, ['High', 'Low']);
    assert.equal(onGlobex.partnerProfile?.name, 'Acme Corp');
    assert.deepEqual(onGlobex.contacts, { local: [GUS], partner: [ADA] });
    assert.equal(connectionDisplayName(onAcme), 'Globex (globex.atlassian.net)');
    assert.equal(connectionDisplayName(onGlobex), 'Acme Corp (acme.atlassian.net)');
  });

  test('a remote link to another site than the one the partner gave at connect is refused', async () => {
    const { acme, id } = await connected();
    const c = (await acme.config.getConnection(id))!;
    assert.equal(partnerLinkProblem('https://globex.atlassian.net/browse/GLX-1', c), null);
    assert.match(partnerLinkProblem('https://initech.atlassian.net/browse/GLX-1', c) ?? '', /not the partner's site \(https:\/\/globex\.atlassian\.net\)/);
  });
});

describe('profile messages', () => {
  test('a name change reaches the partner once; an unchanged profile is not sent again', async () => {
    const { acme, globex, id } = await connected();
    globex.own.name = 'Globex Industries';
    const sent = await sendProfile(globex, id);
    assert.deepEqual(sent.ok && sent.value, { sent: true, received: false });
    assert.equal((await acme.config.getConnection(id))!.partnerProfile?.name, 'Globex Industries');
    assert.ok((await acme.store.listAudit(id)).some((a) => a.detail.includes('name Globex → Globex Industries')));
    const again = await sendProfile(globex, id);
    assert.deepEqual(again.ok && again.value, { sent: false, received: false });
  });

  test('an older connection without profiles gets both with one refresh, even while paused', async () => {
    const { acme, globex, id } = await connected();
    for (const s of [acme, globex]) {
      const { partnerProfile: _p, profileSentHash: _h, ...old } = (await s.config.getConnection(id))!;
      await s.config.putConnection(old);
    }
    assert.equal(connectionDisplayName((await acme.config.getConnection(id))!), `Jira partner · ${id.slice(-8)}`);
    assert.ok((await changeConnection(globex, { connectionId: id, change: 'pause', actor: 'g' })).ok);
    const refreshed = await sendProfile(acme, id, { force: true, ask: true });
    assert.deepEqual(refreshed.ok && refreshed.value, { sent: true, received: true });
    assert.equal((await acme.config.getConnection(id))!.partnerProfile?.name, 'Globex');
    assert.equal((await globex.config.getConnection(id))!.partnerProfile?.name, 'Acme Corp');
  });

  test('a profile signed with another key is refused and changes nothing', async () => {
    const { acme, id, clock } = await connected();
    const before = await acme.config.getConnection(id);
    const res = await receiveMessage(acme, handMade(id, 'not-the-secret', globexProfile({ name: 'Evil' }), 'm-forged', clock.t));
    assert.equal(res.status, 401);
    assert.deepEqual(await acme.config.getConnection(id), before);
  });

  test('a profile for one connection signed with another connection\'s secret lands nowhere', async () => {
    const { acme, globex, id, clock } = await connected();
    // A second connection between the same sites: its partner holds a different secret.
    const invite = await inviteToConnect(acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme });
    assert.ok((await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'g' })).ok);
    const other = invite.connection.id;
    const otherSecret = (await globex.secrets.getConnectionSecret(other))!;
    const [first, second] = [await acme.config.getConnection(id), await acme.config.getConnection(other)];
    const res = await receiveMessage(acme, handMade(id, otherSecret, globexProfile({ name: 'Someone Else' }), 'm-foreign', clock.t));
    assert.equal(res.status, 401);
    assert.deepEqual(await acme.config.getConnection(id), first);
    assert.deepEqual(await acme.config.getConnection(other), second);
  });

  test('oversized or malformed profiles are refused with a reason, and a replay is refused', async () => {
    const { acme, id, clock } = await connected();
    const secret = (await acme.secrets.getConnectionSecret(id))!;
    const before = await acme.config.getConnection(id);
    const long = Array.from({ length: 200 }, (_, i) => `${'S'.repeat(250)}${String(i).padStart(3, '0')}`);
    const huge = globexProfile({ catalog: { statuses: long, priorities: long, issueTypes: [] } });
    assert.equal((await receiveMessage(acme, handMade(id, secret, huge, 'm-huge', clock.t))).status, 413);
    for (const [i, bad] of [
      globexProfile({ site: 'http://globex.atlassian.net' }),
      globexProfile({ name: 'x'.repeat(101) }),
      globexProfile({ catalog: { statuses: Array.from({ length: 201 }, (_, k) => `s${k}`), priorities: [], issueTypes: [] } }),
      { ...globexProfile(), extra: 'field' },
    ].entries()) {
      const res = await receiveMessage(acme, handMade(id, secret, bad, `m-bad-${i}`, clock.t));
      assert.equal(res.status, 400, `case ${i}: ${res.body}`);
    }
    assert.deepEqual(await acme.config.getConnection(id), before);
    const good = handMade(id, secret, globexProfile({ name: 'Globex Two' }), 'm-good', clock.t);
    assert.equal((await receiveMessage(acme, good)).status, 200);
    assert.equal((await receiveMessage(acme, good)).status, 409);
  });

  test('a later profile cannot move the partner\'s site; the audit says so', async () => {
    const { acme, id, clock } = await connected();
    const secret = (await acme.secrets.getConnectionSecret(id))!;
    assert.equal((await receiveMessage(acme, handMade(id, secret, globexProfile({ site: 'https://evil.example', name: 'Globex' }), 'm-move', clock.t))).status, 200);
    const c = (await acme.config.getConnection(id))!;
    assert.equal(c.partnerProfile?.site, 'https://globex.atlassian.net');
    assert.ok((await acme.store.listAudit(id)).some((a) => a.action === 'message-refused' && a.detail.includes('https://evil.example')));
    assert.match(partnerLinkProblem('https://evil.example/browse/GLX-1', c) ?? '', /not the partner's site/);
  });
});

describe('profile bounds and names', () => {
  test('a sender keeps its profile under the byte limit by dropping catalog values', () => {
    const many = Array.from({ length: 500 }, (_, i) => `${'v'.repeat(200)}-${i}`);
    const bounded = boundProfile({ name: '  Acme  ', site: 'https://acme.atlassian.net', contacts: [], catalog: { statuses: many, priorities: ['High', 'High'], issueTypes: many } });
    assert.ok(new TextEncoder().encode(JSON.stringify(bounded)).length <= PROFILE_MAX_BYTES);
    assert.equal(bounded.name, 'Acme');
    assert.deepEqual(bounded.catalog.priorities, ['High']);
    assert.ok(bounded.catalog.statuses.length > 0 && bounded.catalog.statuses.length <= 200);
  });

  test('components and versions travel in the catalog, bounded like the other lists; unknown lists are dropped unread', async () => {
    const { acme, id, clock } = await connected();
    const secret = (await acme.secrets.getConnectionSecret(id))!;
    const shared = globexProfile({ catalog: { statuses: ['Open'], priorities: [], issueTypes: [], components: ['Portal', 'Billing', 'Portal'], versions: ['1.0', '2.0'] } });
    assert.equal((await receiveMessage(acme, handMade(id, secret, boundProfile(shared), 'm-parts', clock.t))).status, 200);
    let c = (await acme.config.getConnection(id))!;
    assert.deepEqual(c.partnerProfile?.catalog.components, ['Portal', 'Billing'], 'the sender drops the duplicate');
    assert.deepEqual(c.partnerProfile?.catalog.versions, ['1.0', '2.0']);
    // A hostile partner past boundProfile: too many components, an over-long version name.
    const before = await acme.config.getConnection(id);
    for (const [i, catalog] of [
      { statuses: [], priorities: [], issueTypes: [], components: Array.from({ length: 201 }, (_, k) => `c${k}`) },
      { statuses: [], priorities: [], issueTypes: [], versions: ['v'.repeat(256)] },
      { statuses: [], priorities: [], issueTypes: [], components: [''] },
    ].entries()) {
      assert.equal((await receiveMessage(acme, handMade(id, secret, globexProfile({ catalog }), `m-parts-bad-${i}`, clock.t))).status, 400, `case ${i}`);
    }
    assert.deepEqual(await acme.config.getConnection(id), before);
    // A later version's list is not refused and not kept; a partner that shares no components (an older one) is taken as it is.
    const newer = { ...globexProfile(), catalog: { statuses: ['Open'], priorities: [], issueTypes: [], sprints: ['S1'] } };
    assert.equal((await receiveMessage(acme, handMade(id, secret, newer, 'm-newer', clock.t))).status, 200);
    c = (await acme.config.getConnection(id))!;
    assert.deepEqual(c.partnerProfile?.catalog, { statuses: ['Open'], priorities: [], issueTypes: [] });
  });

  test('a sender fits components and versions under the byte limit too', () => {
    const many = Array.from({ length: 300 }, (_, i) => `${'c'.repeat(200)}-${i}`);
    const bounded = boundProfile({ name: 'Acme', site: 'https://acme.atlassian.net', contacts: [], catalog: { statuses: ['Open'], priorities: [], issueTypes: [], components: many, versions: many } });
    assert.ok(new TextEncoder().encode(JSON.stringify(bounded)).length <= PROFILE_MAX_BYTES);
    assert.deepEqual(bounded.catalog.statuses, ['Open']);
    assert.ok(bounded.catalog.components!.length > 0 && bounded.catalog.components!.length <= 200);
    assert.ok(bounded.catalog.versions!.length > 0 && bounded.catalog.versions!.length <= 200);
  });

  test('ServiceNow instances are named by instance; a second connection to one partner gets its id tail', () => {
    const base = { partnerEndpoint: null, state: 'active' as const, partnerProfile: undefined };
    assert.equal(connectionDisplayName({ ...base, id: 'c-1', partnerKind: 'servicenow', partnerEndpoint: 'https://initech.service-now.com' }), 'initech (ServiceNow)');
    assert.equal(connectionDisplayName({ ...base, id: 'c-12345678', partnerKind: 'jira', state: 'pending' }), 'Invitation · 12345678');
    const named = uniqueDisplayNames([{ id: 'c-aaaaaaaa', displayName: 'Globex' }, { id: 'c-bbbbbbbb', displayName: 'Globex' }, { id: 'c-c', displayName: 'Initech' }]);
    assert.deepEqual(named.map((n) => n.displayName), ['Globex · aaaaaaaa', 'Globex · bbbbbbbb', 'Initech']);
  });
});
