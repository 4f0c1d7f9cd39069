// ServiceNow's default choices and the preconfigured maps to Jira's default statuses and priorities.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choiceLabel, choiceValue, DEFAULT_PRIORITY_FROM_JIRA, DEFAULT_PRIORITY_TO_JIRA, DEFAULT_STATUS_FROM_JIRA, DEFAULT_STATUS_TO_JIRA,
  defaultChoicesFor, defaultValueMaps, impactUrgencyFor, IMPACT_URGENCY, INCIDENT_STATES, priorityFromImpactUrgency, PRIORITIES, TABLE_STATES,
} from '../../../../src/adapters/servicenow/value-maps';

describe('value maps', () => {
  test('incident states and priorities carry ServiceNow\'s default values', () => {
    assert.deepEqual(INCIDENT_STATES.map((c) => `${c.value} ${c.label}`), ['1 New', '2 In Progress', '3 On Hold', '6 Resolved', '7 Closed', '8 Canceled']);
    assert.deepEqual(PRIORITIES.map((c) => c.value), ['1', '2', '3', '4', '5']);
    assert.equal(choiceLabel(PRIORITIES, '1'), '1 - Critical');
    assert.equal(choiceLabel(PRIORITIES, '5'), '5 - Planning');
    assert.deepEqual(IMPACT_URGENCY.map((c) => c.label), ['1 - High', '2 - Medium', '3 - Low']);
  });

  test('a label (any case) or a stored value finds the stored value', () => {
    assert.equal(choiceValue(INCIDENT_STATES, 'resolved'), '6');
    assert.equal(choiceValue(INCIDENT_STATES, '7'), '7');
    assert.equal(choiceValue(INCIDENT_STATES, 'Done'), undefined);
  });

  test('every ServiceNow state and priority maps to a Jira value, and every Jira default maps back to one that maps to it', () => {
    for (const c of INCIDENT_STATES) assert.ok(DEFAULT_STATUS_TO_JIRA[c.label], c.label);
    for (const c of PRIORITIES) assert.ok(DEFAULT_PRIORITY_TO_JIRA[c.label], c.label);
    for (const [jira, sn] of Object.entries(DEFAULT_STATUS_FROM_JIRA)) assert.equal(DEFAULT_STATUS_TO_JIRA[sn], jira);
    for (const [jira, sn] of Object.entries(DEFAULT_PRIORITY_FROM_JIRA)) assert.equal(DEFAULT_PRIORITY_TO_JIRA[sn], jira);
    assert.deepEqual(Object.keys(DEFAULT_PRIORITY_FROM_JIRA), ['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    assert.deepEqual(Object.keys(DEFAULT_STATUS_FROM_JIRA), ['To Do', 'In Progress', 'Done']);
  });

  test('change requests, problems and requested items have their own states, and their maps use them both ways', () => {
    assert.deepEqual(defaultChoicesFor('change_request').state?.map((c) => `${c.value} ${c.label}`), ['-5 New', '-4 Assess', '-3 Authorize', '-2 Scheduled', '-1 Implement', '0 Review', '3 Closed', '4 Canceled']);
    assert.equal(defaultChoicesFor('incident').state, INCIDENT_STATES);
    assert.equal(defaultChoicesFor('incident').priority, PRIORITIES);
    for (const table of Object.keys(TABLE_STATES)) {
      const labels = new Set(TABLE_STATES[table]!.map((c) => c.label));
      const maps = defaultValueMaps(table);
      // Every state of the table reaches a Jira status, and every Jira status lands on a real state that maps back to it.
      for (const label of labels) assert.ok(maps.toJira.status[label], `${table}: ${label} has no Jira status`);
      assert.deepEqual(Object.keys(maps.toServiceNow.status), ['To Do', 'In Progress', 'Done'], table);
      for (const [jira, sn] of Object.entries(maps.toServiceNow.status)) {
        assert.ok(labels.has(sn), `${table}: ${sn} is not one of its states`);
        assert.equal(maps.toJira.status[sn], jira, `${table}: ${sn} does not map back to ${jira}`);
      }
    }
    // A table Liaison knows nothing of: no guessed state maps (its sys_choice labels are the admin's to map).
    assert.deepEqual(defaultValueMaps('u_custom_ticket').toServiceNow.status, {});
  });

  test('defaultValueMaps hands out copies', () => {
    const a = defaultValueMaps();
    a.toJira.status.New = 'Backlog';
    assert.equal(defaultValueMaps().toJira.status.New, 'To Do');
    assert.equal(DEFAULT_STATUS_TO_JIRA.New, 'To Do');
  });

  test('priority from impact × urgency is ServiceNow\'s default lookup', () => {
    const table = ['1', '2', '3'].map((impact) => ['1', '2', '3'].map((urgency) => priorityFromImpactUrgency(impact, urgency)).join(' '));
    assert.deepEqual(table, ['1 2 3', '2 3 4', '3 4 5']);
    assert.throws(() => priorityFromImpactUrgency('4', '1'), /impact must be 1, 2 or 3/);
  });

  test('each priority is written as an impact and urgency that yield it', () => {
    for (const { value } of PRIORITIES) {
      const { impact, urgency } = impactUrgencyFor(value);
      assert.equal(priorityFromImpactUrgency(impact, urgency), value);
    }
    assert.throws(() => impactUrgencyFor('0'), /priority must be 1 to 5/);
  });
});
