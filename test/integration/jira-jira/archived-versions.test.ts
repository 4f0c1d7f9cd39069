// A version archived on the receiving site: the mirrored issue keeps it when the partner changes the
// field again (it is neither reported as unknown nor dropped by a whole-list write), and the change
// itself applies. Components and versions reach an existing issue as single adds and removes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteSeed } from '../../../sandbox/jira';
import type { SyncErrorView } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

const withParts = (first: number) => (seed: SiteSeed): SiteSeed => ({
  ...seed,
  projects: seed.projects.map((p, i) => (i === 0 ? {
    ...p,
    components: ['Portal', 'Billing'].map((name, k) => ({ id: String(first + k), name })),
    versions: ['1.0', '2.0'].map((name, k) => ({ id: String(first + 100 + k), name })),
  } : p)),
});
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map((x: { name: string }) => x.name).sort() : []);

describe('archived versions on the receiving side', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror({ seeds: { acme: withParts(20_000), globex: withParts(30_000) } });
    await m.saveRule(m.acme, (r) => {
      r.fields.components = { direction: 'out' };
      r.fields.fixVersions = { direction: 'out' };
    });
    await m.saveRule(m.globex, (r) => {
      r.fields.components = { direction: 'in' };
      r.fields.fixVersions = { direction: 'in' };
    });
  });
  after(() => m.close());

  test('given GLX archived 1.0 on a mirrored issue, when ACME adds 2.0, then GLX shows both and reports nothing', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Invoice totals off by a cent' });
    await m.acme.edit(source.key, { fixVersions: [{ name: '1.0' }], components: [{ name: 'Billing' }] });
    await m.settle();
    assert.deepEqual(names((await m.globex.issue(mirror.key, 'fixVersions')).fields.fixVersions), ['1.0']);

    const versions = await m.globex.rest<Array<{ id: string; name: string }>>('GET', `/rest/api/3/project/${m.globex.project}/versions`);
    await m.globex.rest('PUT', `/rest/api/3/version/${versions.find((v) => v.name === '1.0')!.id}`, { archived: true, released: true });
    // Past the metadata cache: GLX's app now sees 1.0 missing from the offered versions.
    await m.advance(11 * 60_000);

    await m.acme.edit(source.key, { fixVersions: [{ name: '1.0' }, { name: '2.0' }], components: [{ name: 'Billing' }, { name: 'Portal' }] });
    await m.settle();
    const there = (await m.globex.issue(mirror.key, 'fixVersions,components')).fields;
    assert.deepEqual(names(there.fixVersions), ['1.0', '2.0'], 'the archived version stays, the new one arrives');
    assert.deepEqual(names(there.components), ['Billing', 'Portal']);
    const errors = await m.globex.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.deepEqual(errors.filter((e) => e.issue?.localKey === mirror.key), []);

    // ACME drops 1.0: GLX lets go of it too (removing an archived version is allowed).
    await m.acme.edit(source.key, { fixVersions: [{ name: '2.0' }] });
    await m.settle();
    assert.deepEqual(names((await m.globex.issue(mirror.key, 'fixVersions')).fields.fixVersions), ['2.0']);
  });

  test('a version archived here is reported, not set, on an issue that never had it', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Old release regression' });
    await m.acme.edit(source.key, { fixVersions: [{ name: '1.0' }] });
    await m.settle();
    assert.deepEqual(names((await m.globex.issue(mirror.key, 'fixVersions')).fields.fixVersions), []);
    const errors = await m.globex.admin<SyncErrorView[]>('admin/errors/list', { connectionId: m.connectionId });
    const mine = errors.filter((e) => e.issue?.localKey === mirror.key && e.field === 'fixVersions');
    assert.equal(mine.length, 1, JSON.stringify(errors));
    assert.match(mine[0]!.value, /1\.0/);
  });
});
