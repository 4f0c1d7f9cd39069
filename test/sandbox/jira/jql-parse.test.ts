// POST /rest/api/3/jql/parse as the platform API documents it: each query answered on its own,
// Jira's syntax and validation messages, the structure when it reads, and the three validation modes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, type Fixture } from './site-fixture';

describe('JQL parse', () => {
  let f: Fixture;
  before(() => {
    f = fixture();
  });
  after(() => f.site.close());

  const parse = async (queries: unknown, validation = 'strict') => f.call('POST', `/rest/api/3/jql/parse?validation=${validation}`, { queries });

  test('answers each query: structure for a valid one, errors for the others', async () => {
    const res = await parse(['project = ACME AND (labels in (a, "b c") OR NOT priority is EMPTY) ORDER BY key DESC', 'colour = red', 'project = ']);
    assert.equal(res.status, 200);
    const [ok, unknown, broken] = res.json.queries;
    assert.equal(ok.errors, undefined);
    assert.equal(ok.structure.where.operator, 'and');
    assert.deepEqual(ok.structure.where.clauses[0], { field: { name: 'project', encodedName: 'project' }, operator: '=', operand: { value: 'ACME', encodedValue: 'ACME' } });
    assert.deepEqual(ok.structure.orderBy, { fields: [{ field: { name: 'key', encodedName: 'key' }, direction: 'desc' }] });
    assert.deepEqual(unknown, { query: 'colour = red', errors: ["Field 'colour' does not exist or you do not have permission to view it."] });
    assert.equal(broken.structure, undefined);
    assert.match(broken.errors[0], /^Error in the JQL Query: Expecting either a value, list or function but got 'EOF'\./);
  });

  test('warn keeps the structure of a well-formed query beside its errors; none does not validate', async () => {
    const warn = (await parse(['priority = Hgh'], 'warn')).json.queries[0];
    assert.deepEqual(warn.errors, ["The value 'Hgh' does not exist for the field 'priority'."]);
    assert.ok(warn.structure.where);
    const none = (await parse(['priority = Hgh'], 'none')).json.queries[0];
    assert.equal(none.errors, undefined);
    assert.ok(none.structure.where);
  });

  test('a request without queries, or an unknown validation mode, is a 400', async () => {
    assert.equal((await parse([])).status, 400);
    assert.equal((await parse([''])).status, 400);
    assert.equal((await parse(['project = ACME'], 'lenient')).status, 400);
  });
});
