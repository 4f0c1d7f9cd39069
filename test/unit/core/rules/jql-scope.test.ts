// Scope by JQL: which clauses are decided on the issue as read (no Jira call), which go to Jira's
// search, and how the answers combine with the rest of the scope and the pilot.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../../src/core/ids';
import type { IssueSnapshot } from '../../../../src/core/replica/snapshot';
import { readJqlClause, jqlFieldNames } from '../../../../src/core/rules/jql/jql-clause';
import { localJqlVerdict } from '../../../../src/core/rules/jql/jql-local';
import { jqlProblems } from '../../../../src/core/rules/jql/jql-problems';
import { decideScope, evaluateScope, jqlAnswersFor } from '../../../../src/core/rules/scope';
import { parseRule } from '../../../../src/core/rules/parse-rule';
import { readPlanFor } from '../../../../src/adapters/jira/read-plan';
import { rule } from '../support/rule-fixtures';

const issue = (over: { labels?: string[]; priority?: string | null; status?: string; key?: string; withLabels?: boolean } = {}): IssueSnapshot => ({
  id: localIssueId('10001'), key: over.key ?? 'ALPHA-1', projectKey: 'ALPHA', updatedAt: 5, comments: [], attachments: [],
  fields: {
    issuetype: { value: { kind: 'option', name: 'Bug' } },
    status: { value: { kind: 'option', name: over.status ?? 'In Progress' } },
    priority: { value: over.priority === null ? { kind: 'empty' } : { kind: 'option', name: over.priority ?? 'High' } },
    ...(over.withLabels === false ? {} : { labels: { value: { kind: 'options', names: over.labels ?? ['vendor'] } } }),
  },
});

describe('scope JQL decided on the issue as read', () => {
  test('names of type, status, priority and labels with =, !=, IN, NOT IN and EMPTY are certain', () => {
    const i = issue();
    assert.equal(localJqlVerdict(i, 'issuetype = Bug AND status in ("In Progress", Open)'), true);
    assert.equal(localJqlVerdict(i, 'type = bug'), true, 'names compare as Jira does, ignoring case');
    assert.equal(localJqlVerdict(i, 'priority != High'), false);
    assert.equal(localJqlVerdict(i, 'priority = Low OR labels = vendor'), true);
    assert.equal(localJqlVerdict(i, 'labels not in (internal, secret)'), true);
    assert.equal(localJqlVerdict(i, 'labels is EMPTY'), false);
    assert.equal(localJqlVerdict(i, 'project = ALPHA AND (status = Done OR priority = High)'), true);
    assert.equal(localJqlVerdict(i, 'key in (ALPHA-1, ALPHA-2)'), true);
    assert.equal(localJqlVerdict(i, 'key = ALPHA-9'), false, 'another key of the project is another issue');
  });

  test("Jira's != and NOT IN never match an empty field", () => {
    assert.equal(localJqlVerdict(issue({ priority: null }), 'priority != High'), false);
    assert.equal(localJqlVerdict(issue({ labels: [] }), 'labels not in (secret)'), false);
    assert.equal(localJqlVerdict(issue({ priority: null }), 'priority is EMPTY'), true);
  });

  test('what only Jira can tell is left undecided, never guessed', () => {
    const i = issue();
    for (const jql of [
      'summary ~ printer', // text search
      'assignee = currentUser()', // function
      'status = 10001', // an id
      'created >= -7d', // dates
      'component = Backend', // a field not read here
      'labels = VENDOR', // labels differing only in case
      'project = "Alpha project"', // a project by name
      'key = BETA-3', // a key elsewhere (a moved issue keeps its old key)
      'status CHANGED AFTER -1d', // syntax the reader does not follow
    ]) {
      assert.equal(localJqlVerdict(i, jql), undefined, jql);
    }
    assert.equal(localJqlVerdict(issue({ withLabels: false }), 'labels = vendor'), undefined, 'a field not read');
    assert.equal(localJqlVerdict(issue({ priority: null }), 'NOT priority = High'), undefined, 'NOT over an empty field');
    assert.equal(localJqlVerdict(i, 'NOT priority = Low'), true);
    // AND with a false side is false whatever the other says; OR with a true side is true.
    assert.equal(localJqlVerdict(i, 'priority = Low AND summary ~ printer'), false);
    assert.equal(localJqlVerdict(i, 'priority = High OR summary ~ printer'), true);
    assert.equal(localJqlVerdict(i, 'priority = High AND summary ~ printer'), undefined);
  });

  test('components, fix and affects versions are decided by name when read; ids and case-only differences go to Jira', () => {
    const base = issue();
    const i: IssueSnapshot = { ...base, fields: { ...base.fields, components: { value: { kind: 'options', names: ['Portal', 'Billing'] } }, fixVersions: { value: { kind: 'options', names: ['2.0'] } }, versions: { value: { kind: 'empty' } } } };
    assert.equal(localJqlVerdict(i, 'component = Portal'), true);
    assert.equal(localJqlVerdict(i, 'component in (Mobile, Billing) AND fixVersion = "2.0"'), true);
    assert.equal(localJqlVerdict(i, 'component not in (Portal)'), false);
    assert.equal(localJqlVerdict(i, 'fixVersion != "1.0"'), true);
    assert.equal(localJqlVerdict(i, 'affectedVersion is EMPTY'), true);
    assert.equal(localJqlVerdict(i, 'affectedVersion != "1.0"'), false, "Jira's != never matches an empty field");
    assert.equal(localJqlVerdict(i, 'component = portal'), undefined, 'case only: Jira decides');
    assert.equal(localJqlVerdict(i, 'component = 10100'), undefined, 'an id');
    const plan = readPlanFor([rule({ fields: { summary: { direction: 'out' } }, scope: { jql: 'component = Portal OR fixVersion = "2.0" OR affectedVersion is EMPTY' } })]);
    for (const f of ['components', 'fixVersions', 'versions']) assert.ok(plan.fields.includes(f as never), plan.fields.join(','));
  });

  test('the reader follows quoting, lists and precedence, and refuses ORDER BY', () => {
    assert.deepEqual(readJqlClause('a = 1 OR b = 2 AND c = 3'), {
      kind: 'or',
      left: { kind: 'clause', field: 'a', op: '=', operand: { kind: 'value', value: '1' } },
      right: { kind: 'and', left: { kind: 'clause', field: 'b', op: '=', operand: { kind: 'value', value: '2' } }, right: { kind: 'clause', field: 'c', op: '=', operand: { kind: 'value', value: '3' } } },
    });
    assert.equal(readJqlClause('status = Done ORDER BY key'), null);
    assert.equal(readJqlClause('status = "unterminated'), null);
    assert.deepEqual(jqlFieldNames('Status = Done AND (labels in (a, "b c") OR priority is not EMPTY)').sort(), ['labels', 'priority', 'status']);
  });

  test('the read plan fetches the fields the JQL names, so deciding it needs no search', () => {
    const plan = readPlanFor([rule({ fields: { summary: { direction: 'out' } }, scope: { jql: 'priority = High AND labels = vendor' } })]);
    assert.ok(plan.fields.includes('priority') && plan.fields.includes('labels'), plan.fields.join(','));
  });
});

describe('scope JQL with the rest of the scope', () => {
  test('a clause the issue decides costs no search; one it cannot costs one, and its answer counts', async () => {
    const asked: string[] = [];
    const jira = async (_s: IssueSnapshot, jql: string) => (asked.push(jql), jql.includes('printer'));
    assert.deepEqual(await decideScope(issue(), rule({ scope: { jql: 'priority = High' } }), true, jira), { inScope: true });
    assert.deepEqual(await decideScope(issue(), rule({ scope: { jql: 'priority = Low' } }), true, jira), { inScope: false, reason: 'does not match the scope JQL' });
    assert.deepEqual(asked, []);
    assert.deepEqual(await decideScope(issue(), rule({ scope: { jql: 'summary ~ printer' } }), true, jira), { inScope: true });
    assert.deepEqual(await decideScope(issue(), rule({ scope: { jql: 'summary ~ toaster' } }), true, jira), { inScope: false, reason: 'does not match the scope JQL' });
    assert.deepEqual(asked, ['summary ~ printer', 'summary ~ toaster']);
  });

  test('today\'s scope fields still apply first: an issue they exclude costs no search', async () => {
    let asked = 0;
    const jira = async () => (asked++, true);
    const d = await decideScope(issue(), rule({ scope: { issueTypes: ['Task'], jql: 'summary ~ printer' } }), true, jira);
    assert.equal(d.inScope, false);
    assert.equal(asked, 0);
  });

  test('the pilot takes its labels or keys, or else its JQL', async () => {
    const pilot = rule({ scope: { pilot: { labels: ['pilot'], issueKeys: [], jql: 'summary ~ printer' } } });
    let asked = 0;
    const no = async () => (asked++, false);
    assert.equal((await decideScope(issue({ labels: ['pilot'] }), pilot, true, no)).inScope, true);
    assert.equal(asked, 0);
    assert.deepEqual(await decideScope(issue(), pilot, true, no), { inScope: false, reason: 'not in the pilot scope' });
    assert.equal(asked, 1);
  });

  test("the panel's answers: Jira is asked only for the clauses the issue cannot decide", async () => {
    const asked: string[] = [];
    const jira = async (_s: IssueSnapshot, jql: string) => (asked.push(jql), false);
    const r = rule({ scope: { jql: 'priority = High', pilot: { labels: [], issueKeys: [], jql: 'summary ~ printer' } } });
    const answers = await jqlAnswersFor(issue(), r, jira);
    assert.deepEqual([...answers], [['summary ~ printer', false]]);
    assert.deepEqual(evaluateScope(issue(), r, true, { answers, assumeUndecided: true }), { inScope: false, reason: 'not in the pilot scope' });
    assert.deepEqual([...(await jqlAnswersFor(issue(), r, undefined))], []);
  });

  test('without a way to ask Jira an undecided clause keeps the issue out, saying why; a create assumes it', () => {
    const r = rule({ scope: { jql: 'summary ~ printer' } });
    assert.deepEqual(evaluateScope(issue(), r, true), { inScope: false, reason: 'the JQL scope needs Jira to decide', undecidedJql: 'summary ~ printer' });
    assert.deepEqual(evaluateScope(issue(), r, true, { assumeUndecided: true }), { inScope: true });
  });
});

describe('scope JQL in the rule document', () => {
  test('is trimmed, may not be blank or over 2,000 characters', () => {
    assert.equal(rule({ scope: { jql: '  labels = vendor ' } }).scope.jql, 'labels = vendor');
    const blank = parseRule({ ...rule(), scope: { jql: '   ' } });
    assert.ok(!blank.ok && /scope\.jql: must not be empty/.test(blank.message), blank.ok ? '' : blank.message);
    assert.ok(!parseRule({ ...rule(), scope: { jql: 'x'.repeat(2001) } }).ok);
  });

  test("Jira's parser errors become problems at the clause's path; a tracker without JQL refuses it", async () => {
    const r = rule({ scope: { jql: 'colour = red', pilot: { labels: [], issueKeys: [], jql: 'labels = pilot' } } });
    const seen: string[][] = [];
    const jira = { jqlErrors: async (key: string, clauses: readonly string[]) => (seen.push([key, ...clauses]), [["Field 'colour' does not exist or you do not have permission to view it."], []]) };
    assert.deepEqual(await jqlProblems(jira, r), [{ path: 'scope.jql', message: "Field 'colour' does not exist or you do not have permission to view it." }]);
    assert.deepEqual(seen, [['ALPHA', 'colour = red', 'labels = pilot']]);
    assert.deepEqual((await jqlProblems({}, r)).map((p) => p.path), ['scope.jql', 'scope.pilot.jql']);
    assert.deepEqual(await jqlProblems({}, rule()), []);
  });
});
