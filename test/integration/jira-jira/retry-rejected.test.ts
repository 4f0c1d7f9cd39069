// A value the partner rejected can be sent again from the panel once the partner has fixed its
// side: here globex has no "Highest" priority, its admin then maps Highest → High, and the agent
// on acme presses Retry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteSeed } from '../../../sandbox/jira';
import type { PanelView } from '../../../src/shared/resolver-contract';
import { ok, startMirror, type Mirror } from './support';

const withoutHighest = (seed: SiteSeed): SiteSeed => ({ ...seed, priorities: seed.priorities.filter((p) => p.name !== 'Highest') });

describe('Jira ↔ Jira: retrying a rejected value', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror({ seeds: { globex: withoutHighest } });
  });
  after(() => m.close());

  test('the panel offers Retry on a rejected value, and Retry sends it again under the partner’s new rule', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Customer escalation', priority: { name: 'Medium' } });
    await m.acme.edit(source.key, { priority: { name: 'Highest' } });
    await m.settle();
    const priorityOf = async () => ((await m.globex.issue(mirror.key, 'priority')).fields.priority as { name: string }).name;
    assert.equal(await priorityOf(), 'Medium', 'globex refused the value it does not have');

    const failed = await m.acme.panelView(source);
    const error = failed.links[0]!.errors.find((e) => e.field === 'partner:priority');
    assert.ok(error, JSON.stringify(failed.links[0]?.errors));
    assert.equal(error.retryable, true);

    // Retrying before globex changes anything is refused again, and stays visible.
    ok(await m.acme.panel('panel/retry', source, { connectionId: m.connectionId, errorId: error.id }));
    await m.settle();
    assert.equal(await priorityOf(), 'Medium');
    const again = (await m.acme.panelView(source)).links[0]!.errors.find((e) => e.field === 'partner:priority');
    assert.ok(again, 'the second refusal is reported too');

    await m.saveRule(m.globex, (r) => {
      (r.incoming as Record<string, unknown>).valueMaps = { priority: { Highest: 'High' } };
    }, 'map Highest to High');
    ok(await m.acme.panel('panel/retry', source, { connectionId: m.connectionId, errorId: again.id }));
    await m.settle();
    assert.equal(await priorityOf(), 'High');
    const settled: PanelView = await m.acme.panelView(source);
    assert.equal(settled.links[0]!.state, 'in-sync');
    assert.deepEqual(settled.links[0]!.errors, []);
  });
});
