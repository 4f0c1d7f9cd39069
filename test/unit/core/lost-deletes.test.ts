// The lost-delete check asks only about linked pairs that have a local issue, and walks the pair
// index slice by slice, starting over at the top once it reached the end; its schedule walks each
// connection once a day, at most two slices an hour, whatever the number of pairs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { newPairRecord } from '../../../src/core/ledger/pair-record';
import { afterSlice, deleteCheckDue, nextCheckCursor, pairsToCheck, type DeleteCheckState } from '../../../src/core/sync/lost-deletes';
import { emptySchedule, forConnections, parseSchedule, sameSchedule } from '../../../src/core/sync/maintenance-schedule';

const pair = (id: string, local: string | null, unlinkedAt?: number) => ({
  ...newPairRecord({ pairId: pairId(id), connectionId: connectionId('conn-1'), localIssueId: local === null ? null : localIssueId(local), partnerIssueId: partnerIssueId(`p${id}`), origin: 'partner', createdAt: 1 }),
  ...(unlinkedAt === undefined ? {} : { unlinkedAt }),
});

describe('lost-delete check', () => {
  test('only linked pairs with a local issue are asked about', () => {
    const slice = [pair('a', '10001'), pair('b', null), pair('c', '10003', 5)];
    assert.deepEqual(pairsToCheck(slice).map((p) => p.pairId), ['a']);
  });

  test('the cursor moves on with the page and starts over at the end', () => {
    assert.equal(nextCheckCursor({ cursor: 'next-page' }), 'next-page');
    assert.equal(nextCheckCursor({}), null);
  });
});

describe('lost-delete schedule: each connection walked once a day, at most two slices an hour', () => {
  const HOUR = 3_600_000;
  /** Runs the five-minute maintenance for `hours` with `slices` slices per walk; returns when each slice ran. */
  function simulate(slices: number, hours: number, start = 0): number[] {
    let state: DeleteCheckState | undefined;
    let position = 0;
    const ran: number[] = [];
    for (let now = start; now < start + hours * HOUR; now += 5 * 60_000) {
      if (!deleteCheckDue(state, now)) continue;
      ran.push(now);
      position++;
      state = afterSlice(state, now, position < slices ? `cursor-${position}` : null);
      if (position === slices) position = 0;
    }
    return ran;
  }

  test('a connection never checked is due at once', () => {
    assert.equal(deleteCheckDue(undefined, 0), true);
  });

  test('with one slice of pairs (0 to 50 pairs), one check a day', () => {
    const ran = simulate(1, 72);
    assert.deepEqual(ran.map((t) => t / HOUR), [0, 24, 48]);
  });

  test('with ten slices (500 pairs), a walk takes five hours at one slice per 30 minutes, and every slice comes round 24 h later', () => {
    const ran = simulate(10, 72);
    assert.deepEqual(ran.slice(0, 10).map((t) => t / 60_000), [0, 30, 60, 90, 120, 150, 180, 210, 240, 270]);
    assert.equal(ran.length, 30, 'three walks in three days');
    for (let k = 0; k < 20; k++) assert.equal(ran[k + 10]! - ran[k]!, 24 * HOUR, `slice ${k % 10} checked again after exactly 24 h`);
  });

  test('whatever the number of pairs, no hour has more than two slices', () => {
    for (const slices of [1, 2, 10, 48, 200]) {
      const ran = simulate(slices, 96);
      for (let h = 0; h < 96; h++) {
        const inHour = ran.filter((t) => t >= h * HOUR && t < (h + 1) * HOUR).length;
        assert.ok(inHour <= 2, `${slices} slices per walk: ${inHour} slices in hour ${h}`);
      }
    }
  });

  test('a walk longer than a day (more than 2,400 pairs) goes on every 30 minutes and the next begins right after it', () => {
    const ran = simulate(60, 80);
    for (let i = 1; i < ran.length; i++) assert.equal(ran[i]! - ran[i - 1]!, 30 * 60_000);
  });

  test('pairs added since the last walk: the walk is longer, at the same pace, and the next still begins a day after it began', () => {
    let state = afterSlice(undefined, 0, null);
    assert.equal(state.lastWalkSlices, 1);
    state = afterSlice(state, 24 * HOUR, 'c1');
    assert.equal(state.nextAt, 24 * HOUR + 30 * 60_000);
    state = afterSlice(state, state.nextAt, null);
    assert.deepEqual({ last: state.lastWalkSlices, next: state.nextAt / HOUR }, { last: 2, next: 48 });
  });
});

describe('maintenance schedule record', () => {
  test('a value that does not parse is an empty schedule: every duty due once, nothing lost', () => {
    assert.deepEqual(parseSchedule({ v: 1, deleteChecks: { c: { cursor: 5 } } }), emptySchedule());
    assert.deepEqual(parseSchedule(null), emptySchedule());
  });

  test('connections that ended or went lose their entry, and an unchanged schedule is recognised (no write)', () => {
    const state = afterSlice(undefined, 0, null);
    const schedule = { v: 1 as const, deleteChecks: { live: state, gone: state } };
    const kept = forConnections(schedule, new Set(['live']));
    assert.deepEqual(Object.keys(kept.deleteChecks), ['live']);
    assert.equal(sameSchedule(kept, parseSchedule(JSON.parse(JSON.stringify(kept)))), true);
    assert.equal(sameSchedule(kept, schedule), false);
  });
});
