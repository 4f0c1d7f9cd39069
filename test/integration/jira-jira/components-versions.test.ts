// Components, fix versions and affects versions between two Jira sites: mapped by name through the
// receiving rule's value maps, a value the receiving project lacks reported one by one while the
// rest applies, and created there only when the receiving rule allows it for the field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteSeed } from '../../../sandbox/jira';
import type { demoRule } from '../../../sandbox/demo/liaison-demo';
import type { SyncErrorView } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

const parts = (names: string[], first: number) => names.map((name, i) => ({ id: String(first + i), name }));

/** Each company names its components and versions its own way. */
function withParts(components: string[], versions: string[]) {
  return (seed: SiteSeed): SiteSeed => ({
    ...seed,
    projects: seed.projects.map((p, i) => (i === 0 ? { ...p, components: parts(components, 20_000), versions: parts(versions, 30_000) } : p)),
  });
}

const PART_FIELDS = ['components', 'fixVersions', 'versions'] as const;
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map((x: { name: string }) => x.name).sort() : []);

/** GLX's rule: the three fields come in, under GLX's names for ACME's values (and whatever else `incoming` adds). */
function glxTakesParts(incoming: Record<string, unknown> = {}) {
  return (r: ReturnType<typeof demoRule>) => {
    for (const f of PART_FIELDS) r.fields[f] = { direction: 'in' };
    return {
      ...r,
      incoming: {
        ...r.incoming,
        valueMaps: { components: { Backend: 'Server', Frontend: 'Web' }, fixVersions: { '2.0': 'R2' }, versions: { '2.0': 'R2' } },
        ...incoming,
      },
    };
  };
}

describe('components and versions between two Jira sites', () => {
  let m: Mirror;

  before(async () => {
    m = await startMirror({
      seeds: {
        acme: withParts(['Backend', 'Frontend', 'Mobile', 'Docs'], ['1.0', '2.0']),
        globex: withParts(['Server', 'Web'], ['1.0', 'R2']),
      },
    });
    await m.saveRule(m.acme, (r) => {
      for (const f of PART_FIELDS) r.fields[f] = { direction: 'out' };
    });
    await m.saveRule(m.globex, glxTakesParts());
  });
  after(() => m.close());

  test('set on ACME, they show on GLX under the names the value maps give', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Checkout fails on 3DS cards' });
    await m.acme.edit(source.key, { components: [{ name: 'Backend' }, { name: 'Frontend' }], fixVersions: [{ name: '2.0' }], versions: [{ name: '1.0' }] });
    await m.settle();

    const there = (await m.globex.issue(mirror.key, 'components,fixVersions,versions')).fields;
    assert.deepEqual(names(there.components), ['Server', 'Web']);
    assert.deepEqual(names(there.fixVersions), ['R2']);
    assert.deepEqual(names(there.versions), ['1.0'], 'a name both projects have needs no map');
    assert.deepEqual(await m.globex.admin('admin/errors/list', { connectionId: m.connectionId }), []);

    await m.acme.edit(source.key, { components: [], fixVersions: [] });
    await m.settle();
    const cleared = (await m.globex.issue(mirror.key, 'components,fixVersions,versions')).fields;
    assert.deepEqual([names(cleared.components), names(cleared.fixVersions), names(cleared.versions)], [[], [], ['1.0']]);
  });

  test('a component GLX lacks is reported once per value, and the known one still applies', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Release notes missing' });
    await m.acme.edit(source.key, { components: [{ name: 'Backend' }, { name: 'Mobile' }, { name: 'Docs' }] });
    await m.settle();

    assert.deepEqual(names((await m.globex.issue(mirror.key, 'components')).fields.components), ['Server']);
    const errors = await m.globex.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    const mine = errors.filter((e) => e.field === 'components' && e.issue?.localKey === mirror.key);
    assert.deepEqual(mine.map((e) => e.value).sort(), ['"Docs"', '"Mobile"']);
    for (const e of mine) assert.match(e.reason, /not among the components of/);
    const components = await m.globex.rest<Array<{ name: string }>>('GET', `/rest/api/3/project/${m.globex.project}/components`);
    assert.deepEqual(components.map((c) => c.name).sort(), ['Server', 'Web'], 'nothing is created without the rule saying so');
  });

  test('with create-missing allowed for components, GLX creates the component and sets it', async () => {
    await m.saveRule(m.globex, glxTakesParts({ createMissing: { components: true } }), 'create missing components');
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'App store screenshots' });
    await m.acme.edit(source.key, { components: [{ name: 'Mobile' }, { name: 'Backend' }], fixVersions: [{ name: '1.0' }] });
    await m.settle();

    const components = await m.globex.rest<Array<{ name: string }>>('GET', `/rest/api/3/project/${m.globex.project}/components`);
    assert.deepEqual(components.map((c) => c.name).sort(), ['Mobile', 'Server', 'Web']);
    const there = (await m.globex.issue(mirror.key, 'components,fixVersions')).fields;
    assert.deepEqual(names(there.components), ['Mobile', 'Server']);
    assert.deepEqual(names(there.fixVersions), ['1.0']);
    const errors = await m.globex.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.ok(!errors.some((e) => e.field === 'components' && e.value === '"Mobile"' && e.issue?.localKey === mirror.key), 'no error for the created one');
  });
});
