import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRule } from '../../../src/core/rules/parse-rule';
import { validateRuleAgainstMetadata } from '../../../src/core/rules/validate-against-metadata';
import { currentVersion, nextVersion, restoreVersion, type RuleVersion } from '../../../src/core/rules/versions';
import { evaluateScope } from '../../../src/core/rules/scope';
import { formatProblem } from '../../../src/core/rules/format-issues';
import { localIssueId } from '../../../src/core/ids';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { defaultMetadata } from './support/memory-tracker';
import { baseRule, rule } from './support/rule-fixtures';

describe('sharing rules: shape', () => {
  test('a minimal rule gets safe defaults: no internal comments, no attachments, display names only', () => {
    const r = rule();
    assert.equal(r.outgoing.comments.includeInternal, false);
    assert.equal(r.outgoing.attachments.enabled, false);
    assert.equal(r.outgoing.userPrivacy, 'displayName');
    assert.deepEqual(r.mode, { kind: 'realtime' });
  });

  test('errors name the path in admin-readable form', () => {
    const r = parseRule({ ...baseRule, fields: { summary: { direction: 'both' }, 'custom:9': { direction: 'out', conflict: 'local' } }, mode: { kind: 'batched', everyMinutes: 1 } });
    assert.ok(!r.ok);
    const lines = r.detail!.map(formatProblem);
    assert.ok(lines.includes('fields["summary"].conflict: required for a two-way field (local, partner or latest)'), lines.join('\n'));
    assert.ok(lines.includes('fields["custom:9"].conflict: only two-way fields have a conflict policy (direction is "out")'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('mode.everyMinutes: ')), lines.join('\n'));
  });

  test('unknown field keys and two local fields fed by one partner field are refused', () => {
    const unknown = parseRule({ ...baseRule, fields: { colour: { direction: 'out' } } });
    assert.ok(!unknown.ok);
    assert.match(unknown.message, /fields\["colour"\]: expected one of summary/);
    const r = parseRule({ ...baseRule, fields: { summary: { direction: 'in' }, description: { direction: 'in', partnerField: 'summary' } } });
    assert.ok(!r.ok);
    assert.match(r.message, /fields\["description"\]\.partnerField: partner field "summary" already feeds "summary"/);
  });
});

describe('sharing rules: against tracker metadata', () => {
  const meta = defaultMetadata('ALPHA');

  test('a status mapped to a status no transition reaches is named', () => {
    const m = { ...meta, statuses: [...meta.statuses, 'Closed'] };
    const r = rule({ incoming: { create: { projectKey: 'ALPHA', issueType: 'Task' }, valueMaps: { status: { Done: 'Closed' } } } });
    assert.deepEqual(validateRuleAgainstMetadata(r, m).map(formatProblem), ['incoming.valueMaps.status["Done"]: no transition reaches "Closed"']);
  });

  test('unknown priorities, issue types, fields and missing required fields are all reported', () => {
    const r = rule({
      fields: { summary: { direction: 'out' }, 'custom:404': { direction: 'in' } },
      incoming: { create: { projectKey: 'ALPHA', issueType: 'Epic' }, valueMaps: { priority: { P0: 'Blocker' } }, defaults: { 'custom:1': { kind: 'number', value: -1 } } },
      scope: { issueTypes: ['Story'] },
    });
    const problems = validateRuleAgainstMetadata(r, meta).map(formatProblem);
    assert.deepEqual(problems.sort(), [
      'fields["custom:404"]: no such field on ALPHA',
      'incoming.create.issueType: "Epic" is not an issue type of ALPHA',
      'incoming.defaults: required field "summary" is neither accepted from the partner nor given a default',
      'incoming.defaults["custom:1"]: negative values are not allowed (-1)',
      'incoming.valueMaps.priority["P0"]: "Blocker" is not a priority here (High, Medium, Low)',
      'scope.issueTypes[0]: "Story" is not an issue type of ALPHA',
    ]);
  });

  test('a consistent rule has no problems', () => {
    assert.deepEqual(validateRuleAgainstMetadata(rule(), meta), []);
  });
});

describe('sharing rules: versions', () => {
  test('every save is a new version and a restore is a newer copy of an old one', () => {
    const history: RuleVersion[] = [];
    history.push(nextVersion(history, rule(), { author: 'ann', at: 1, comment: 'first' }));
    history.push(nextVersion(history, rule({ mode: { kind: 'batched', everyMinutes: 15 } }), { author: 'bob', at: 2, comment: 'batch it' }));
    const restored = restoreVersion(history, 1, { author: 'ann', at: 3, comment: 'roll back' });
    history.push(restored);
    assert.equal(restored.version, 3);
    assert.equal(restored.restoredFrom, 1);
    assert.deepEqual(currentVersion(history)?.rule.mode, { kind: 'realtime' });
    assert.throws(() => restoreVersion(history, 9, { author: 'x', at: 4, comment: '' }), /rule version 9 does not exist \(have 1, 2, 3\)/);
  });
});

describe('sharing rules: scope', () => {
  const snap = (labels: string[], key = 'ALPHA-1'): IssueSnapshot => ({
    id: localIssueId('1'), key, projectKey: 'ALPHA', updatedAt: 0, comments: [], attachments: [],
    fields: { issuetype: { value: { kind: 'option', name: 'Bug' } }, status: { value: { kind: 'option', name: 'Open' } }, labels: { value: { kind: 'options', names: labels } } },
  });

  test('filters on type, status and labels, then the pilot, then manual start', () => {
    assert.deepEqual(evaluateScope(snap([]), rule({ scope: { issueTypes: ['Task'] } }), false), { inScope: false, reason: 'issue type Bug not in scope' });
    assert.deepEqual(evaluateScope(snap(['vendor']), rule({ scope: { labels: ['vendor'] } }), false), { inScope: true });
    const pilot = rule({ scope: { pilot: { labels: ['pilot'], issueKeys: ['ALPHA-7'] } } });
    assert.equal(evaluateScope(snap([]), pilot, false).inScope, false);
    assert.equal(evaluateScope(snap(['pilot']), pilot, false).inScope, true);
    assert.equal(evaluateScope(snap([], 'ALPHA-7'), pilot, false).inScope, true);
    const manual = rule({ scope: { manualStart: true } });
    assert.deepEqual(evaluateScope(snap([]), manual, false), { inScope: false, reason: 'waiting for a manual start' });
    assert.equal(evaluateScope(snap([]), manual, true).inScope, true);
  });
});
