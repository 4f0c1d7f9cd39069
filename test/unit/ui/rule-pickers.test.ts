// The rule editor's pickers: what they offer, how their rows become the rule, sizes in MB, when
// the draft counts as changed, and how save problems are named for the admin.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { draftFrom, setIn } from '../../../static/admin/src/logic/rule-draft';
import { partnerNameOf, pickerData } from '../../../static/admin/src/logic/rule-picker-data';
import { bytesToMb, isDirty, mapRows, mbToBytes, optionsOf, rowsToMap } from '../../../static/admin/src/logic/rule-pickers';
import { labelProblems, RULE_CONTROL_LABELS, RULE_CONTROL_PATHS } from '../../../static/admin/src/logic/validation-errors';

const extra = { projects: [], names: new Map<string, string>(), search: null, rememberName: () => undefined };

describe('value map rows', () => {
  const sides = { from: "globex's value", to: 'our value' };

  test('rows with both sides make the map; an untouched new row is ignored', () => {
    assert.deepEqual(rowsToMap([{ from: 'Done', to: 'Closed' }, { from: '', to: '' }, { from: ' Waiting ', to: 'In Progress' }], sides), { map: { Done: 'Closed', Waiting: 'In Progress' }, problems: [] });
    assert.deepEqual(Object.keys(rowsToMap([{ from: '__proto__', to: 'Closed' }], sides).map), ['__proto__'], 'any partner value is a key of its own');
  });

  test('a half-filled row or a partner value mapped twice is a problem named by its row', () => {
    assert.deepEqual(rowsToMap([{ from: 'Done', to: '' }, { from: '', to: 'Closed' }, { from: 'A', to: 'B' }, { from: 'A', to: 'C' }], sides).problems, [
      'row 1: pick the our value for "Done"',
      "row 2: pick the globex's value",
      'row 4: "A" is mapped twice',
    ]);
  });

  test('a stored map survives the rows and back, whatever its values', () => {
    const nonBlank = fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(fc.dictionary(nonBlank, nonBlank, { noNullPrototype: true }), (map) => {
        assert.deepEqual(rowsToMap(mapRows(map), sides), { map, problems: [] });
      }),
    );
  });
});

describe('options', () => {
  test('known values first, then the rule\'s own values the list lacks, marked, without duplicates', () => {
    assert.deepEqual(optionsOf(['To Do', 'Done'], ['Done', 'Shipped', 'Shipped']), [
      { label: 'To Do', value: 'To Do' },
      { label: 'Done', value: 'Done' },
      { label: 'Shipped (not in the list)', value: 'Shipped' },
    ]);
    assert.deepEqual(optionsOf(['image/*'], ['application/json'], true).map((o) => o.label), ['image/*', 'application/json'], 'a list that takes typed values marks none');
  });

  test("the partner's values come from its catalog; without one the note names the partner", () => {
    const shared = pickerData({ choices: { local: { statuses: ['To Do'], priorities: [], issueTypes: [] }, partner: { statuses: ['Open'], priorities: ['P1'], issueTypes: ['Bug'] } } }, { partnerKind: 'jira', partner: { name: 'Globex' } }, extra);
    assert.deepEqual(shared.partner?.statuses, ['Open']);
    assert.equal(shared.partnerName, 'Globex');
    const notYet = pickerData({ choices: { local: { statuses: [], priorities: [], issueTypes: [] }, partner: null } }, { partnerKind: 'jira', partner: { name: 'Globex' } }, extra);
    assert.equal(notYet.partner, null);
    assert.match(notYet.missingPartnerValues, /^Globex hasn't shared its values yet/);
    assert.match(pickerData({}, { partnerKind: 'jira', partner: null }, extra).missingPartnerValues, /^The partner hasn't shared its values yet/);
    assert.equal(partnerNameOf({ partnerKind: 'servicenow' }), 'ServiceNow');
    assert.deepEqual(pickerData({}, undefined, extra).local, { statuses: [], priorities: [], issueTypes: [] });
  });
});

describe('sizes in MB', () => {
  test('bytes read as MB, and MB typed become bytes', () => {
    assert.equal(bytesToMb(10 * 1024 * 1024), '10');
    assert.equal(bytesToMb(1572864), '1.5');
    assert.deepEqual(mbToBytes('2.5'), { bytes: 2621440 });
    assert.deepEqual(mbToBytes('2,5'), { bytes: 2621440 });
    assert.deepEqual(mbToBytes(' 100 '), { bytes: 100 * 1024 * 1024 });
  });

  test('nothing, words, zero and more than 100 MB are refused before saving', () => {
    assert.deepEqual(mbToBytes(''), { problem: 'enter a size in MB, like 10' });
    assert.deepEqual(mbToBytes('ten'), { problem: 'enter a size in MB, like 10' });
    assert.deepEqual(mbToBytes('0'), { problem: 'must be more than 0 and at most 100 MB' });
    assert.deepEqual(mbToBytes('101'), { problem: 'must be more than 0 and at most 100 MB' });
  });

  test('any whole MB from 1 to 100 round-trips', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), (mb) => assert.equal(bytesToMb((mbToBytes(String(mb)) as { bytes: number }).bytes), String(mb))));
  });
});

describe('unsaved changes', () => {
  const saved = {
    connectionId: 'c1', projectKey: 'ACME', fields: { summary: { direction: 'out' } },
    outgoing: { userPrivacy: 'displayName', comments: { enabled: true, includeInternal: false }, attachments: { enabled: false, maxBytes: 10485760, mimeTypes: [] } },
    incoming: { create: null, valueMaps: { status: {}, priority: {}, issuetype: {} }, users: { matchByEmail: true, map: {}, defaultAccountId: null } },
    scope: { issueTypes: [], labels: [], statuses: [], pilot: null, manualStart: false },
    mode: { kind: 'realtime' },
  };

  test('the draft of the saved rule is unchanged; a real edit is a change; undoing it is not', () => {
    const draft = draftFrom(saved, 'c1', 'ACME');
    assert.equal(isDirty(saved, draft), false);
    const edited = setIn(draft, ['incoming', 'valueMaps', 'status'], { Done: 'Closed' });
    assert.equal(isDirty(saved, edited), true);
    assert.equal(isDirty(saved, setIn(edited, ['incoming', 'valueMaps', 'status'], {})), false);
    assert.equal(isDirty(saved, setIn(draft, ['outgoing', 'comments', 'includeInternal'], true)), true);
  });

  test('a rule never saved is changed once anything is set', () => {
    const empty = draftFrom(null, 'c1', 'ACME');
    assert.equal(isDirty(null, empty), false);
    assert.equal(isDirty(null, setIn(empty, ['scope', 'labels'], ['vip'])), true);
    assert.equal(isDirty(null, setIn(empty, ['scope', 'labels'], [])), false);
  });
});

describe('save problems named by their labels', () => {
  const fieldNames = new Map([['summary', 'Summary'], ['custom:10020', 'Customer Reference']]);

  test('paths become the labels on screen, with the ids of the controls to focus', () => {
    const listed = labelProblems(
      [
        { path: 'scope.statuses[2]', message: '"Shipped" is not a status of ACME' },
        { path: 'incoming.valueMaps.status["Done"]', message: 'no transition reaches "Closed"' },
        { path: 'fields["custom:10020"].partnerField', message: 'a people field maps only to a people field' },
        { path: 'incoming.create.issueType', message: '"Epic" is not an issue type of ACME' },
        { path: 'incoming.users.defaultAccountId', message: 'the account does not exist' },
        { path: 'nonsense[', message: 'odd' },
      ],
      fieldNames,
    );
    assert.deepEqual(listed.map((p) => `${p.label}: ${p.message}`), [
      'Statuses in scope: entry 3: "Shipped" is not a status of ACME',
      'Status value map: "Done": no transition reaches "Closed"',
      'Customer Reference partner field: a people field maps only to a people field',
      'As issue type: "Epic" is not an issue type of ACME',
      'Default account: the account does not exist',
      'Rule: odd',
    ]);
    assert.deepEqual(listed[0]!.targets, ['rule-scope-statuses-2', 'rule-scope-statuses', 'rule-scope']);
    assert.equal(listed[1]!.targets[0], 'rule-incoming-valueMaps-status-Done');
    assert.equal(listed[2]!.targets[0], 'rule-fields-custom-10020-partnerField');
    assert.deepEqual(listed[5]!.targets, []);
  });

  test('every control the editor places problems on has a label', () => {
    for (const path of RULE_CONTROL_PATHS) assert.ok(RULE_CONTROL_LABELS[path], path);
    assert.ok(!labelProblems(RULE_CONTROL_PATHS.map((path) => ({ path, message: 'x' })), fieldNames).some((p) => p.label === 'Rule'));
  });
});
