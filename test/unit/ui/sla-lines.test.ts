// The partner's SLAs on the issue panel: given SLAs as the partner last read them, the panel counts a
// running one down on its own clock, says when it breached, and shows met, breached and paused ones
// as they stood.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { duration, slaLines } from '../../../static/issue-panel/src/logic/sla-lines';

const HOUR = 3_600_000;
const T = Date.UTC(2030, 0, 7, 9);

describe('partner SLA lines', () => {
  test('a running SLA counts down to its breach time, then says how long ago it breached', () => {
    const sla = [{ name: 'Time to resolution', goalMs: 8 * HOUR, state: 'running' as const, breachAt: T + 8 * HOUR, remainingMs: 8 * HOUR, readAt: T }];
    assert.deepEqual(slaLines(sla, T + 90 * 60_000), [{ name: 'Time to resolution', status: '6h 30m left', goal: 'goal 8h', tone: 'inprogress' }]);
    assert.equal(slaLines(sla, T + 9 * HOUR)[0]!.status, 'Breached 1h ago');
    assert.equal(slaLines(sla, T + 9 * HOUR)[0]!.tone, 'removed');
  });

  test('met, breached and paused ones stand as read', () => {
    const base = { name: 'Time to first response', goalMs: 4 * HOUR, breachAt: null, readAt: T };
    const lines = slaLines([{ ...base, state: 'met', remainingMs: HOUR }, { ...base, state: 'breached', remainingMs: -2 * HOUR }, { ...base, state: 'paused', remainingMs: 30 * 60_000 }], T + 100 * HOUR);
    assert.deepEqual(lines.map((l) => l.status), ['Met', 'Breached by 2h', 'Paused, 30m left']);
  });

  test('one the resolver found past its breach time says so, as of the partner\'s last read', () => {
    const projected = { name: 'Time to first response', goalMs: 4 * HOUR, state: 'breached' as const, breachAt: T + 4 * HOUR, remainingMs: -HOUR, readAt: T, projected: true as const };
    const [line] = slaLines([projected], T + 5 * HOUR);
    assert.equal(line!.status, 'Breached 1h ago (its breach time passed; as of 5 h ago)');
    assert.equal(line!.tone, 'removed');
  });

  test('durations read in days, hours and minutes', () => {
    assert.deepEqual([duration(0), duration(59_000 * 60), duration(26 * HOUR + 60_000)], ['0m', '59m', '1d 2h 1m']);
  });
});
