// Reading and writing by stored value on an instance that speaks German, renamed a label or changed its
// priority lookup; Liaison's own link note and journal authors' display names.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { linkNote, resolutionFields } from '../../../../src/adapters/servicenow/record-links';
import { editsToPatch, keptChoices } from '../../../../src/adapters/servicenow/record-patch';
import { recordToSnapshot } from '../../../../src/adapters/servicenow/record-snapshot';
import { journalEntrySchema } from '../../../../src/adapters/servicenow/servicenow-schemas';
import { impactUrgencyFor, priorityFromImpactUrgency, type PriorityRule } from '../../../../src/adapters/servicenow/value-maps';
import { INCIDENT_ID, INSTANCE } from './support/records';

const german = { sys_id: INCIDENT_ID, number: 'INC0010001', sys_updated_on: '2025-06-02 09:01:30', state: { value: '6', display_value: 'Gelöst' }, priority: { value: '2', display_value: '2 - Hoch' } };
const entry = (value: string, by: string) => journalEntrySchema.parse({ sys_id: `${by}${value.length}`.padEnd(32, '0').slice(0, 32), element: 'work_notes', element_id: INCIDENT_ID, value, sys_created_on: '2025-06-02 09:01:30', sys_created_by: by });

describe('stored values, not display labels', () => {
  test("a German integration user's display values change nothing: the snapshot names ServiceNow's labels", () => {
    const s = recordToSnapshot({ instanceUrl: INSTANCE, table: 'incident', record: german, journal: [], attachments: [], fields: ['status', 'priority'] });
    assert.deepEqual(s.fields.status?.value, { kind: 'option', name: 'Resolved' });
    assert.deepEqual(s.fields.priority?.value, { kind: 'option', name: '2 - High' });
  });

  test("a label the instance renamed is shown under the instance's name; the rule's default label still writes the same value", () => {
    const choices = { state: [{ value: '1', label: 'New' }, { value: '2', label: 'In Progress' }, { value: '3', label: 'Waiting' }, { value: '6', label: 'Resolved' }] };
    const s = recordToSnapshot({ instanceUrl: INSTANCE, table: 'incident', record: { ...german, state: { value: '3', display_value: 'Zurückgestellt' } }, journal: [], attachments: [], fields: ['status'], choices });
    assert.deepEqual(s.fields.status?.value, { kind: 'option', name: 'Waiting' });
    const patch = editsToPatch([{ field: 'status', value: { kind: 'option', name: 'On Hold' }, partnerField: 'status' }], { table: 'incident', choices });
    assert.equal(patch.body.state, '3');
  });

  test("priority goes through the instance's own lookup rules; a priority they cannot give is refused by name", () => {
    const custom: PriorityRule[] = [];
    for (const impact of ['1', '2', '3']) for (const urgency of ['1', '2', '3']) custom.push({ impact, urgency, priority: impact === '1' && urgency === '2' ? '1' : priorityFromImpactUrgency(impact, urgency) });
    assert.deepEqual(impactUrgencyFor('2', custom), { impact: '2', urgency: '1' });
    assert.deepEqual(impactUrgencyFor('3'), { impact: '2', urgency: '2' }, 'the default table without rules');
    const patch = editsToPatch([{ field: 'priority', value: { kind: 'option', name: '2 - High' }, partnerField: 'priority' }], { table: 'incident', priorityLookup: custom });
    assert.deepEqual(patch.body, { impact: '2', urgency: '1', priority: '2' });
    const noFive = custom.filter((r) => r.priority !== '5');
    assert.throws(() => editsToPatch([{ field: 'priority', value: { kind: 'option', name: '5 - Planning' }, partnerField: 'priority' }], { table: 'incident', priorityLookup: noFive }), /no impact × urgency in the instance's priority lookup rules gives priority "5"/);
  });

  test('a choice the instance did not keep is found after the write', () => {
    const patch = editsToPatch([{ field: 'status', value: { kind: 'option', name: 'Resolved' }, partnerField: 'status' }], { table: 'incident' });
    assert.deepEqual(keptChoices(patch, { table: 'incident' }, { state: '2' }), [{ column: 'state', sent: '6', kept: '2' }]);
    assert.deepEqual(keptChoices(patch, { table: 'incident' }, { state: '6' }), []);
  });
});

describe('what Liaison writes besides shared fields', () => {
  test('resolution fields: the chosen code and the notes template with the Jira key', () => {
    assert.deepEqual(resolutionFields({ code: 'Workaround provided', notes: 'Closed from {key}' }, 'ACME-5'), { close_code: 'Workaround provided', close_notes: 'Closed from ACME-5' });
    assert.deepEqual(resolutionFields(undefined, ''), { close_code: 'Solution provided', close_notes: 'Resolved in Jira' });
  });

  test("the link note stays on ServiceNow; journal authors are named by display name where known", () => {
    const journal = [entry(linkNote('ACME-5', 'https://acme.atlassian.net/browse/ACME-5'), 'liaison.integration'), entry('Checked the relay', 'beth.anglin'), entry('Still down', 'gone.user')];
    const s = recordToSnapshot({ instanceUrl: INSTANCE, table: 'incident', record: german, journal, attachments: [], fields: [], authors: new Map([['beth.anglin', 'Beth Anglin']]) });
    assert.deepEqual(s.comments.map((c) => c.author.displayName), ['Beth Anglin', 'gone.user']);
  });
});
