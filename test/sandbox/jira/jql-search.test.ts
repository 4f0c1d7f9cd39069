// JQL parsing (including Jira's error messages for bad queries), evaluation, ORDER BY, and
// /rest/api/3/search/jql paging with nextPageToken.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJql } from '../../../sandbox/jira/jql/parser';
import { parseJqlDate } from '../../../sandbox/jira/jql/evaluate';
import { JiraError } from '../../../sandbox/jira/errors';
import { fixture, type Fixture } from './site-fixture';

const jqlError = (jql: string): string => {
  try {
    parseJql(jql);
  } catch (e) {
    assert.ok(e instanceof JiraError);
    assert.equal(e.status, 400);
    return e.errorMessages[0] ?? '';
  }
  assert.fail(`expected '${jql}' to be rejected`);
};

describe('JQL parser', () => {
  test('precedence: AND binds tighter than OR; parentheses and NOT', () => {
    const q = parseJql('project = ACME AND labels = a OR NOT (status in ("To Do", Done)) ORDER BY updated DESC, key');
    assert.equal(q.where?.kind, 'or');
    assert.deepEqual(q.orderBy, [{ field: 'updated', dir: 'desc' }, { field: 'key', dir: 'asc' }]);
    const and = (q.where as { left: { kind: string } }).left;
    assert.equal(and.kind, 'and');
  });

  test('operators, lists, EMPTY and functions', () => {
    const q = parseJql('assignee = currentUser() and labels not in (x, "y z") and duedate is not EMPTY and summary ~ "disk*"');
    assert.ok(q.where);
    assert.doesNotThrow(() => parseJql('key in (ACME-1,ACME-2)'));
    assert.doesNotThrow(() => parseJql("updated >= '2025-01-01 10:00' && labels != x || status = Done"));
    assert.deepEqual(parseJql('ORDER BY created').where, undefined);
  });

  test('bad JQL gets Jira syntax errors with the character position', () => {
    assert.equal(jqlError('project = ACME AND'), "Error in the JQL Query: Expecting a field name but got 'EOF'. (line 1, character 19)");
    assert.equal(jqlError('project ACME'), "Error in the JQL Query: Expecting operator but got 'ACME'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)");
    assert.equal(jqlError('project = ACME foo'), "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 16)");
    assert.equal(jqlError('(project = ACME'), "Error in the JQL Query: Expecting ')' but got 'EOF'. (line 1, character 16)");
    assert.equal(jqlError('summary ~ "open'), "Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 11)");
    assert.equal(jqlError('project = '), "Error in the JQL Query: Expecting either a value, list or function but got 'EOF'. You must surround 'project' in quotation marks to use it as a value. (line 1, character 11)");
    assert.match(jqlError('labels = and'), /'and' is a reserved JQL word/);
    assert.match(jqlError('status is Done'), /Expecting 'EMPTY' or 'NULL' but got 'Done'/);
  });

  test('dates: absolute formats and relative periods', () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    assert.equal(parseJqlDate('2025-02-03 04:05', now), Date.parse('2025-02-03T04:05:00Z'));
    assert.equal(parseJqlDate('2025/02/03', now), Date.parse('2025-02-03T00:00:00Z'));
    assert.equal(parseJqlDate('-5m', now), now - 5 * 60_000);
    assert.equal(parseJqlDate('-1w 2d', now), now - 9 * 86_400_000);
    assert.equal(parseJqlDate('2025-02-30', now), undefined);
    assert.equal(parseJqlDate('yesterday', now), undefined);
  });
});

describe('search/jql', () => {
  let f: Fixture;
  const keys = async (jql: string, actor?: string): Promise<string[]> => {
    const res = await f.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&fields=summary&maxResults=100`, undefined, actor);
    assert.equal(res.status, 200, res.text);
    return res.json.issues.map((i: { key: string }) => i.key);
  };

  before(async () => {
    f = fixture();
    for (let n = 0; n < 7; n++) {
      await f.call('POST', '/rest/api/3/issue', {
        fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: `Bulk ${n}`, labels: n % 2 ? ['odd'] : ['even'], customfield_10021: n },
      });
    }
  });
  after(() => f.site.close());

  test('project, key, labels, status, issuetype, ordering', async () => {
    assert.equal((await keys('project = ACME')).length, 11);
    assert.deepEqual(await keys('key in (ACME-3, ACME-1) ORDER BY key ASC'), ['ACME-1', 'ACME-3']);
    assert.deepEqual(await keys('key = ACME-2'), ['ACME-2']);
    assert.deepEqual(await keys('labels in (ops, login) ORDER BY key'), ['ACME-1', 'ACME-2']);
    assert.deepEqual(await keys('status = "In Progress"'), ['ACME-2']);
    assert.deepEqual(await keys('status != "To Do" ORDER BY key DESC'), ['ACME-4', 'ACME-2']);
    assert.deepEqual(await keys('issuetype = Bug'), ['ACME-1']);
    assert.deepEqual(await keys('project = ACME AND labels = odd AND NOT key = ACME-6 ORDER BY key'), ['ACME-8', 'ACME-10']);
    assert.deepEqual(await keys('(labels = ops OR issuetype = Story) AND project = ACME ORDER BY key'), ['ACME-2', 'ACME-3']);
    assert.deepEqual(await keys('priority = Lowest'), ['ACME-4']);
    assert.deepEqual(await keys('"Impact Score" >= 5 ORDER BY key'), ['ACME-10', 'ACME-11']);
    assert.deepEqual(await keys('cf[10022] = "Sev 2"'), ['ACME-1']);
    assert.deepEqual(await keys('summary ~ tls'), ['ACME-2']);
    assert.deepEqual(await keys('assignee = currentUser()', f.agent), ['ACME-1']);
    assert.deepEqual(await keys('assignee is EMPTY AND labels = even ORDER BY key'), ['ACME-5', 'ACME-7', 'ACME-9', 'ACME-11']);
    // negative operators never match empty fields
    assert.deepEqual(await keys('duedate != "2030-01-15"'), []);
  });

  test('queries that name their issues (by id or key) answer exactly as a full scan would', async () => {
    const idOf = async (key: string) => (await f.call('GET', `/rest/api/3/issue/${key}?fields=summary`)).json.id as string;
    const [one, three] = [await idOf('ACME-1'), await idOf('ACME-3')];
    assert.deepEqual(await keys(`id in (${one}, ${three})`), ['ACME-3', 'ACME-1'], 'newest first without ORDER BY, as Jira orders');
    assert.deepEqual(await keys(`id in (${one}, ${three}) ORDER BY key ASC`), ['ACME-1', 'ACME-3']);
    assert.deepEqual(await keys(`key in (ACME-1, ACME-2, ACME-3) AND labels = ops`), ['ACME-2']);
    assert.deepEqual(await keys(`key in (ACME-1, ACME-2) AND key in (ACME-2, ACME-3)`), ['ACME-2']);
    assert.deepEqual(await keys(`key = ACME-1 OR key = ACME-3 ORDER BY key`), ['ACME-1', 'ACME-3'], 'an OR is not narrowed, and still right');
    assert.deepEqual(await keys(`key in (ACME-1) AND labels = odd`), []);
  });

  test('updated with absolute and relative dates', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    const g = fixture({ name: 'clocked', now: () => now });
    try {
      now += 3_600_000; // an hour after seeding, one issue changes
      await g.call('PUT', '/rest/api/3/issue/CLOC-3', { fields: { summary: 'touched' } });
      const search = async (jql: string) =>
        (await g.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&fields=summary`)).json.issues.map((i: { key: string }) => i.key);
      assert.deepEqual(await search('updated >= "2025-03-01 09:30"'), ['CLOC-3']);
      assert.deepEqual(await search('updated >= "2025/03/01 09:30" OR updated < "2025-03-01" ORDER BY key'), ['CLOC-3']);
      assert.deepEqual(await search('updated >= -5m'), ['CLOC-3']);
      assert.deepEqual(await search('project = CLOC AND updated < -30m ORDER BY key'), ['CLOC-1', 'CLOC-2', 'CLOC-4']);
    } finally {
      await g.site.close();
    }
  });

  test('semantic errors: unknown field, value, key, function, operator', async () => {
    const err = async (jql: string) => (await f.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}`)).json.errorMessages;
    assert.deepEqual(await err('foo = 1'), ["Field 'foo' does not exist or you do not have permission to view it."]);
    assert.deepEqual(await err('project = NOPE'), ["The value 'NOPE' does not exist for the field 'project'."]);
    assert.deepEqual(await err('key = ACME-999'), ["An issue with key 'ACME-999' does not exist for field 'key'."]);
    assert.deepEqual(await err('key = ???'), ["The issue key '???' for field 'key' is invalid."]);
    assert.deepEqual(await err('labels > x'), ["The operator '>' is not supported by the 'labels' field."]);
    assert.deepEqual(await err('summary = x'), ["The operator '=' is not supported by the 'summary' field."]);
    assert.deepEqual(await err('updated > yesterday'), [
      "Date value 'yesterday' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ]);
    assert.deepEqual(await err('assignee = whoever()'), ["Unable to find JQL function 'whoever()'."]);
    assert.deepEqual(await err('ORDER BY key'), ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    assert.deepEqual(await err('project = ACME ORDER BY nope'), ["Field 'nope' does not exist or you do not have permission to view it."]);
  });

  test('nextPageToken pages through every match exactly once, isLast on the final page', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const body: Record<string, unknown> = { jql: 'project = ACME ORDER BY key ASC', maxResults: 4, fields: ['summary'] };
      if (token) body.nextPageToken = token;
      const res = await f.call('POST', '/rest/api/3/search/jql', body);
      assert.equal(res.status, 200, res.text);
      pages++;
      seen.push(...res.json.issues.map((i: { key: string }) => i.key));
      if (res.json.isLast) {
        assert.equal(res.json.nextPageToken, undefined);
        break;
      }
      token = res.json.nextPageToken;
      assert.ok(token);
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, Array.from({ length: 11 }, (_, i) => `ACME-${i + 1}`));
  });

  test('a token from another query or junk is refused', async () => {
    const first = await f.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = ACME')}&maxResults=2`);
    const other = await f.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('labels = odd')}&nextPageToken=${first.json.nextPageToken}`);
    assert.equal(other.status, 400);
    const junk = await f.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = ACME')}&nextPageToken=zzz`);
    assert.equal(junk.status, 400);
  });

  test('default fields are ids only; fields and expand are honoured', async () => {
    const bare = await f.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('key = ACME-1')}`);
    assert.equal(bare.json.issues[0].id, '10000');
    assert.equal(bare.json.issues[0].fields, undefined);
    const rich = await f.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('key = ACME-1')}&fields=summary,status&expand=names`);
    assert.deepEqual(Object.keys(rich.json.issues[0].fields).sort(), ['status', 'summary']);
    assert.equal(rich.json.issues[0].names.status, 'Status');
  });

  test('the removed /rest/api/3/search answers 410 Gone', async () => {
    const res = await f.call('GET', `/rest/api/3/search?jql=${encodeURIComponent('project = ACME')}`);
    assert.equal(res.status, 410);
    assert.match(res.json.errorMessages[0], /\/rest\/api\/3\/search\/jql/);
    assert.equal((await f.call('POST', '/rest/api/3/search', { jql: 'project = ACME' })).status, 410);
  });
});
