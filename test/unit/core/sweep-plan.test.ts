// The reconciliation sweep's arithmetic: the search window overlaps the last sweep (JQL's minute
// precision, Jira's index lag) but never reaches before sharing began, an issue already planned at
// its current version is skipped, and a sweep that planned nothing leaves nothing to write.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FIRST_SWEEP_LOOKBACK_MS, SWEEP_OVERLAP_MS, SWEEP_SEEN_MAX, firstWatermark, nextWatermark, ownUntouchedCreate, sweepJql, unseenHits, type SweepWatermark } from '../../../src/core/sync/sweep-plan';

const NOW = Date.UTC(2030, 0, 7, 9, 0, 0);
const LONG_AGO = NOW - 90 * 24 * 3_600_000;
const minutesIn = (jql: string) => Number(/updated >= "-(\d+)m"/.exec(jql)?.[1]);
const mark = (since: number | null, seen: Record<string, number> = {}, sharedSince = LONG_AGO): SweepWatermark => ({ since, sharedSince, seen });

describe('sweep search window', () => {
  test('given a project shared long ago and never swept, when it is swept, then it looks back a day', () => {
    assert.equal(sweepJql('ACME', firstWatermark(LONG_AGO), NOW), `project = ACME AND updated >= "-${FIRST_SWEEP_LOOKBACK_MS / 60_000}m" ORDER BY updated ASC`);
  });

  test('given a project shared ten minutes ago, then the first sweep looks back no further than that', () => {
    assert.equal(minutesIn(sweepJql('ACME', firstWatermark(NOW - 10 * 60_000), NOW)), 10);
  });

  test('given a watermark, then the window reaches the overlap before it, rounded up to whole minutes', () => {
    const since = NOW - 5 * 60_000 - 1_500;
    const minutes = minutesIn(sweepJql('ACME', mark(since), NOW));
    assert.equal(minutes, Math.ceil((NOW - since + SWEEP_OVERLAP_MS) / 60_000));
  });

  test('a key that is not a project key never reaches JQL', () => {
    assert.throws(() => sweepJql('ACME OR project = X', firstWatermark(LONG_AGO), NOW), /not a Jira project key/);
  });

  test('any watermark before now: the window covers everything updated since the overlap before it, by less than a minute more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 24 * 3_600_000 }), (age) => {
        const since = NOW - age;
        const from = NOW - minutesIn(sweepJql('P1', mark(since), NOW)) * 60_000;
        return from <= since - SWEEP_OVERLAP_MS && from > since - SWEEP_OVERLAP_MS - 60_000;
      }),
    );
  });
});

describe('which issues a sweep plans', () => {
  const watermark = mark(NOW - 300_000, { '10001': NOW - 320_000, '10002': NOW - 310_000 });

  test('given an issue planned at its current version, then it is skipped; a newer version or a new issue is planned', () => {
    const hits = [
      { id: '10001', updated: NOW - 320_000 },
      { id: '10002', updated: NOW - 10_000 },
      { id: '10003', updated: NOW - 5_000 },
    ];
    assert.deepEqual(unseenHits(hits, watermark).map((h) => h.id), ['10002', '10003']);
    assert.deepEqual(unseenHits(hits, firstWatermark(LONG_AGO)).map((h) => h.id), ['10001', '10002', '10003']);
  });

  test('given issues last updated before the project was shared (or as it was), then no sweep plans them', () => {
    const shared = NOW - 60_000;
    const hits = [{ id: 'old', updated: shared - 1 }, { id: 'same', updated: shared }, { id: 'after', updated: shared + 1 }];
    assert.deepEqual(unseenHits(hits, firstWatermark(shared)).map((h) => h.id), ['after']);
  });

  test("given issues this app created, then only one nobody touched since is its own write; anyone's later edit, or another creator, is looked at", () => {
    const app = 'app-account-1';
    const at = NOW - 30_000;
    assert.equal(ownUntouchedCreate({ id: 'a', updated: at, created: at, creatorId: app }, app), true, 'created by the app, untouched');
    assert.equal(ownUntouchedCreate({ id: 'b', updated: at + 1, created: at, creatorId: app }, app), false, 'edited after the create');
    assert.equal(ownUntouchedCreate({ id: 'c', updated: at, created: at, creatorId: 'someone-else' }, app), false, "another account's create (its event may be the lost one)");
    assert.equal(ownUntouchedCreate({ id: 'd', updated: at, created: at, creatorId: null }, app), false, 'creator unknown');
    assert.equal(ownUntouchedCreate({ id: 'e', updated: at }, app), false, 'the search did not say');
    assert.equal(ownUntouchedCreate({ id: 'f', updated: at, created: at, creatorId: app }, undefined), false, 'the app account not known yet');
  });
});

describe('the watermark after a sweep', () => {
  test('given a sweep that planned nothing, then nothing is written, on any page', () => {
    assert.equal(nextWatermark(mark(NOW - 300_000), true, [], NOW), null);
    assert.equal(nextWatermark(mark(NOW - 300_000), true, [], null, 3), null);
  });

  test('given a finished run that found only issues planned before, then the window moves past them (each would cost a Jira point on every later search)', () => {
    const seen = { a: NOW - 3_600_000, b: NOW - 60_000 };
    const next = nextWatermark(mark(NOW - 7_200_000, seen), true, [], NOW, 0, 2);
    assert.deepEqual(next, mark(NOW, { b: NOW - 60_000 }), 'the window starts at the run; b stays seen within its overlap');
    assert.match(sweepJql('ACME', next!, NOW + 300_000), /updated >= "-10m"/, 'the next search reaches back to the run, with its overlap, not two hours');
    assert.equal(nextWatermark(mark(NOW - 300_000, seen), true, [], null, 0, 2), null, 'not before the run is finished');
  });

  test('given a project never swept, then its first finished sweep writes the watermark even with nothing planned', () => {
    assert.deepEqual(nextWatermark(firstWatermark(LONG_AGO), false, [], NOW), { since: NOW, sharedSince: LONG_AGO, seen: {} });
  });

  test('given a run that planned on an earlier page only, then its last page still moves the watermark', () => {
    assert.deepEqual(nextWatermark(mark(NOW - 300_000, { a: NOW - 1_000 }), true, [], NOW, 1), mark(NOW, { a: NOW - 1_000 }));
  });

  test('given a finished run, then the watermark moves to its start and keeps only what the next search can return', () => {
    const next = nextWatermark(mark(NOW - 600_000, { old: NOW - 900_000, recent: NOW - 60_000 }), true, [{ id: 'new', updated: NOW - 1_000 }], NOW);
    assert.deepEqual(next, mark(NOW, { new: NOW - 1_000, recent: NOW - 60_000 }));
  });

  test('given a middle page, then the watermark does not move but the planned issues are remembered', () => {
    assert.deepEqual(nextWatermark(mark(NOW - 600_000), true, [{ id: 'x', updated: NOW - 2_000 }], null), mark(NOW - 600_000, { x: NOW - 2_000 }));
    assert.deepEqual(nextWatermark(firstWatermark(LONG_AGO), false, [{ id: 'x', updated: NOW - 2_000 }], null), mark(null, { x: NOW - 2_000 }));
  });

  test('given a newer run finished first, then an older run finishing later never moves it back', () => {
    assert.equal(nextWatermark(mark(NOW), true, [{ id: 'x', updated: NOW - 1_000 }], NOW - 300_000)?.since, NOW);
  });

  test('the seen set stays bounded, keeping the newest', () => {
    const planned = Array.from({ length: SWEEP_SEEN_MAX + 10 }, (_, i) => ({ id: `i${i}`, updated: NOW - 1_000 + i }));
    const next = nextWatermark(firstWatermark(LONG_AGO), false, planned, NOW);
    assert.equal(Object.keys(next?.seen ?? {}).length, SWEEP_SEEN_MAX);
    assert.ok(next?.seen[`i${SWEEP_SEEN_MAX + 9}`] !== undefined && next.seen.i0 === undefined);
  });
});
