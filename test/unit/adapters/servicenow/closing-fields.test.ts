// What Liaison sends with a resolving or closing state, per table: the code column and the notes the
// instance's data policy wants for that code, from the rule's entry for the state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closingBody, entryForState } from '../../../../src/adapters/servicenow/closing-fields';
import { TABLE_STATES } from '../../../../src/adapters/servicenow/value-maps';

describe('closing fields', () => {
  test('incident: close code and resolution notes on Resolved and Closed, nothing on other states', () => {
    assert.deepEqual(closingBody('incident', '6', { code: 'Workaround provided', notes: 'Done in {key}' }, 'ACME-5'), { close_code: 'Workaround provided', close_notes: 'Done in ACME-5' });
    assert.deepEqual(closingBody('incident', '7', undefined, ''), { close_code: 'Solution provided', close_notes: 'Resolved in Jira' });
    assert.deepEqual(closingBody('incident', '2', { code: 'x' }, 'ACME-5'), {});
  });

  test('change request: close code and close notes on Closed only', () => {
    assert.deepEqual(closingBody('change_request', '3', undefined, 'ACME-8'), { close_code: 'successful', close_notes: 'Resolved in Jira ACME-8' });
    assert.deepEqual(closingBody('change_request', '4', undefined, 'ACME-8'), {});
  });

  test('problem: the notes each resolution code needs, keeping cause and fix notes an agent wrote', () => {
    assert.deepEqual(closingBody('problem', '106', undefined, 'ACME-7'), { resolution_code: 'fix_applied', cause_notes: 'Resolved in Jira ACME-7', fix_notes: 'Resolved in Jira ACME-7' });
    assert.deepEqual(closingBody('problem', '107', { code: 'canceled', notes: 'Dropped in {key}' }, 'ACME-7'), { resolution_code: 'canceled', close_notes: 'Dropped in ACME-7' });
    assert.deepEqual(closingBody('problem', '106', { code: 'fix_applied' }, 'ACME-7', { cause_notes: 'Expired certificate', fix_notes: '' }), { resolution_code: 'fix_applied', fix_notes: 'Resolved in Jira ACME-7' });
    assert.throws(() => closingBody('problem', '106', { code: 'duplicate' }, 'ACME-7'), /Duplicate of/);
  });

  test('the rule names a state by its label or its stored value', () => {
    const entries = { Resolved: { code: 'fix_applied' }, '107': { code: 'canceled' } };
    assert.deepEqual(entryForState(entries, TABLE_STATES.problem!, '106'), { code: 'fix_applied' });
    assert.deepEqual(entryForState(entries, TABLE_STATES.problem!, '107'), { code: 'canceled' });
    assert.equal(entryForState(entries, TABLE_STATES.problem!, '104'), undefined);
  });
});
