// JQL on issue entity properties (`issue.property[key].path`) and app-declared search aliases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeed, JiraSite } from '../../../sandbox/jira';
import { fixture, type Fixture } from './site-fixture';

describe('JQL on issue entity properties', () => {
  let f: Fixture;
  const keys = async (jql: string): Promise<string[]> => {
    const res = await f.call('POST', '/rest/api/3/search/jql', { jql: `${jql} ORDER BY key`, fields: ['id'], maxResults: 50 });
    assert.equal(res.status, 200, res.text);
    return (res.json.issues as { key: string }[]).map((i) => i.key);
  };

  before(async () => {
    f = fixture();
    await f.call('PUT', '/rest/api/3/issue/ACME-1/properties/liaisonPair', { pairId: 'p-1', meta: { side: 'a', rank: 3 }, tags: ['x', 'y'] });
    await f.call('PUT', '/rest/api/3/issue/ACME-2/properties/liaisonPair', { pairId: 'p-2', meta: { side: 'b' }, tags: [] });
    await f.call('PUT', '/rest/api/3/issue/ACME-3/properties/other', { pairId: 'p-1' });
  });
  after(() => f.site.close());

  test('the adapter\'s lookup finds the one issue tagged with a pair', async () => {
    const res = await f.call('POST', '/rest/api/3/search/jql', { jql: 'issue.property[liaisonPair].pairId = "p-1"', maxResults: 2, fields: ['id'] });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.issues.map((i: { id: string; key: string }) => i.key), ['ACME-1']);
    assert.deepEqual(await keys('issue.property[liaisonPair].pairId = "p-missing"'), []);
  });

  test('=, !=, in, not in over nested paths, numbers and arrays', async () => {
    assert.deepEqual(await keys('issue.property[liaisonPair].meta.side = b'), ['ACME-2']);
    assert.deepEqual(await keys('issue.property[liaisonPair].meta.rank = 3'), ['ACME-1']);
    assert.deepEqual(await keys('issue.property[liaisonPair].tags = y'), ['ACME-1']);
    assert.deepEqual(await keys('issue.property[liaisonPair].pairId in ("p-1", "p-2")'), ['ACME-1', 'ACME-2']);
    // Negative operators never match an issue without the value, as for every Jira field.
    assert.deepEqual(await keys('issue.property[liaisonPair].pairId != "p-1"'), ['ACME-2']);
    assert.deepEqual(await keys('issue.property[liaisonPair].pairId not in ("p-2")'), ['ACME-1']);
    assert.deepEqual(await keys('project = ACME AND issue.property[other].pairId = "p-1"'), ['ACME-3']);
  });

  test('is EMPTY / is not EMPTY: a missing property, path or object value is empty', async () => {
    assert.deepEqual(await keys('issue.property[liaisonPair].pairId is not EMPTY'), ['ACME-1', 'ACME-2']);
    assert.deepEqual(await keys('project = ACME AND issue.property[liaisonPair].pairId is EMPTY'), ['ACME-3', 'ACME-4']);
    assert.deepEqual(await keys('issue.property[liaisonPair].meta.rank is EMPTY AND issue.property[liaisonPair].pairId is not EMPTY'), ['ACME-2']);
    assert.deepEqual(await keys('issue.property[liaisonPair].meta is not EMPTY'), []);
  });

  test('a property clause can order results and be combined with NOT', async () => {
    const res = await f.call('POST', '/rest/api/3/search/jql', { jql: 'issue.property[liaisonPair].pairId is not EMPTY ORDER BY issue.property[liaisonPair].pairId DESC', fields: ['id'] });
    assert.deepEqual(res.json.issues.map((i: { key: string }) => i.key), ['ACME-2', 'ACME-1']);
    assert.deepEqual(await keys('project = ACME AND NOT issue.property[liaisonPair].pairId = "p-1"'), ['ACME-2', 'ACME-3', 'ACME-4']);
  });

  test('operators a property does not support are refused the way Jira refuses them', async () => {
    const res = await f.call('POST', '/rest/api/3/search/jql', { jql: 'issue.property[liaisonPair].pairId > "p"' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json.errorMessages, ["The operator '>' is not supported by the 'issue.property[liaisonPair].pairId' field."]);
  });

  test('a registered search alias queries the property path, case-insensitively by name', async () => {
    const res = await f.call('POST', '/rest/api/3/search/jql', { jql: 'liaisonPairId = "p-2"' });
    assert.equal(res.status, 400, 'an alias nobody declared is an unknown field');
    assert.deepEqual(res.json.errorMessages, ["Field 'liaisonPairId' does not exist or you do not have permission to view it."]);
    f.site.registerPropertyAlias('liaisonPairId', 'liaisonPair', 'pairId');
    assert.deepEqual(await keys('LIAISONPAIRID = "p-2"'), ['ACME-2']);
    assert.deepEqual(await keys('liaisonPairId in ("p-1", "p-2")'), ['ACME-1', 'ACME-2']);
    assert.throws(() => f.site.registerPropertyAlias('bad alias', 'liaisonPair', 'pairId'), /not a valid search alias/);
    assert.throws(() => f.site.registerPropertyAlias('ok', 'liaisonPair', 'a..b'), /not a dotted path/);
  });
});

test('search aliases survive a restart of the site', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jira-alias-'));
  try {
    const first = new JiraSite({ name: 'acme', dataDir: dir });
    first.registerPropertyAlias('pairRef', 'liaisonPair', 'pairId');
    await first.close();
    const second = new JiraSite({ name: 'acme', dataDir: dir });
    const admin = defaultSeed('acme').users[0]!.accountId;
    await second.request({ method: 'PUT', path: '/rest/api/3/issue/ACME-2/properties/liaisonPair', headers: { 'content-type': 'application/json' }, body: '{"pairId":"p-9"}', actor: { accountId: admin } });
    const res = await second.request({ method: 'POST', path: '/rest/api/3/search/jql', headers: { 'content-type': 'application/json' }, body: '{"jql":"pairRef = p-9"}', actor: { accountId: admin } });
    assert.equal(res.status, 200, res.body);
    assert.deepEqual((JSON.parse(res.body) as { issues: { key: string }[] }).issues.map((i) => i.key), ['ACME-2']);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
