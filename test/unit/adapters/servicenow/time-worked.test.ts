// The record's Time worked as one worklog: the timer's total to the nearest minute, started when
// the record was created, named by the record's number; no column read, no worklogs concluded.
// And the peer never reads it while the Jira rule writes Jira's time spent into the same timer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jiraMinutes, timeWorkedWorklog } from '../../../../src/adapters/servicenow/time-worked';
import { peerRule, writesTimeWorked } from '../../../../src/app/servicenow/peer-rule';
import { timeWorkedProblems } from '../../../../src/app/servicenow/rule-check';
import { parseRule } from '../../../../src/core/rules/parse-rule';

const record = (timeWorked: unknown) => ({
  sys_id: 'a'.repeat(32), number: 'INC0010001', sys_created_on: '2030-01-07 08:00:00', sys_updated_on: '2030-01-07 09:30:00', time_worked: timeWorked,
});

describe('ServiceNow time worked as a worklog', () => {
  test('the total, in whole minutes, whatever the display mode', () => {
    const w = timeWorkedWorklog(record({ value: '1970-01-01 01:30:20', display_value: '1 Hour 30 Minutes 20 Seconds' }))!;
    assert.deepEqual({ ...w, comment: undefined }, { id: 'time_worked', timeSpentSeconds: 5_400, started: '2030-01-07T08:00:00.000Z', comment: undefined, author: { displayName: '' }, updatedAt: Date.UTC(2030, 0, 7, 9, 30), restricted: false });
    assert.match(JSON.stringify(w.comment), /Time worked in ServiceNow \(INC0010001\)/);
    assert.equal(timeWorkedWorklog(record(''))!.timeSpentSeconds, 0, 'an empty timer is no time');
    assert.equal(timeWorkedWorklog(record('1970-01-02 00:00:00'))!.timeSpentSeconds, 86_400);
    const { time_worked: _none, ...without } = record('');
    assert.equal(timeWorkedWorklog(without), undefined, 'not read: nothing concluded');
    assert.deepEqual([29, 30, 89, 90].map(jiraMinutes), [0, 60, 60, 120]);
  });

  test('the peer takes time worked to Jira only when the Jira rule does not write time spent into it', () => {
    const parse = (fields: Record<string, unknown>) => {
      const r = parseRule({ connectionId: 'c', projectKey: 'ACME', fields, incoming: { worklogs: { enabled: true } } });
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.value;
    };
    assert.equal(peerRule(parse({ summary: { direction: 'both', conflict: 'latest' } }), 'incident').outgoing.worklogs.enabled, true);
    const both = parse({ timespent: { direction: 'out' } });
    assert.equal(writesTimeWorked(both), true);
    assert.equal(peerRule(both, 'incident').outgoing.worklogs.enabled, false, 'a rule saved before the check: the timer is Liaison\'s own write');
    assert.equal(writesTimeWorked(parse({ 'custom:u_minutes': { direction: 'out', partnerField: 'custom:time_worked' } })), true, 'a field mapped onto the timer');
    assert.deepEqual(timeWorkedProblems({ fields: { timespent: { direction: 'out' } }, incoming: { worklogs: { enabled: false } } }), []);
    assert.deepEqual(timeWorkedProblems({ fields: { timespent: { direction: 'out' } }, incoming: { worklogs: { enabled: true } } }).map((p) => p.path), ['fields["timespent"].direction']);
  });
});
