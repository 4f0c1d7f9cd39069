// Rules as code in Chromium, on the real app and two sandbox Jira sites (acme ↔ globex): acme's
// admin pastes a rules document into Import, sees the problem of a broken one by its path with
// Apply held back, then checks a good one, sees the change beside the rule in force
// ("Scope › JQL: set to …"), applies it on confirm, and the rule in force carries it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asAdmin, connectDemo } from '../../sandbox/demo/liaison-demo';
import type { RuleView } from '../../src/shared/resolver-contract';
import { assertAccessible, screenshot } from './support/browser';
import { openRules } from './support/rule-editor-page';
import { sandboxPages } from './support/sandbox-pages';

type Doc = { rules: Array<{ projectKey: string; rule: { scope: Record<string, unknown>; fields: Record<string, unknown> } }> };

let connectionId = '';
const sandbox = sandboxPages({ sites: [{ name: 'acme' }, { name: 'globex' }] }, async (world) => {
  ({ connectionId } = await connectDemo(world));
});

const acmeRule = async () => (await asAdmin<RuleView>(sandbox.world, 'acme', 'admin/rules/get', { connectionId, projectKey: 'ACME' })).current!;

describe('rules as code in the browser', () => {
  test('import shows problems by path, then the change, and applies on confirm', async () => {
    const doc = await asAdmin<Doc>(sandbox.world, 'acme', 'admin/rules/export', { connectionId });
    const before = await acmeRule();
    const { page, ui } = await openRules(sandbox);

    const broken = structuredClone(doc);
    broken.rules[0]!.rule.fields['custom:99999'] = { direction: 'out' };
    await ui.getByLabel('Import rules: paste a rules document').fill(JSON.stringify(broken));
    await ui.getByRole('button', { name: 'Check import' }).click();
    await ui.getByRole('list', { name: 'Import problems' }).getByText('rules[0].rule.fields["custom:99999"]: no such field on ACME').waitFor();
    assert.ok(await ui.getByRole('button', { name: /^Apply/ }).isDisabled(), 'nothing can be applied while a problem remains');

    doc.rules[0]!.rule.scope = { ...doc.rules[0]!.rule.scope, jql: 'priority in (High, Highest)' };
    await ui.getByLabel('Import rules: paste a rules document').fill(JSON.stringify(doc));
    await ui.getByRole('button', { name: 'Check import' }).click();
    const changes = ui.getByRole('list', { name: 'Changes to ACME' });
    await changes.getByText('Scope › JQL: set to "priority in (High, Highest)"').waitFor();
    assert.equal(await changes.getByRole('listitem').count(), 1, 'one setting changes');
    await ui.getByText(`ACME: changes version ${before.version}:`).waitFor();
    await assertAccessible(page, 'rules import preview');
    await screenshot(page, 'rules-as-code-preview');

    await ui.getByRole('button', { name: 'Apply 1 rule' }).click();
    await ui.getByRole('dialog').getByRole('button', { name: 'Apply', exact: true }).click();
    await ui.getByRole('status').filter({ hasText: `Imported: ACME version ${before.version + 1}.` }).waitFor();
    const after = await acmeRule();
    assert.equal(after.version, before.version + 1);
    assert.equal((after.rule as { scope: { jql?: string } }).scope.jql, 'priority in (High, Highest)');
    await ui.getByText(`Version ${before.version + 1} is in force.`).waitFor();
    await page.close();
    assert.deepEqual(sandbox.problems(), [], 'no console errors or failed requests');
  });
});
