// The rule editor's partner column for components and versions: a Jira partner shares the names of
// its shared project's components and versions in its profile (the ones its create screen offers:
// an archived version is not), so the admin picks them instead of typing them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteSeed } from '../../../sandbox/jira';
import type { ConnectionView, RuleView } from '../../../src/shared/resolver-contract';
import { startMirror } from '../jira-jira/support';
import { PROFILE_CHECK_EVERY_MS } from '../../../src/app/partner-health';


const globexParts = (seed: SiteSeed): SiteSeed => ({
  ...seed,
  projects: seed.projects.map((p, i) => (i === 0 ? {
    ...p,
    components: [{ id: '30001', name: 'Web shop' }, { id: '30002', name: 'Payments' }],
    versions: [{ id: '30101', name: 'R1', released: true }, { id: '30102', name: 'R2' }, { id: '30103', name: 'R0', archived: true }],
  } : p)),
});

describe("the partner's components and versions in the rule editor", () => {
  test("acme's editor offers globex's component and version names; a component globex adds arrives with its next profile", async () => {
    const m = await startMirror({ seeds: { globex: globexParts } });
    try {
      await m.globex.admin('admin/connections/refresh-profile', { connectionId: m.connectionId });
      await m.settle();
      let view = await m.acme.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.acme.project });
      assert.deepEqual(view.choices?.partner?.components, ['Web shop', 'Payments']);
      assert.deepEqual(view.choices?.partner?.versions, ['R1', 'R2'], 'the archived R0 is not offered');

      await m.globex.rest('POST', '/rest/api/3/component', { name: 'Mobile', project: m.globex.project });
      // Nobody announced it: a health ping checks GLX's profile for such changes every few hours
      // (PROFILE_CHECK_EVERY_MS) and then tells acme.
      await m.advance(PROFILE_CHECK_EVERY_MS + 40 * 60_000);
      await m.settle();
      view = await m.acme.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.acme.project });
      assert.deepEqual(view.choices?.partner?.components, ['Web shop', 'Payments', 'Mobile']);
      const onAcme = (await m.acme.admin<ConnectionView[]>('admin/connections/list'))[0]!;
      assert.deepEqual(onAcme.partner.catalog.components, ['Web shop', 'Payments', 'Mobile']);
    } finally {
      await m.close();
    }
  });
});
