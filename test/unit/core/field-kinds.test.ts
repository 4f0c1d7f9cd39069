// The field-kind registry and the kinds that name values a project defines (components, fix
// versions, affects versions): what derives from the registry, mapping by name, missing values
// reported per value or created when the rule allows it, and value maps checked at save.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { creatableKeys, STANDARD_FIELDS, standardFieldKeys, valueMapKeys } from '../../../src/core/fields';
import { JIRA_FIELDS } from '../../../src/adapters/jira/fields';
import { localIssueId } from '../../../src/core/ids';
import { planIncoming, type IncomingReplica } from '../../../src/core/planning/incoming-planner';
import { isFieldKey, isUserField, type FieldKey } from '../../../src/core/replica/field-key';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { hashValue, type ReplicaValue } from '../../../src/core/replica/value';
import type { TrackerMetadata } from '../../../src/core/rules/metadata';
import { validateRuleAgainstMetadata } from '../../../src/core/rules/validate-against-metadata';
import { defaultMetadata } from './support/memory-tracker';
import { rule } from './support/rule-fixtures';

const meta: TrackerMetadata = (() => {
  const m = defaultMetadata('ALPHA');
  return { ...m, fields: { ...m.fields, components: { kind: 'options', options: ['Server', 'Web'] }, fixVersions: { kind: 'options', options: ['1.0', 'R2'] } } };
})();
const local: IssueSnapshot = { id: localIssueId('1'), key: 'ALPHA-1', projectKey: 'ALPHA', updatedAt: 0, comments: [], attachments: [], fields: {} };

function incoming(fields: Partial<Record<FieldKey, ReplicaValue>>): IncomingReplica {
  const replica: IncomingReplica = { replica: { fields: {}, comments: [], attachments: [] }, clocks: {} };
  for (const [k, value] of Object.entries(fields)) {
    replica.replica.fields[k as FieldKey] = { value: value!, ts: 1000, hash: hashValue(value!) };
    replica.clocks[k as FieldKey] = { mine: 1, yours: 0 };
  }
  return replica;
}

const withParts = (createMissing: Record<string, boolean> = {}) =>
  rule({
    fields: { components: { direction: 'in' }, fixVersions: { direction: 'in' } },
    incoming: { valueMaps: { components: { Backend: 'Server', Frontend: 'Web' }, fixVersions: { '2.0': 'R2' } }, createMissing },
  });

describe('the field-kind registry', () => {
  test('keys, value maps, people and the Jira registrations all come from one table', () => {
    assert.deepEqual([...standardFieldKeys], STANDARD_FIELDS.map((f) => f.key));
    for (const key of standardFieldKeys) assert.ok(isFieldKey(key) && JIRA_FIELDS[key], key);
    for (const key of ['issuetype', 'priority', 'status', 'components', 'fixVersions', 'versions']) assert.ok(valueMapKeys.includes(key as never), key);
    assert.deepEqual([...valueMapKeys], STANDARD_FIELDS.filter((f) => f.valueMap).map((f) => f.key));
    assert.deepEqual([...creatableKeys], ['components', 'fixVersions', 'versions']);
    assert.deepEqual(standardFieldKeys.filter((k) => isUserField(k)), ['assignee', 'reporter']);
    const parsed = rule();
    assert.deepEqual(parsed.incoming.valueMaps.components, {}, 'every value map defaults to empty');
    assert.deepEqual(parsed.incoming.createMissing, { components: false, fixVersions: false, versions: false }, 'nothing is created unless the rule says so');
  });

  test('Jira writes components and versions by name and reads them back the same way', () => {
    assert.deepEqual(JIRA_FIELDS.components.shape, { kind: 'options', jira: 'names' });
    assert.deepEqual(JIRA_FIELDS.versions.decode([{ self: 'x', id: '1', name: '1.0' }, { id: '2', name: 'R2' }], { includeEmail: false }), { kind: 'options', names: ['1.0', 'R2'] });
    assert.deepEqual(JIRA_FIELDS.fixVersions.decode(null, { includeEmail: false }), { kind: 'options', names: [] });
  });
});

describe('components and versions coming in', () => {
  test("the partner's names are mapped to ours", () => {
    const plan = planIncoming(incoming({ components: { kind: 'options', names: ['Backend', 'Frontend'] }, fixVersions: { kind: 'options', names: ['2.0', '1.0'] } }), withParts(), local, null, meta, 5);
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(plan.edits.map((e) => [e.field, e.value, e.createMissing]), [
      ['components', { kind: 'options', names: ['Server', 'Web'] }, undefined],
      ['fixVersions', { kind: 'options', names: ['R2', '1.0'] }, undefined],
    ]);
  });

  test('each name this project lacks is reported on its own, and the rest applies', () => {
    const plan = planIncoming(incoming({ components: { kind: 'options', names: ['Backend', 'Mobile', 'Docs'] } }), withParts(), local, null, meta, 5);
    assert.deepEqual(plan.edits.map((e) => [e.field, e.value]), [['components', { kind: 'options', names: ['Server'] }]]);
    assert.deepEqual(plan.errors.map((e) => [e.field, e.value]), [['components', '"Mobile"'], ['components', '"Docs"']]);
    assert.match(plan.errors[0]!.reason, /not among the components of ALPHA, and the rule does not create missing ones/);
  });

  test('with create-missing on for the field, the write carries the names to create first', () => {
    const plan = planIncoming(incoming({ components: { kind: 'options', names: ['Backend', 'Mobile'] }, fixVersions: { kind: 'options', names: ['3.0'] } }), withParts({ components: true }), local, null, meta, 5);
    const components = plan.edits.find((e) => e.field === 'components');
    assert.deepEqual(components?.value, { kind: 'options', names: ['Server', 'Mobile'] });
    assert.deepEqual(components?.createMissing, { projectKey: 'ALPHA', names: ['Mobile'] });
    assert.deepEqual(plan.errors.map((e) => [e.field, e.value]), [['fixVersions', '"3.0"']], 'only the field the rule allows creates');
  });
});

describe('value maps of components and versions at save', () => {
  test('a map to a component this project lacks is refused, unless the rule creates missing ones', () => {
    const r = rule({ fields: { components: { direction: 'in' } }, incoming: { valueMaps: { components: { Backend: 'Backend' } } } });
    assert.deepEqual(validateRuleAgainstMetadata(r, meta).filter((p) => p.path.includes('components')), [
      { path: 'incoming.valueMaps.components["Backend"]', message: '"Backend" is not among the components of ALPHA' },
    ]);
    const creating = rule({ fields: { components: { direction: 'in' } }, incoming: { valueMaps: { components: { Backend: 'Backend' } }, createMissing: { components: true } } });
    assert.deepEqual(validateRuleAgainstMetadata(creating, meta).filter((p) => p.path.includes('components')), []);
  });
});
