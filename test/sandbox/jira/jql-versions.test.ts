// JQL on the emulated Jira: versions compared in the project's version order (`>`, `>=`, `<`, `<=`),
// the version functions (releasedVersions(), unreleasedVersions(), latestReleasedVersion(),
// earliestUnreleasedVersion()), and "Request Type" on a service desk; what Jira refuses is refused
// with its 400 error list, never matched silently.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../../sandbox/jira/index';
import { withServiceDesk } from '../../../sandbox/jira/jsm/demo-desk';
import { REQUEST_TYPE_FIELD } from '../../../sandbox/jira/jsm/model';
import { fixture, type Fixture } from './site-fixture';

// Listed in the project's version order. Alphabetically "1.10" < "1.9"; in this order it comes after.
const VERSIONS = [
  { id: '10300', name: '0.9', released: true },
  { id: '10301', name: '1.0', released: true },
  { id: '10302', name: '1.9', released: true },
  { id: '10303', name: '1.10' },
  { id: '10304', name: '2.0' },
];

describe('JQL: version order and version functions', () => {
  let f: Fixture;
  const key: Record<string, string> = {};
  const search = async (jql: string): Promise<{ status: number; keys: string[]; errors: string[] }> => {
    const res = await f.call('POST', '/rest/api/3/search/jql', { jql: `project = ACME AND labels = v AND (${jql}) ORDER BY key`, fields: ['summary'] });
    const found = res.status === 200 ? (res.json.issues as { key: string }[]).map((i) => Object.keys(key).find((n) => key[n] === i.key) ?? i.key) : [];
    return { status: res.status, keys: found, errors: res.json?.errorMessages ?? [] };
  };
  const keys = async (jql: string): Promise<string[]> => {
    const r = await search(jql);
    assert.equal(r.status, 200, `${jql}: ${r.errors.join(' ')}`);
    return r.keys;
  };
  const refused = async (jql: string): Promise<string> => {
    const r = await search(jql);
    assert.equal(r.status, 400, `${jql} should be refused, matched ${r.keys.join(', ')}`);
    return r.errors.join(' ');
  };

  before(async () => {
    const seed = defaultSeed('acme');
    f = fixture({ seed: { ...seed, projects: seed.projects.map((p) => ({ ...p, versions: VERSIONS })) } });
    // Given an issue per version (F on 0.9, archived after it was set) and one without a version.
    for (const [name, version] of [['F', '0.9'], ['A', '1.0'], ['B', '1.9'], ['C', '1.10'], ['D', '2.0'], ['E', null]] as const) {
      const res = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: name, labels: ['v'], ...(version ? { fixVersions: [{ name: version }] } : {}) } });
      assert.equal(res.status, 201, res.text);
      key[name] = res.json.key;
    }
    assert.equal((await f.call('PUT', '/rest/api/3/version/10300', { archived: true })).status, 200);
  });
  after(() => f.site.close());

  test('>, >=, <, <= follow the version order the project admin set, not the alphabet', async () => {
    assert.deepEqual(await keys('fixVersion > "1.9"'), ['C', 'D']);
    assert.deepEqual(await keys('fixVersion >= "1.9"'), ['B', 'C', 'D']);
    assert.deepEqual(await keys('fixVersion < "1.9"'), ['F', 'A']);
    assert.deepEqual(await keys('fixVersion <= 10301'), ['F', 'A'], 'by id as well');
    assert.deepEqual(await keys('fixVersion > "2.0"'), []);
  });

  test('releasedVersions() and unreleasedVersions() with IN / NOT IN, archived versions included', async () => {
    assert.deepEqual(await keys('fixVersion in releasedVersions()'), ['F', 'A', 'B']);
    assert.deepEqual(await keys('fixVersion in releasedVersions(ACME)'), ['F', 'A', 'B']);
    assert.deepEqual(await keys('fixVersion in unreleasedVersions("ACME")'), ['C', 'D']);
    assert.deepEqual(await keys('fixVersion not in unreleasedVersions(ACME)'), ['F', 'A', 'B'], 'an issue without a version does not match NOT IN');
  });

  test('latestReleasedVersion(project) and earliestUnreleasedVersion(project) with = / !=, by version order', async () => {
    assert.deepEqual(await keys('fixVersion = latestReleasedVersion(ACME)'), ['B']);
    assert.deepEqual(await keys('fixVersion = earliestUnreleasedVersion(ACME)'), ['C']);
    assert.deepEqual(await keys('fixVersion != earliestUnreleasedVersion(ACME)'), ['F', 'A', 'B', 'D']);
    // Releasing 1.10 moves both.
    assert.equal((await f.call('PUT', '/rest/api/3/version/10303', { released: true })).status, 200);
    assert.deepEqual(await keys('fixVersion = latestReleasedVersion(ACME)'), ['C']);
    assert.deepEqual(await keys('fixVersion = earliestUnreleasedVersion(ACME)'), ['D']);
    assert.equal((await f.call('PUT', '/rest/api/3/version/10303', { released: false })).status, 200);
  });

  test('what Jira refuses is refused with its error list, never matched', async () => {
    assert.match(await refused('fixVersion in latestReleasedVersion(ACME)'), /Operator 'in' does not support the non-list value 'latestReleasedVersion\(\)' for field 'fixVersion'/);
    assert.match(await refused('fixVersion = releasedVersions()'), /Operator '=' does not support the list value 'releasedVersions\(\)'/);
    assert.match(await refused('fixVersion > latestReleasedVersion(ACME)'), /Operator '>' does not support/);
    assert.match(await refused('fixVersion = latestReleasedVersion()'), /Function 'latestReleasedVersion' expected '1' arguments but received '0'/);
    assert.match(await refused('fixVersion in releasedVersions(NOPE)'), /Could not resolve the project 'NOPE' provided to function 'releasedVersions'/);
    assert.match(await refused('fixVersion > "7.7"'), /The value '7.7' does not exist for the field 'fixVersion'/);
    assert.match(await refused('fixVersion ~ "1"'), /The operator '~' is not supported by the 'fixVersion' field/);
    assert.match(await refused('fixVersion in pastVersions()'), /Unable to find JQL function 'pastVersions\(\)'/);
    assert.match(await refused('component > "Portal"'), /The operator '>' is not supported by the 'component' field/);
  });

  test('affectedVersion takes the same order and functions', async () => {
    const res = await f.call('PUT', `/rest/api/3/issue/${key.E}`, { update: { versions: [{ add: { name: '1.10' } }] } });
    assert.equal(res.status, 204, res.text);
    assert.deepEqual(await keys('affectedVersion > "1.9"'), ['E']);
    assert.deepEqual(await keys('affectedVersion in unreleasedVersions(ACME)'), ['E']);
    assert.deepEqual(await keys('affectedVersion = latestReleasedVersion(ACME)'), []);
  });
});

describe('JQL: "Request Type" on a service desk', () => {
  const f = fixture({ seed: withServiceDesk(defaultSeed('acme')) });
  const plain = fixture();
  after(() => {
    f.site.close();
    plain.site.close();
  });
  const search = async (site: Fixture, jql: string) => {
    const res = await site.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`project = ACME AND (${jql})`)}&fields=summary`);
    return { status: res.status, summaries: res.status === 200 ? (res.json.issues as { fields: { summary: string } }[]).map((i) => i.fields.summary).sort() : [], errors: (res.json?.errorMessages ?? []).join(' ') };
  };

  test('by name (either clause name, any case) or id; EMPTY; an unknown type or a site without service desks is refused', async () => {
    for (const [summary, type] of [['VPN down', '1'], ['Crash', '2'], ['No type', null]] as const) {
      const res = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary, ...(type ? { [REQUEST_TYPE_FIELD]: type } : {}) } });
      assert.equal(res.status, 201, res.text);
    }
    assert.deepEqual((await search(f, '"Request Type" = "Get IT help"')).summaries, ['VPN down']);
    assert.deepEqual((await search(f, '"Customer Request Type" in ("report a bug", "Get IT help")')).summaries, ['Crash', 'VPN down']);
    assert.deepEqual((await search(f, 'cf[10010] = 2')).summaries, ['Crash']);
    assert.deepEqual((await search(f, '"Request Type" != "Get IT help" AND summary ~ "a"')).summaries, ['Crash'], 'an issue without a type does not match !=');
    assert.ok((await search(f, '"Request Type" is EMPTY')).summaries.includes('No type'));
    const unknown = await search(f, '"Request Type" = "Order pizza"');
    assert.equal(unknown.status, 400);
    assert.match(unknown.errors, /The value 'Order pizza' does not exist for the field 'Request Type'/);
    const noDesk = await search(plain, '"Request Type" = "Get IT help"');
    assert.equal(noDesk.status, 400);
    assert.match(noDesk.errors, /Field 'Request Type' does not exist/);
  });
});
