// Partners on different Liaison versions: a new scope makes this release a major version that each
// site admin approves on their own day, so a site may be connected to a partner still on 9e9be9f,
// whose profile schema refuses a catalog carrying components or versions, even in the handshake.
// Given such a partner, the new side never sends it the lists, connecting and profile exchange
// work both ways, and a partner that announced it reads them gets them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { MemoryOutbox } from '../../../src/core/ledger/memory-outbox';
import { MemoryConfigStore, MemorySecrets } from '../../../src/core/ledger/memory-config';
import type { Connection } from '../../../src/core/connection';
import type { Transport } from '../../../src/core/ports/transport';
import { boundProfile, PROFILE_ACCEPTS, type PartnerProfile } from '../../../src/core/profile/partner-profile';
import { hashOf } from '../../../src/core/hash';
import type { SyncDeps } from '../../../src/core/sync/deps';
import { acceptToConnect, inviteToConnect, receiveHandshake } from '../../../src/core/sync/connect';
import { profileMessage, sendProfile } from '../../../src/core/sync/partner-profile';
import { receiveMessage } from '../../../src/core/sync/receive-message';
import { OldSite, oldVerify, type OldProfile } from './support/liaison-9e9be9f';
import { MemoryTracker } from './support/memory-tracker';

const ENDPOINTS = { acme: 'https://acme-hook.example/x1/a', globex: 'https://globex-hook.example/x1/b' };
type Site = SyncDeps & { config: MemoryConfigStore; secrets: MemorySecrets; own: PartnerProfile };

const ACME: PartnerProfile = {
  name: 'Acme Corp', site: 'https://acme.atlassian.net', contacts: [],
  catalog: { statuses: ['Open', 'Done'], priorities: ['High'], issueTypes: ['Task'], components: ['Backend', 'Web'], versions: ['1.0', '2.0'] },
};
const GLOBEX_OLD: OldProfile = { name: 'Globex', site: 'https://globex.atlassian.net', contacts: [], catalog: { statuses: ['To Do', 'Closed'], priorities: ['P1'], issueTypes: ['Bug'] } };
const GLOBEX: PartnerProfile = { ...GLOBEX_OLD, catalog: { ...GLOBEX_OLD.catalog, components: ['Billing'], versions: ['R7'] } };

function newSite(name: string, given: PartnerProfile, clock: { t: number }, transport: Transport): Site {
  let n = 0;
  const own = structuredClone(given);
  return {
    store: new MemoryLedgerStore(() => clock.t), config: new MemoryConfigStore(), outbox: new MemoryOutbox(), transport,
    tracker: new MemoryTracker(name.toUpperCase(), () => clock.t), secrets: new MemorySecrets(),
    clock: { now: () => clock.t }, ids: { newId: () => `${name}-${++n}` }, own,
    profiles: { local: async (c: Connection): Promise<PartnerProfile> => ({ ...own, contacts: c.contacts.local }) },
  };
}

/** acme on this version; globex on 9e9be9f (`old`) or on this version too. */
function world(globexVersion: 'old' | 'new') {
  const clock = { t: Date.UTC(2026, 11, 2, 9) };
  const route = new Map<string, (body: string) => Promise<{ status: number; body: string }>>();
  const transport: Transport = {
    async send(endpoint, body) {
      const res = await route.get(endpoint)!(body);
      return res.status < 300 ? { ok: true, status: res.status, body: res.body } : { ok: false, error: { kind: 'http', status: res.status, body: res.body } };
    },
  };
  const inbox = (s: Site) => (body: string) => ((JSON.parse(body) as { envelope: { kind: string } }).envelope.kind === 'handshake' ? receiveHandshake(s, body) : receiveMessage(s, body));
  const acme = newSite('acme', ACME, clock, transport);
  route.set(ENDPOINTS.acme, inbox(acme));
  const old = new OldSite(ENDPOINTS.globex, structuredClone(GLOBEX_OLD), () => clock.t, transport);
  const globex = newSite('globex', GLOBEX, clock, transport);
  route.set(ENDPOINTS.globex, globexVersion === 'old' ? (b) => old.inbox(b) : inbox(globex));
  /** globex's admin approves the new version: its web trigger runs this version's code from now on. */
  const upgradeGlobex = () => route.set(ENDPOINTS.globex, inbox(globex));
  return { clock, acme, old, globex, upgradeGlobex };
}

/** Every list a message to the old site carried in a catalog (none may be components or versions). */
function catalogKeysSent(old: OldSite): string[] {
  const keys = new Set<string>();
  for (const raw of old.received) {
    const body = (JSON.parse(raw) as { envelope: { body: { profile?: { catalog: object } } } }).envelope.body;
    for (const k of Object.keys(body.profile?.catalog ?? {})) keys.add(k);
  }
  return [...keys].sort();
}

describe('a partner still on 9e9be9f (catalog without components and versions)', () => {
  test('its strict schema does refuse a profile carrying the lists (what the new side must never send)', async () => {
    const { acme, old } = world('old');
    const invite = await inviteToConnect(acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme });
    assert.ok((await old.accept(invite.code)).ok);
    // A profile message as a version that ignored the partner's announcement would send it.
    const careless = profileMessage(invite.connection.id, boundProfile(ACME), false, old.secret!, { now: Date.UTC(2026, 11, 2, 9), messageId: 'm-careless' });
    const res = await old.inbox(careless);
    assert.equal(res.status, 400);
    assert.match((JSON.parse(res.body) as { message: string }).message, /catalog: Unrecognized keys: "components", "versions"/);
    assert.equal(oldVerify(careless, old.secret!).ok, false);
  });

  test('old globex accepts acme\'s invitation: the handshake succeeds and acme\'s welcome carries no lists', async () => {
    const { acme, old } = world('old');
    const invite = await inviteToConnect(acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme });
    const accepted = await old.accept(invite.code);
    assert.ok(accepted.ok, accepted.message);
    assert.deepEqual(catalogKeysSent(old), ['issueTypes', 'priorities', 'statuses']);
    assert.deepEqual(old.partnerProfile?.catalog, { statuses: ['Open', 'Done'], priorities: ['High'], issueTypes: ['Task'] });
    const onAcme = (await acme.config.getConnection(invite.connection.id))!;
    assert.equal(onAcme.state, 'active');
    assert.equal(onAcme.partnerProfile?.name, 'Globex');
    assert.equal(onAcme.partnerProfile?.accepts, undefined, 'an old partner announced nothing');
  });

  test('acme accepts old globex\'s invitation: the hello carries no lists and the connection is active on both sides', async () => {
    const { acme, old } = world('old');
    const code = old.invite('conn-2');
    const accepted = await acceptToConnect(acme, { code, ownEndpoint: ENDPOINTS.acme, createdBy: 'acme-admin' });
    assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
    assert.equal(old.secret, (await acme.secrets.getConnectionSecret('conn-2'))!);
    assert.deepEqual(catalogKeysSent(old), ['issueTypes', 'priorities', 'statuses']);
    assert.equal(old.partnerProfile?.name, 'Acme Corp');
    assert.equal(accepted.ok && accepted.value.partnerProfile?.name, 'Globex');
  });

  test('profiles go both ways after connecting, each taken, none with lists to the old side', async () => {
    const { acme, old } = world('old');
    const invite = await inviteToConnect(acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme });
    assert.ok((await old.accept(invite.code)).ok);
    const id = invite.connection.id;
    // acme renames itself and gains a component: the name goes, the component list stays home.
    acme.own.name = 'Acme Industries';
    acme.own.catalog.components = [...acme.own.catalog.components!, 'Mobile'];
    const sent = await sendProfile(acme, id);
    assert.ok(sent.ok, sent.ok ? '' : sent.message);
    assert.deepEqual(sent.value, { sent: true, received: true }, 'a partner that never said what it reads is asked, and answers');
    assert.equal(old.partnerProfile?.name, 'Acme Industries');
    // globex (old) asks for acme's profile: acme's answer passes 9e9be9f's schema.
    old.own.name = 'Globex Ltd';
    const asked = await old.sendProfile(true);
    assert.ok(asked.ok, asked.message);
    assert.equal((await acme.config.getConnection(id))!.partnerProfile?.name, 'Globex Ltd');
    assert.deepEqual(catalogKeysSent(old), ['issueTypes', 'priorities', 'statuses']);
    // Nothing changed since: acme does not send again (its hash is of what it sent).
    assert.deepEqual((await sendProfile(acme, id)).ok && (await sendProfile(acme, id)), { ok: true, value: { sent: false, received: false } });
  });
});

describe('a partner on this version', () => {
  test('connecting, each side gets the other\'s components and versions and keeps what it announced', async () => {
    const { acme, globex } = world('new');
    const invite = await inviteToConnect(acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme });
    const accepted = await acceptToConnect(globex, { code: invite.code, ownEndpoint: ENDPOINTS.globex, createdBy: 'globex-admin' });
    assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
    const id = invite.connection.id;
    const onAcme = (await acme.config.getConnection(id))!;
    const onGlobex = (await globex.config.getConnection(id))!;
    assert.deepEqual(onAcme.partnerProfile?.catalog.components, ['Billing']);
    assert.deepEqual(onAcme.partnerProfile?.catalog.versions, ['R7']);
    assert.deepEqual(onGlobex.partnerProfile?.catalog.components, ['Backend', 'Web']);
    assert.deepEqual(onGlobex.partnerProfile?.catalog.versions, ['1.0', '2.0']);
    assert.deepEqual(onAcme.partnerProfile?.accepts, [...PROFILE_ACCEPTS]);
    assert.deepEqual(onGlobex.partnerProfile?.accepts, [...PROFILE_ACCEPTS]);
    // A component added later arrives with the next profile.
    globex.own.catalog.components = ['Billing', 'Payroll'];
    assert.deepEqual((await sendProfile(globex, id)).ok, true);
    assert.deepEqual((await acme.config.getConnection(id))!.partnerProfile?.catalog.components, ['Billing', 'Payroll']);
  });

  test('a partner that upgrades from 9e9be9f: its next profile check announces it, and both sides then get the lists', async () => {
    const { acme, old, globex, upgradeGlobex } = world('old');
    const invite = await inviteToConnect(acme, { createdBy: 'acme-admin', ownEndpoint: ENDPOINTS.acme });
    assert.ok((await old.accept(invite.code)).ok);
    const id = invite.connection.id;
    // globex upgrades: the new code takes over the connection 9e9be9f kept (its partner profile without
    // `accepts`, and the hash 9e9be9f noted of the profile it sent).
    await globex.secrets.putConnectionSecret(id, old.secret!);
    await globex.config.putConnection({
      id, partnerKind: 'jira', partnerEndpoint: ENDPOINTS.acme, state: 'active', role: 'acceptor', createdBy: 'globex-admin', createdAt: 0,
      contacts: { local: [], partner: [] }, partnerProfile: { ...old.partnerProfile!, updatedAt: 0 }, profileSentHash: hashOf(boundProfile({ ...GLOBEX_OLD })),
    });
    upgradeGlobex();
    const check = await sendProfile(globex, id);
    assert.deepEqual(check.ok && check.value, { sent: true, received: true });
    assert.deepEqual((await globex.config.getConnection(id))!.partnerProfile?.catalog.components, ['Backend', 'Web']);
    assert.deepEqual((await acme.config.getConnection(id))!.partnerProfile?.catalog.components, ['Billing']);
    assert.deepEqual((await acme.config.getConnection(id))!.partnerProfile?.accepts, [...PROFILE_ACCEPTS]);
  });
});
