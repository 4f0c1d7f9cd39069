// A bulk sync's pages keep inside Forge's storage limits (1,000 requests a second, 4,000 units a
// minute per installation) and the partner's 600 creates a minute by themselves: a few pages at once,
// then one every few seconds. Before, every page ran at once until storage refused, and each refusal
// cost the minute's wait (a 1,008-issue bulk drained in 600 s; paced, in 130 s).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BULK_BURST_PAGES, BULK_PAGE_SIZE, BULK_PAGES_PER_SECOND, nextPagePace, type BulkPace } from '../../../src/app/bulk-pace';

/** When each of `pages` pages starts, each queued with the delay its predecessor asked for (a page takes no time). */
function schedule(pages: number, start = 1_000_000): number[] {
  const at: number[] = [];
  let now = start;
  let pace: BulkPace | undefined;
  for (let i = 0; i < pages; i++) {
    at.push(now);
    const next = nextPagePace(pace, now);
    pace = next.pace;
    now += next.delaySeconds * 1000;
  }
  return at;
}

describe('bulk page pacing', () => {
  test('a small project runs its pages back to back: three pages (120 issues) at once', () => {
    assert.equal(BULK_BURST_PAGES, 3);
    const at = schedule(3);
    assert.deepEqual(at, [at[0], at[0], at[0]]);
  });

  test('a large one: no second holds more than the burst, no minute more than 450 creates, and it does not crawl', () => {
    const at = schedule(125);
    for (const t of at) {
      assert.ok(at.filter((u) => u > t - 1000 && u <= t).length <= BULK_BURST_PAGES, 'pages in one second');
      assert.ok(at.filter((u) => u > t - 60_000 && u <= t).length * BULK_PAGE_SIZE <= 600 * 0.95, 'creates in one minute');
    }
    const seconds = (at.at(-1)! - at[0]!) / 1000;
    // 5,000 issues: 122 paced pages at 0.1875 a second (whole seconds: 6 s each) is 732 s.
    assert.ok(seconds <= (125 - BULK_BURST_PAGES) / BULK_PAGES_PER_SECOND + 125, `${seconds} s`);
  });

  test('time a page took refills the bucket (on Forge a page takes seconds): a slow run is not slowed further', () => {
    const first = nextPagePace(undefined, 0);
    const second = nextPagePace(first.pace, 0);
    const third = nextPagePace(second.pace, 0);
    assert.ok(third.delaySeconds > 0);
    // The fourth page started 20 s after the third: 3.75 pages' worth came back, capped at the burst.
    const fourth = nextPagePace(third.pace, 20_000);
    assert.equal(fourth.delaySeconds, 0);
    assert.equal(fourth.pace.credit, BULK_BURST_PAGES - 1);
  });
});
