// A project admin edits a delegated rule on the project settings page and picks people for it:
// the user search and the names answer there only while the Jira admins delegate that rule.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../../sandbox/jira';
import type { AccountView, ResolverResult } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from '../jira-jira/support';

const acmeUser = (name: string) => defaultSeed('acme').users.find((u) => u.displayName === name)!;

describe('account pickers on the project settings page', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  const asProjectPage = (key: string, payload: Record<string, unknown>, accountId = m.acme.site.admin.accountId) =>
    m.acme.site.installation.invokeResolver('project-settings', key, payload, {
      accountId,
      extensionContext: { type: 'jira:projectSettingsPage', project: { id: '10000', key: m.acme.project, type: 'software' } },
    }) as Promise<ResolverResult<AccountView[]>>;

  test('refused until the rule is delegated; then people are found by name and ids read as names', async () => {
    const before = await asProjectPage('project/users/search', { connectionId: m.connectionId, query: 'Agent' });
    assert.equal(before.ok, false);
    assert.equal((before as Extract<typeof before, { ok: false }>).error.code, 'forbidden');

    await m.acme.admin('admin/rules/delegate', { connectionId: m.connectionId, projectKey: m.acme.project, allowed: true });
    const found = await asProjectPage('project/users/search', { connectionId: m.connectionId, query: 'Agent' });
    assert.ok(found.ok, JSON.stringify(found));
    assert.deepEqual(found.data.map((u) => u.displayName).sort(), ['Acme Agent One', 'Acme Agent Two']);

    const two = acmeUser('Acme Agent Two').accountId;
    const names = await asProjectPage('project/users/names', { connectionId: m.connectionId, accountIds: [two] });
    assert.ok(names.ok, JSON.stringify(names));
    assert.deepEqual(names.data, [{ accountId: two, displayName: 'Acme Agent Two' }]);
  });

  test('an agent who is no project admin is refused, and an unbounded request is refused before any search', async () => {
    const agent = await asProjectPage('project/users/search', { connectionId: m.connectionId, query: 'Agent' }, acmeUser('Acme Agent One').accountId);
    assert.equal(agent.ok, false);
    assert.equal((agent as Extract<typeof agent, { ok: false }>).error.code, 'forbidden');
    const many = await asProjectPage('project/users/names', { connectionId: m.connectionId, accountIds: Array.from({ length: 51 }, (_v, i) => `id-${i}`) });
    assert.equal(many.ok, false);
    assert.equal((many as Extract<typeof many, { ok: false }>).error.code, 'invalid-payload');
  });
});
