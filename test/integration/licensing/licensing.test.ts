// Licensing behind its switch, through the real entry points on the sandbox: with the switch on, a
// production site without an active license gets a clear refusal from the resolvers and syncs
// nothing from its issue trigger; with it off (the default), the same site works.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PanelView, ResolverResult } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from '../jira-jira/support';

let m: Mirror | undefined;
afterEach(async () => {
  delete process.env.LIAISON_LICENSING;
  await m?.close();
  m = undefined;
});

const unlicensedProduction = (mirror: Mirror) => mirror.acme.site.installation.setLicensing({ environmentType: 'PRODUCTION', license: { active: false, type: 'commercial' } });

describe('licensing', () => {
  test('switch off (default): an unlicensed production site still syncs and answers', async () => {
    m = await startMirror();
    unlicensedProduction(m);
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Printer on fire' });
    assert.ok(mirror.key.startsWith('GLX-'));
    assert.equal((await m.acme.panel<PanelView>('panel/get', source)).ok, true);
  });

  test('switch on: an inactive license refuses resolvers with the reason and the trigger syncs nothing; an active one works', async () => {
    process.env.LIAISON_LICENSING = 'on';
    m = await startMirror();
    unlicensedProduction(m);
    const issue = await m.acme.createIssue({ summary: 'Not while unlicensed' });
    await m.settle();
    const refused = (await m.acme.panel<PanelView>('panel/get', issue)) as ResolverResult<PanelView>;
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.error.message, /license for this site is not active/);
    const admin = await m.acme.adminResult('admin/connections/list');
    assert.equal(admin.ok ? '' : admin.error.code, 'forbidden');
    const found = await m.globex.rest<{ issues: unknown[] }>('POST', '/rest/api/3/search/jql', { jql: 'summary ~ "Not while unlicensed"', fields: ['summary'] });
    assert.equal(found.issues.length, 0, 'nothing reached the partner');

    m.acme.site.installation.setLicensing({ environmentType: 'PRODUCTION', license: { active: true, type: 'commercial' } });
    const { mirror } = await m.createMirrored(m.acme, { summary: 'Licensed again' });
    assert.ok(mirror.key.startsWith('GLX-'));
  });

  test('switch on: development installations (no license in Forge) are not checked', async () => {
    process.env.LIAISON_LICENSING = 'on';
    m = await startMirror();
    const { mirror } = await m.createMirrored(m.acme, { summary: 'In development' });
    assert.ok(mirror.key.startsWith('GLX-'));
  });
});
