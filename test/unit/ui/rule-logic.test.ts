import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatPath } from '../../../src/core/rules/format-issues';
import { formatRulePath, parseRulePath } from '../../../static/admin/src/logic/rule-paths';
import { controlId, problemsAt, unplacedProblems } from '../../../static/admin/src/logic/validation-errors';
import { diffLine, diffRules } from '../../../static/admin/src/logic/rule-diff';
import { draftFrom, emptyRule, parseList, setFieldPolicy, setIn, withDirection } from '../../../static/admin/src/logic/rule-draft';
import { pageKindFromContext } from '../../../static/admin/src/logic/page-kind';

describe('rule paths', () => {
  test('format the way the backend reports problems, and parse back', () => {
    const samples: Array<Array<string | number>> = [
      ['fields', 'summary', 'conflict'],
      ['fields', 'custom:10020', 'direction'],
      ['incoming', 'valueMaps', 'status', 'Done'],
      ['incoming', 'valueMaps', 'status', 'In "Progress"'],
      ['scope', 'pilot', 'issueKeys', 0],
      ['mode', 'everyMinutes'],
    ];
    for (const s of samples) {
      assert.equal(formatRulePath(s), formatPath(s), `same form as the backend for ${JSON.stringify(s)}`);
      assert.deepEqual(parseRulePath(formatRulePath(s)), s);
    }
    assert.equal(formatRulePath([]), '(rule)');
    assert.deepEqual(parseRulePath('(rule)'), []);
  });

  test('round trip holds for any record key', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(20), (key, n) => {
        const path = ['incoming', 'users', 'map', key, 'x', n];
        assert.deepEqual(parseRulePath(formatRulePath(path)), path);
      }),
    );
  });

  test('malformed paths are refused', () => {
    assert.throws(() => parseRulePath('fields["summary'), /unclosed/);
    assert.throws(() => parseRulePath('fields[0'), /unclosed/);
    assert.throws(() => parseRulePath('a.-b'), /unexpected/);
  });
});

describe('validation errors next to their control', () => {
  const problems = [
    { path: 'fields["priority"].conflict', message: 'required for a two-way field (local, partner or latest)' },
    { path: 'scope.pilot.issueKeys[1]', message: 'must be an issue key like ABC-12' },
    { path: 'incoming.valueMaps.status["Open"]', message: 'unknown status' },
    { path: 'outgoing.attachments.mimeTypes[0]', message: 'must look like type/subtype or type/*' },
    { path: 'nonsense[', message: 'odd path' },
  ];

  test('a control shows problems at or under its path, naming the part below it', () => {
    assert.deepEqual(problemsAt(problems, 'fields["priority"].conflict'), ['required for a two-way field (local, partner or latest)']);
    assert.deepEqual(problemsAt(problems, 'fields["priority"]'), ['"conflict": required for a two-way field (local, partner or latest)']);
    assert.deepEqual(problemsAt(problems, 'scope.pilot.issueKeys'), ['entry 2: must be an issue key like ABC-12']);
    assert.deepEqual(problemsAt(problems, 'incoming.valueMaps.status'), ['"Open": unknown status']);
    assert.deepEqual(problemsAt(problems, 'fields["summary"]'), []);
    assert.deepEqual(problemsAt(problems, 'not a [path'), []);
  });

  test('problems no control owns are kept for the top of the editor', () => {
    const owned = ['fields["priority"]', 'scope.pilot.issueKeys', 'incoming.valueMaps.status'];
    assert.deepEqual(
      unplacedProblems(problems, owned).map((p) => p.path),
      ['outgoing.attachments.mimeTypes[0]', 'nonsense['],
    );
  });

  test('control ids are safe for aria-describedby', () => {
    assert.equal(controlId('fields["custom:10020"].conflict'), 'rule-fields-custom-10020-conflict');
  });
});

describe('rule diff', () => {
  const v1 = { connectionId: 'c', projectKey: 'ACME', fields: { summary: { direction: 'out' }, priority: { direction: 'both', conflict: 'latest' } }, scope: { labels: ['vip'], pilot: null } };
  const v2 = { connectionId: 'c', projectKey: 'ACME', fields: { summary: { direction: 'both', conflict: 'partner' } }, scope: { labels: ['vip', 'partner'], pilot: { labels: [], issueKeys: ['ACME-1'] } }, mode: { kind: 'realtime' } };

  test('one readable line per changed setting', () => {
    const lines = diffRules(v1, v2).map(diffLine);
    assert.deepEqual(lines, [
      'Field › Priority › Conflict policy: removed (was "latest")',
      'Field › Priority › Direction: removed (was "both")',
      'Field › Summary › Conflict policy: set to "partner"',
      'Field › Summary › Direction: "out" → "both"',
      'Mode › Kind: set to "realtime"',
      'Scope › Labels: "vip" → "vip", "partner"',
      'Scope › Pilot › Issue keys: set to "ACME-1"',
    ]);
  });

  test('identical versions and identity fields give no lines', () => {
    assert.deepEqual(diffRules(v1, structuredClone(v1)), []);
    assert.deepEqual(diffRules(v1, { ...v1, connectionId: 'other' }), []);
  });

  test('custom fields use the catalog name', () => {
    const d = diffRules({ fields: {} }, { fields: { 'custom:10020': { direction: 'in' } } }, [{ key: 'custom:10020', name: 'Customer Reference' }]);
    assert.equal(diffLine(d[0]!), 'Field › Customer Reference › Direction: set to "in"');
  });
});

describe('rule draft editing', () => {
  test('direction changes keep the conflict policy coherent', () => {
    assert.deepEqual(withDirection(undefined, 'both'), { direction: 'both', conflict: 'latest' });
    assert.deepEqual(withDirection({ direction: 'both', conflict: 'partner' }, 'out'), { direction: 'out' });
    assert.deepEqual(withDirection({ direction: 'in', partnerField: 'custom:1' }, 'both'), { direction: 'both', partnerField: 'custom:1', conflict: 'latest' });
  });

  test('fields are added and removed without touching the original', () => {
    const rule = emptyRule('c1', 'ACME');
    const withSummary = setFieldPolicy(rule, 'summary', { direction: 'out' });
    assert.deepEqual(rule.fields, {});
    assert.deepEqual(withSummary.fields, { summary: { direction: 'out' } });
    assert.deepEqual(setFieldPolicy(withSummary, 'summary', null).fields, {});
  });

  test('a stored rule becomes a draft for the asked connection and project', () => {
    assert.deepEqual(draftFrom(null, 'c1', 'ACME'), emptyRule('c1', 'ACME'));
    const stored = { connectionId: 'c1', projectKey: 'ACME', fields: { summary: { direction: 'out' } }, mode: { kind: 'realtime' } };
    const draft = draftFrom(stored, 'c1', 'ACME');
    assert.deepEqual(draft, stored);
    assert.notEqual(draft.fields, stored.fields);
  });

  test('lists typed as text', () => {
    assert.deepEqual(parseList(' a, b\n\nc , a '), ['a', 'b', 'c']);
  });

  test('setIn copies the path it changes and can remove a key', () => {
    const rule = { outgoing: { comments: { enabled: true } }, scope: { labels: [] } };
    const next = setIn(rule, ['outgoing', 'comments', 'includeInternal'], true);
    assert.deepEqual(next.outgoing.comments, { enabled: true, includeInternal: true });
    assert.equal(next.scope, rule.scope);
    assert.deepEqual(rule.outgoing.comments, { enabled: true });
    assert.deepEqual(setIn(next, ['outgoing', 'comments', 'includeInternal'], undefined).outgoing.comments, { enabled: true });
  });
});

describe('page kind', () => {
  test('decided by the extension type', () => {
    assert.deepEqual(pageKindFromContext({ extension: { type: 'jira:adminPage' } }), { kind: 'admin' });
    assert.deepEqual(pageKindFromContext({ extension: { type: 'jira:projectSettingsPage', project: { key: 'ACME', id: '1' } } }), { kind: 'project', projectKey: 'ACME' });
    assert.equal(pageKindFromContext({ extension: { type: 'jira:projectSettingsPage' } }).kind, 'unknown');
    assert.equal(pageKindFromContext(null).kind, 'unknown');
    assert.equal(pageKindFromContext({ extension: { type: 'jira:issuePanel' } }).kind, 'unknown');
  });
});
