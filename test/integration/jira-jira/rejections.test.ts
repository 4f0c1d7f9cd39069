// A value the partner cannot take becomes an error naming field, value and reason while the rest of
// the change applies; a delivery the partner refused is archived with a working retry button.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteSeed } from '../../../sandbox/jira';
import type { PanelView, SyncErrorView } from '../../../src/shared/resolver-contract';
import { ok, startMirror, type Mirror } from './support';

/** Globex's Severity field has no "Sev 1". */
function withoutSev1(seed: SiteSeed): SiteSeed {
  return { ...seed, customFields: seed.customFields.map((f) => (f.options ? { ...f, options: f.options.filter((o) => o.value !== 'Sev 1') } : f)) };
}

describe('Jira ↔ Jira: rejected values, errors and retry', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror({ seeds: { globex: withoutSev1 } });
  });
  after(() => m.close());

  test('an option globex lacks is an error naming field, value and reason; the rest of the edit applies', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Severity: before', customfield_10022: { value: 'Sev 2' } });
    await m.acme.edit(source.key, { summary: 'Severity: raised', customfield_10022: { value: 'Sev 1' }, labels: ['escalated'] });
    await m.settle();

    const copy = (await m.globex.issue(mirror.key, 'summary,labels,customfield_10022')).fields;
    assert.equal(copy.summary, 'Severity: raised', 'the other fields of the same edit applied');
    assert.deepEqual(copy.labels, ['escalated']);
    assert.equal((copy.customfield_10022 as { value: string }).value, 'Sev 2', 'the refused value left the field as it was');

    const [here] = await m.globex.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.ok(here, 'globex records the refusal');
    assert.equal(here.field, 'custom:10022');
    assert.equal(here.fieldName, 'Severity', "the admin list names the field as globex's Jira does");
    assert.match(here.value, /Sev 1/);
    assert.ok(here.reason.length > 0);
    const sender = await m.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.deepEqual(sender.map((e) => [e.field, /Sev 1/.test(e.value)]), [['partner:custom:10022', true]], 'acme learns it from the ack');
    assert.equal(sender[0]!.fieldName, undefined, "the partner's field ids mean nothing here");
    const panel = await m.acme.panelView(source);
    assert.equal(panel.links[0]?.state, 'failed');
    assert.equal(panel.links[0]?.errors.length, 1);

    // Dismissing clears it from the list (and the panel).
    await m.acme.admin('admin/errors/dismiss', { connectionId: m.connectionId, errorId: sender[0]!.id });
    assert.equal((await m.acme.panelView(source)).links[0]?.state, 'in-sync');
  });

  test("an agent dismisses the issue's own error from the panel; another issue's error is not theirs to dismiss", async () => {
    const { source } = await m.createMirrored(m.acme, { summary: 'Panel dismiss', customfield_10022: { value: 'Sev 2' } });
    const other = (await m.createMirrored(m.acme, { summary: 'Panel dismiss: other issue' })).source;
    await m.acme.edit(source.key, { customfield_10022: { value: 'Sev 1' } });
    await m.settle();
    const [error] = (await m.acme.panelView(source)).links[0]!.errors;
    assert.ok(error, 'the refusal shows on the panel');

    const elsewhere = await m.acme.panel('panel/dismiss', other, { connectionId: m.connectionId, errorId: error.id });
    assert.equal(elsewhere.ok ? null : elsewhere.error.code, 'not-found');
    assert.equal((await m.acme.panelView(source)).links[0]?.errors.length, 1, 'still there');

    ok(await m.acme.panel('panel/dismiss', source, { connectionId: m.connectionId, errorId: error.id }));
    assert.equal((await m.acme.panelView(source)).links[0]?.state, 'in-sync');
    const listed = await m.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.ok(!listed.some((e) => e.id === error.id), "gone from the admin's list too");
  });

  test('a create globex refuses is archived on acme, and the retry buttons send it again once globex accepts', async () => {
    await m.saveRule(m.globex, (r) => {
      (r.incoming as Record<string, unknown>).create = null;
    }, 'no partner creates for now');
    const first = await m.acme.createIssue({ summary: 'Refused: first' });
    const second = await m.acme.createIssue({ summary: 'Refused: second' });
    await m.settle();
    assert.deepEqual(await m.globex.findBySummary('Refused:'), []);
    const errors = await m.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.equal(errors.length, 2);
    for (const e of errors) {
      assert.equal(e.retryable, true, 'a refused delivery can be retried');
      assert.match(e.reason, /422/);
    }
    const panel = await m.acme.panelView(first);
    assert.equal(panel.links[0]?.state, 'failed');
    const errorOf = (issue: { id: string }, view: PanelView) => view.links[0]!.errors.find(() => true)?.id ?? assert.fail(`no error on ${issue.id}`);

    await m.saveRule(m.globex, undefined, 'partner creates welcome');
    ok(await m.acme.panel('panel/retry', first, { connectionId: m.connectionId, errorId: errorOf(first, panel) }));
    await m.settle();
    assert.equal((await m.globex.findBySummary('Refused: first')).length, 1, 'the panel retry delivered it');

    const secondError = errorOf(second, await m.acme.panelView(second));
    await m.acme.admin('admin/errors/retry', { connectionId: m.connectionId, errorId: secondError });
    await m.settle();
    assert.equal((await m.globex.findBySummary('Refused: second')).length, 1, 'the admin retry delivered it');
    assert.deepEqual(await m.acme.admin('admin/errors/list', { connectionId: m.connectionId }), []);
    assert.equal((await m.acme.panelView(second)).links[0]?.state, 'in-sync');
  });
});
