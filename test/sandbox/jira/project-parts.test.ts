// Components and versions on the emulated Jira: JQL `component`, `fixVersion` and `affectedVersion`
// clauses, the `update` verbs add/remove/set on PUT /rest/api/3/issue, and released and archived
// versions (an archived version is not offered and cannot be put on an issue; one already there stays).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../../sandbox/jira/index';
import { fixture, type Fixture, type Json } from './site-fixture';

function seeded(): Fixture {
  const seed = defaultSeed('acme');
  const parts = {
    components: [{ id: '10101', name: 'Portal' }, { id: '10102', name: 'Billing' }],
    versions: [{ id: '10201', name: '1.0', released: true }, { id: '10202', name: '2.0' }, { id: '10203', name: '0.9', released: true, archived: true }],
  };
  return fixture({ seed: { ...seed, projects: seed.projects.map((p) => ({ ...p, ...parts })) } });
}

const names = (list: Json): string[] => (list as { name: string }[]).map((x) => x.name);

describe('Jira emulator: components and versions', () => {
  let f: Fixture;
  const create = async (fields: Record<string, unknown>) => {
    const res = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Parts', labels: ['parts'], ...fields } });
    assert.equal(res.status, 201, res.text);
    return res.json.key as string;
  };
  const fieldsOf = async (key: string) => (await f.call('GET', `/rest/api/3/issue/${key}?fields=components,fixVersions,versions`)).json.fields;
  const search = async (jql: string) => {
    const res = await f.call('POST', '/rest/api/3/search/jql', { jql: `project = ACME AND labels = parts AND (${jql}) ORDER BY key`, fields: ['summary'] });
    return { status: res.status, keys: res.status === 200 ? (res.json.issues as { key: string }[]).map((i) => i.key) : [], errors: res.json?.errorMessages as string[] | undefined };
  };
  before(() => {
    f = seeded();
  });

  test('update verbs add and remove one value, set replaces the list, and fields/update may not name one field twice', async () => {
    const key = await create({ components: [{ name: 'Portal' }] });
    let res = await f.call('PUT', `/rest/api/3/issue/${key}`, { update: { components: [{ add: { name: 'Billing' } }, { add: { name: 'Portal' } }], fixVersions: [{ add: { id: '10202' } }] } });
    assert.equal(res.status, 204, res.text);
    let fields = await fieldsOf(key);
    assert.deepEqual(names(fields.components), ['Portal', 'Billing'], 'adding a value the issue has changes nothing');
    assert.deepEqual(names(fields.fixVersions), ['2.0']);
    res = await f.call('PUT', `/rest/api/3/issue/${key}`, { update: { components: [{ remove: { name: 'Portal' } }], versions: [{ set: [{ name: '1.0' }] }] } });
    assert.equal(res.status, 204, res.text);
    fields = await fieldsOf(key);
    assert.deepEqual(names(fields.components), ['Billing']);
    assert.deepEqual(names(fields.versions), ['1.0']);
    res = await f.call('PUT', `/rest/api/3/issue/${key}`, { update: { components: [{ add: { name: 'Mobile' } }] } });
    assert.equal(res.status, 400);
    assert.equal(res.json.errors.components, "Component name 'Mobile' is not valid");
    res = await f.call('PUT', `/rest/api/3/issue/${key}`, { fields: { components: [] }, update: { components: [{ add: { name: 'Portal' } }] } });
    assert.equal(res.status, 400);
    // The changelog records one item per value added or removed, as for a `fields` write.
    const changelog = (await f.call('GET', `/rest/api/3/issue/${key}/changelog`)).json;
    const items = (changelog.values as { items: { fieldId: string; fromString: string | null; toString: string | null }[] }[]).flatMap((h) => h.items).filter((i) => i.fieldId === 'components');
    assert.ok(items.some((i) => i.toString === 'Billing') && items.some((i) => i.fromString === 'Portal'), JSON.stringify(items));
  });

  test('an archived version is not offered and cannot be set or added; an issue that has one keeps it, and may drop it', async () => {
    const types = (await f.call('GET', '/rest/api/3/issue/createmeta/ACME/issuetypes')).json;
    const task = (types.issueTypes as { id: string; name: string }[]).find((t) => t.name === 'Task')!;
    const meta = (await f.call('GET', `/rest/api/3/issue/createmeta/ACME/issuetypes/${task.id}`)).json;
    const fixMeta = (meta.fields as { fieldId: string; allowedValues: Json }[]).find((x) => x.fieldId === 'fixVersions')!;
    assert.deepEqual(names(fixMeta.allowedValues), ['1.0', '2.0'], 'createmeta leaves the archived 0.9 out');
    const refused = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Old', fixVersions: [{ name: '0.9' }] } });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.errors.fixVersions, "Version name '0.9' is not valid");
    // Archive a version an issue already has: the issue keeps it through later writes.
    const key = await create({ fixVersions: [{ name: '1.0' }] });
    const archived = await f.call('PUT', '/rest/api/3/version/10201', { archived: true });
    assert.equal(archived.status, 200, archived.text);
    assert.equal(archived.json.archived, true);
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${key}`, { fields: { fixVersions: [{ name: '1.0' }, { name: '2.0' }] } })).status, 204);
    assert.deepEqual(names((await fieldsOf(key)).fixVersions), ['1.0', '2.0']);
    const add = await f.call('PUT', `/rest/api/3/issue/${key}`, { update: { versions: [{ add: { name: '1.0' } }] } });
    assert.equal(add.status, 400, 'not on this field yet: refused');
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${key}`, { update: { fixVersions: [{ remove: { name: '1.0' } }] } })).status, 204);
    assert.deepEqual(names((await fieldsOf(key)).fixVersions), ['2.0']);
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${key}`, { update: { fixVersions: [{ add: { name: '1.0' } }] } })).status, 400, 'once dropped, it cannot come back');
    // Unarchived, it can be picked again; only a project admin may archive.
    assert.equal((await f.call('PUT', '/rest/api/3/version/10201', { archived: false })).status, 200);
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${key}`, { update: { fixVersions: [{ add: { name: '1.0' } }] } })).status, 204);
    assert.equal((await f.call('PUT', '/rest/api/3/version/10201', { archived: true }, f.agent)).status, 403);
    assert.equal((await f.call('PUT', '/rest/api/3/version/10201', { archived: 'yes' })).status, 400);
    assert.equal((await f.call('PUT', '/rest/api/3/version/99999', { archived: true })).status, 404);
  });

  test('JQL component, fixVersion and affectedVersion clauses, by name or id, with negations and EMPTY', async () => {
    const g = seeded();
    const was = f;
    f = g;
    try {
      const a = await create({ components: [{ name: 'Portal' }], fixVersions: [{ name: '2.0' }] });
      const b = await create({ components: [{ name: 'Billing' }], versions: [{ name: '1.0' }] });
      const c = await create({});
      assert.deepEqual((await search('component = Portal')).keys, [a]);
      assert.deepEqual((await search('component = portal')).keys, [a], 'names match whatever their case');
      assert.deepEqual((await search('component in (Portal, 10102)')).keys, [a, b]);
      assert.deepEqual((await search('component != Portal')).keys, [b], 'an issue without components never matches !=');
      assert.deepEqual((await search('component is EMPTY')).keys, [c]);
      assert.deepEqual((await search('fixVersion = "2.0"')).keys, [a]);
      assert.deepEqual((await search('affectedVersion = "1.0" AND fixVersion is EMPTY')).keys, [b]);
      assert.deepEqual((await search('fixVersion = "0.9"')).keys, [], 'an archived version is still a value JQL knows');
      const unknown = await search('component = Nope');
      assert.equal(unknown.status, 400);
      assert.deepEqual(unknown.errors, ["The value 'Nope' does not exist for the field 'component'."]);
      assert.equal((await search('component = "1.0"')).status, 400, 'a version name is not a component');
      assert.equal((await search('fixVersion ~ "2"')).status, 400);
    } finally {
      f = was;
    }
  });
});
