// Two Jira sites connect and each learns who the other is — its organisation name, its site, the
// people to call and the values of its shared project — from the signed handshake and `profile`
// messages; a change of name or contacts reaches the partner; "mirrored by" links may point only
// at the site the partner named at connect; people appear by their display names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditPage, ConnectionView, RuleView } from '../../../src/shared/resolver-contract';
import { connectionSecret, postToInbox, replicaBody, signed } from './attack-support';
import { startMirror, type Mirror, type SiteHandle } from './support';

const only = async (site: SiteHandle): Promise<ConnectionView> => {
  const list = await site.admin<ConnectionView[]>('admin/connections/list');
  assert.equal(list.length, 1, `${site.name} has one connection`);
  return list[0]!;
};

describe('Jira ↔ Jira: partner names, sites, contacts and values', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  test('after connecting, each side sees the other\'s name, site, contacts and project values', async () => {
    const onAcme = await only(m.acme);
    const onGlobex = await only(m.globex);
    assert.equal(onAcme.displayName, 'Globex (globex.atlassian.net)');
    assert.equal(onGlobex.displayName, 'Acme (acme.atlassian.net)');
    assert.equal(onAcme.partner.site, 'https://globex.atlassian.net');
    assert.equal(onGlobex.partner.site, 'https://acme.atlassian.net');
    assert.deepEqual(onAcme.partner.contacts.map((c) => c.email), ['lead@globex.example']);
    assert.deepEqual(onGlobex.partner.contacts.map((c) => c.email), ['owner@acme.example']);
    assert.deepEqual(onAcme.contacts.partner, onAcme.partner.contacts, 'the card\'s partner contacts are the partner\'s own');
    // The values came after each side saved its rule: globex's project's, on acme.
    const globexMeta = await m.globex.rest<{ name: string }[]>('GET', '/rest/api/3/priority');
    assert.deepEqual([...onAcme.partner.catalog.priorities].sort(), globexMeta.map((p) => p.name).sort());
    assert.ok(onAcme.partner.catalog.statuses.length > 0 && onAcme.partner.catalog.issueTypes.includes('Task'));
    assert.ok(onAcme.partner.updatedAt !== null);
    // The rule editor offers the partner's values (helper C2 reads this shape).
    const rule = await m.acme.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.acme.project });
    assert.deepEqual(rule.choices?.partner?.statuses, onAcme.partner.catalog.statuses);
    // People by name: who created the connection and who saved the rule.
    assert.equal(onAcme.createdByUser?.displayName, 'Acme Admin');
    assert.equal(rule.current?.authorUser?.displayName, 'Acme Admin');
  });

  test('a new organisation name and new contacts reach the partner', async () => {
    const saved = await m.globex.admin<{ name: string; defaultName: string; site: string }>('admin/profile/save', { name: 'Globex Industries' });
    assert.deepEqual(saved, { name: 'Globex Industries', defaultName: 'Globex', site: 'https://globex.atlassian.net' });
    await m.settle();
    assert.equal((await only(m.acme)).displayName, 'Globex Industries (globex.atlassian.net)');
    const lead = { name: 'Grace Globex', role: 'responsible' as const, email: 'grace@globex.example' };
    const mine = (await only(m.globex)).contacts;
    await m.globex.admin('admin/connections/contacts', { connectionId: m.connectionId, local: [...mine.local, lead], partner: mine.partner });
    await m.settle();
    const onAcme = await only(m.acme);
    assert.deepEqual(onAcme.partner.contacts.map((c) => c.email), ['lead@globex.example', 'grace@globex.example']);
    const audit = await m.acme.admin<AuditPage>('admin/audit/list', { connectionId: m.connectionId, limit: 50 });
    const told = audit.items.find((a) => a.detail.includes('name Globex → Globex Industries'));
    assert.ok(told, JSON.stringify(audit.items.map((a) => a.detail)));
    assert.equal(told.actorUser?.displayName, 'Globex Industries (globex.atlassian.net)', 'the partner acts under its name');
    const own = await m.globex.admin<AuditPage>('admin/audit/list', { connectionId: m.connectionId, limit: 50 });
    assert.equal(own.items.find((a) => a.detail.includes('organisation name'))?.actorUser?.displayName, 'Globex Admin');
  });

  test('a refresh asks the partner again and answers with this side\'s profile', async () => {
    const res = await m.acme.admin<{ sent: boolean; received: boolean }>('admin/connections/refresh-profile', { connectionId: m.connectionId });
    assert.deepEqual({ sent: res.sent, received: res.received }, { sent: true, received: true });
  });

  test('a "mirrored by" link to another Atlassian site than the partner\'s recorded one is not created', async () => {
    const origin = { issueId: '778001', issueKey: 'ACME-778', projectKey: m.acme.project };
    const body = replicaBody(origin, { summary: { kind: 'text', text: 'Link to a stranger site' } }, m.clock.now(), { create: true });
    body.origin = { ...origin, url: 'https://initech.atlassian.net/browse/ACME-778' } as typeof body.origin;
    const res = await postToInbox(m.world, m.globex, signed('replica', { connectionId: m.connectionId, secret: connectionSecret(m.acme, m.connectionId), now: m.clock.now() }, `p-${'f'.repeat(32)}`, 1, body));
    await m.settle();
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [created] = await m.globex.findBySummary('Link to a stranger site');
    assert.ok(created);
    assert.deepEqual(await m.globex.remoteLinks(created.key), []);
    const audit = await m.globex.admin<AuditPage>('admin/audit/list', { connectionId: m.connectionId, limit: 50 });
    assert.ok(audit.items.some((a) => a.action === 'link-refused' && a.detail.includes("https://initech.atlassian.net is not the partner's site (https://acme.atlassian.net)")), JSON.stringify(audit.items.map((a) => a.detail)));
    // The honest link, to the recorded site, is still made.
    const pair = await m.createMirrored(m.acme, { summary: 'Honest link after profiles' });
    assert.match((await m.globex.remoteLinks(pair.mirror.key))[0]?.object.url ?? '', /^https:\/\/acme\.atlassian\.net\/browse\/ACME-\d+$/);
  });
});
