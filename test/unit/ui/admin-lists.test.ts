import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SyncErrorView } from '../../../src/shared/resolver-contract';
import { CHART_PADDING, chartGeometry, niceMax, tickY } from '../../../static/admin/src/logic/kpi-chart';
import { bulkProgress, filterErrors, firstPage, groupErrors, nextPage, pageNumber, previousPage } from '../../../static/admin/src/logic/lists';

const error = (over: Partial<SyncErrorView>): SyncErrorView => ({ id: 'e', at: 0, connectionId: 'c', pairId: 'p1', field: 'priority', value: '"Urgent"', reason: 'no such priority', retryable: true, ...over });

describe('admin lists', () => {
  test('errors filter by text on field, value, reason and by retryability', () => {
    const errors = [error({ id: 'a' }), error({ id: 'b', field: 'status', value: '"Closed"', reason: 'no transition', retryable: false })];
    assert.deepEqual(filterErrors(errors, { text: '', retryableOnly: false }).map((e) => e.id), ['a', 'b']);
    assert.deepEqual(filterErrors(errors, { text: 'TRANSITION', retryableOnly: false }).map((e) => e.id), ['b']);
    assert.deepEqual(filterErrors(errors, { text: 'urgent', retryableOnly: false }).map((e) => e.id), ['a']);
    assert.deepEqual(filterErrors(errors, { text: '', retryableOnly: true }).map((e) => e.id), ['a']);
  });

  test('audit pager walks forward by cursor and back by its stack', () => {
    let p = firstPage();
    assert.equal(pageNumber(p), 1);
    p = nextPage(p, 'c2');
    p = nextPage(p, 'c3');
    assert.deepEqual(p, { stack: [undefined, 'c2'], current: 'c3' });
    assert.equal(pageNumber(p), 3);
    p = previousPage(previousPage(p));
    assert.deepEqual(p, firstPage());
    assert.deepEqual(previousPage(p), p);
  });

  test('bulk progress', () => {
    assert.deepEqual(bulkProgress(null), { fraction: 0, label: 'Not started', running: false });
    const running = bulkProgress({ state: 'running', total: 200, processed: 50, queued: 40, startedAt: 1, finishedAt: null });
    assert.equal(running.fraction, 0.25);
    assert.equal(running.running, true);
    assert.match(running.label, /50 of 200 issues checked, 40 to send/);
    assert.equal(bulkProgress({ state: 'done', total: 0, processed: 0, queued: 0, startedAt: 1, finishedAt: 2 }).fraction, 1);
    const failed = bulkProgress({ state: 'failed', total: 100, processed: 30, queued: 20, startedAt: 1, finishedAt: null, error: 'Jira answered 503' });
    assert.deepEqual(failed, { fraction: 0.3, label: 'Stopped: 30 of 100 issues checked, 20 to send. Jira answered 503. Start again to resume.', running: false });
  });

  test('bulk sync says what became of what it sent: the partner refusing all of it is not "done, 4 queued"', () => {
    const refused = bulkProgress({ state: 'done', total: 4, processed: 4, queued: 4, startedAt: 1, finishedAt: 2, delivered: 0, refused: 4, waiting: 0, throughQueue: 0 });
    assert.equal(refused.label, 'Done: 4 of 4 issues checked, 4 to send: 0 delivered, 4 refused by the partner, 0 waiting in the queue');
    const later = bulkProgress({ state: 'done', total: 10, processed: 10, queued: 6, startedAt: 1, finishedAt: 2, delivered: 3, refused: 0, waiting: 1, throughQueue: 2 });
    assert.match(later.label, /3 delivered, 0 refused by the partner, 1 waiting in the queue, 2 went through the queue since/);
  });

  test('errors group by their explanation, the largest group first; the filter reads the wording and the issue keys', () => {
    const wording = (what: string) => ({ cause: 'no-account', title: 'Assignee was not applied', what, fixBy: 'partner' as const, retryable: true });
    const errors = [
      error({ id: 'a', wording: wording('Globex must fix this: their rule has no account for Ann.'), issue: { localKey: 'ACME-1', partnerKey: 'GLX-1', partnerUrl: null } }),
      error({ id: 'b', wording: wording('Globex must fix this: their rule has no account for Bob.') }),
      error({ id: 'c', wording: wording('Globex must fix this: their rule has no account for Bob.') }),
    ];
    const groups = groupErrors(errors);
    assert.deepEqual(groups.map((g) => g.errors.map((e) => e.id)), [['b', 'c'], ['a']]);
    assert.equal(groups[0]!.fixBy, 'partner');
    assert.deepEqual(filterErrors(errors, { text: 'acme-1', retryableOnly: false }).map((e) => e.id), ['a']);
    assert.deepEqual(filterErrors(errors, { text: 'account for bob', retryableOnly: false }).map((e) => e.id), ['b', 'c']);
  });
});

describe('KPI chart geometry', () => {
  test('round axis maximum', () => {
    assert.deepEqual([0, 1, 3, 7, 10, 11, 180, 501].map(niceMax), [1, 1, 5, 10, 10, 20, 200, 1000]);
  });

  test('bars share one scale and sit on the baseline', () => {
    const chart = chartGeometry([{ day: '2025-03-01', out: 10, in: 5 }, { day: '2025-03-02', out: 0, in: 20 }], 400, 200);
    assert.equal(chart.max, 20);
    assert.equal(chart.bars.length, 4);
    const baseline = 200 - CHART_PADDING.bottom;
    for (const b of chart.bars) assert.ok(Math.abs(b.y + b.height - baseline) < 1e-9, 'every bar ends on the baseline');
    const tallest = chart.bars.find((b) => b.value === 20)!;
    assert.equal(tallest.y, CHART_PADDING.top);
    assert.equal(chart.bars.find((b) => b.day === '2025-03-01' && b.direction === 'in')!.height, tallest.height / 4);
    assert.equal(tickY(chart, 0), baseline);
    assert.deepEqual(chart.labels.map((l) => l.day), ['2025-03-01', '2025-03-02']);
  });

  test('no data still draws an empty, valid chart', () => {
    const chart = chartGeometry([], 300, 150);
    assert.deepEqual(chart.bars, []);
    assert.equal(chart.max, 1);
  });
});
