// Reading Jira Service Management: a project whose rules send no service desk data costs no extra
// read; JSM's SlaInformation becomes the replica's SLA (running with its breach time, paused, met or
// breached from the last completed cycle); an SLA with no goal is left out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readPlanFor } from '../../../../src/adapters/jira/read-plan';
import { toSla } from '../../../../src/adapters/jira/service-desk';
import { parseRule } from '../../../../src/core/rules/parse-rule';
import type { SharingRuleInput } from '../../../../src/core/rules/schema';

const rule = (extra: Partial<SharingRuleInput> = {}) => {
  const parsed = parseRule({ connectionId: 'c', projectKey: 'ALPHA', fields: { summary: { direction: 'both', conflict: 'latest' } }, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.value;
};
const HOUR = 3_600_000;
const T = Date.UTC(2030, 0, 7, 9);

describe('service desk reads', () => {
  test('only a rule that sends request type, participants or SLAs asks for the request read', () => {
    assert.equal(readPlanFor([rule()]).serviceDesk, undefined);
    assert.equal(readPlanFor([rule({ incoming: { serviceDesk: { requestType: true, participants: true } } })]).serviceDesk, undefined, 'taking them in needs no read');
    assert.equal(readPlanFor([rule(), rule({ outgoing: { serviceDesk: { sla: true } } })]).serviceDesk, true);
  });

  test('SLA cycles become running, paused, met or breached', () => {
    const goal = { millis: 4 * HOUR, friendly: '4h' };
    assert.deepEqual(toSla({ name: 'TTFR', ongoingCycle: { breached: false, paused: false, breachTime: { epochMillis: T + HOUR }, goalDuration: goal, remainingTime: { millis: HOUR } } }, T), { name: 'TTFR', goalMs: 4 * HOUR, state: 'running', breachAt: T + HOUR, remainingMs: HOUR, readAt: T });
    assert.equal(toSla({ name: 'TTFR', ongoingCycle: { paused: true, goalDuration: goal, remainingTime: { millis: HOUR } } }, T)?.state, 'paused');
    assert.equal(toSla({ name: 'TTFR', completedCycles: [{ breached: true, goalDuration: goal, remainingTime: { millis: -HOUR } }] }, T)?.state, 'breached');
    assert.equal(toSla({ name: 'TTFR', completedCycles: [{ breached: false, goalDuration: goal, remainingTime: { millis: HOUR } }] }, T)?.state, 'met');
    assert.equal(toSla({ name: 'No goal', completedCycles: [] }, T), null);
  });
});
