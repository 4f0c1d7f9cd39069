// An unverified body is measured on its raw text before anything parses or walks it, and a rule's
// create target is checked when the rule is saved.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJsonShape, MAX_JSON_DEPTH } from '../../../src/core/protocol/json-shape';
import { peekEnvelope, verifyEnvelope } from '../../../src/core/protocol/verify';
import { routingHints } from '../../../src/core/protocol/routing-hints';
import { validateCreateTarget } from '../../../src/core/rules/create-target';
import { parseRule } from '../../../src/core/rules/parse-rule';
import { defaultMetadata } from './support/memory-tracker';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parse before trust', () => {
  test('depth and width are measured on the raw text; brackets inside strings do not count', () => {
    assert.equal(checkJsonShape(nested(MAX_JSON_DEPTH)), null);
    assert.match(checkJsonShape(nested(MAX_JSON_DEPTH + 1))?.reason ?? '', /nested deeper than 64/);
    assert.equal(checkJsonShape(JSON.stringify({ text: '['.repeat(10_000) + '\\"' })), null);
    assert.match(checkJsonShape(`[${Array.from({ length: 10_001 }, () => 1).join(',')}]`)?.reason ?? '', /more than 10000 items/);
    assert.equal(checkJsonShape(`[${Array.from({ length: 10_000 }, () => 1).join(',')}]`), null);
  });

  test('a deep body with a known connection id is refused as malformed before any canonical JSON', () => {
    const deep = `{"envelope":{"v":1,"connectionId":"conn-1","messageId":"m","body":${nested(100_000)}},"sig":"00"}`;
    const peek = peekEnvelope(deep);
    assert.equal(peek.ok ? 'ok' : peek.reason, 'malformed');
    const verified = verifyEnvelope(deep, { now: 0, secretFor: () => 'a-secret-that-would-be-used', seen: () => false });
    assert.equal(verified.ok ? 'ok' : verified.reason, 'malformed');
    assert.deepEqual(routingHints(deep), { kind: null, connectionId: null, pairId: null, pairIds: [] });
  });

  test('non-object bodies are malformed', () => {
    for (const raw of ['[]', '42', 'null', '"x"', '{"envelope":[],"sig":"00"}']) {
      const v = verifyEnvelope(raw, { now: 0, secretFor: () => 's', seen: () => false });
      assert.equal(v.ok ? 'ok' : v.reason, 'malformed', raw);
    }
  });
});

describe('rule save: the create target', () => {
  const rule = (projectKey: string, issueType: string) => {
    const parsed = parseRule({ connectionId: 'c', projectKey: 'ALPHA', fields: {}, incoming: { create: { projectKey, issueType } } });
    assert.ok(parsed.ok);
    return parsed.value;
  };
  test('a project that does not exist, and an issue type it cannot create, name their path', () => {
    assert.deepEqual(validateCreateTarget(rule('NOPE', 'Task'), null).map((p) => p.path), ['incoming.create.projectKey']);
    const problems = validateCreateTarget(rule('BETA', 'Epic'), { ...defaultMetadata('BETA'), issueTypes: ['Task', 'Bug'] });
    assert.deepEqual(problems.map((p) => [p.path, p.message]), [['incoming.create.issueType', '"Epic" cannot be created in BETA (its issue types: Task, Bug)']]);
    assert.deepEqual(validateCreateTarget(rule('BETA', 'Task'), { ...defaultMetadata('BETA'), issueTypes: ['Task', 'Bug'] }), []);
  });
});
