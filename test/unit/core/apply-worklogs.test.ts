// The worklog part of an apply, against a tracker that keeps worklogs in memory: a retried add
// finds the copy an earlier apply left (by its mirror token) instead of logging the time twice, an
// add that never landed is made once, a tracker without worklogs refuses each one visibly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId, pairId } from '../../../src/core/ids';
import type { WorklogPlan } from '../../../src/core/planning/change-plan';
import type { NewWorklog, Tracker } from '../../../src/core/ports/tracker';
import { applyWorklogs, foldEstimate, worklogToken } from '../../../src/core/sync/apply-worklogs';
import { TrackerError } from '../../../src/core/sync/tracker-error';
import type { ChangePlan, FieldEdit, PlanError } from '../../../src/core/planning/change-plan';

const ISSUE = localIssueId('10001');
const PAIR = pairId('pair-1');
const doc = { type: 'doc' as const, content: [] };

function worklogTracker() {
  const logged = new Map<string, NewWorklog & { adjust: string }>();
  let next = 100;
  const calls: string[] = [];
  const tracker = {
    async addWorklog(_id, w) { calls.push('add'); const id = String(next++); logged.set(id, { ...w, adjust: w.adjustEstimate }); return id; },
    async findMirroredWorklog(_id, token, candidates) { calls.push('find'); return candidates.find((c) => logged.get(c)?.mirrorOf === token) ?? null; },
    async updateWorklog(_id, wid, w) { calls.push('update'); logged.set(wid, { ...w, adjust: w.adjustEstimate }); },
    async deleteWorklog(_id, wid) { calls.push('delete'); logged.delete(wid); },
  } as Pick<Tracker, 'addWorklog' | 'findMirroredWorklog' | 'updateWorklog' | 'deleteWorklog'> as Tracker;
  return { tracker, logged, calls };
}

const add = (partnerId: string, seconds: number, retry?: { edited: boolean }): WorklogPlan['add'][number] => ({
  partnerId, timeSpentSeconds: seconds, started: '2030-01-07T08:00:00.000Z', comment: doc, author: { displayName: 'Ada' }, ...(retry ? { retry } : {}),
});
const plan = (p: Partial<WorklogPlan>): WorklogPlan => ({ add: [], edit: [], delete: [], adjustEstimate: 'auto', ...p });

describe('applying worklogs', () => {
  test('an add carries its mirror token and the plan\'s adjustEstimate', async () => {
    const { tracker, logged } = worklogTracker();
    const added: Record<string, string> = {};
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600)], adjustEstimate: 'leave' }), [], added, []);
    assert.deepEqual(added, { '501': '100' });
    assert.equal(logged.get('100')!.mirrorOf, worklogToken(PAIR, '501'));
    assert.equal(logged.get('100')!.adjust, 'leave');
  });

  test('a retried add whose first attempt landed adopts it: nothing is logged twice', async () => {
    const { tracker, logged, calls } = worklogTracker();
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600)] }), [], {}, []);
    const added: Record<string, string> = {};
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600, { edited: false })] }), ['100'], added, []);
    assert.deepEqual(added, { '501': '100' });
    assert.equal(logged.size, 1);
    assert.deepEqual(calls, ['add', 'find']);
  });

  test('a retried add edited since is adopted and updated; one that never landed is added once', async () => {
    const { tracker, logged } = worklogTracker();
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600)] }), [], {}, []);
    const added: Record<string, string> = {};
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 5400, { edited: true }), add('502', 600, { edited: false })] }), ['100'], added, []);
    assert.deepEqual(added, { '501': '100', '502': '101' });
    assert.deepEqual([...logged.values()].map((w) => w.timeSpentSeconds), [5400, 600]);
  });

  test('a delete whose add was never recorded finds the copy by its token and deletes it', async () => {
    const { tracker, logged } = worklogTracker();
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600)] }), [], {}, []);
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ delete: [{ partnerId: '501', localId: null }] }), ['100'], {}, []);
    assert.equal(logged.size, 0);
  });

  test('the remaining estimate rides on the first worklog write only, and the caller learns it landed', async () => {
    const { tracker, logged } = worklogTracker();
    const carried = await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600), add('502', 600)], adjustEstimate: 'leave' }), [], {}, [], 7200);
    assert.equal(carried, true);
    assert.deepEqual([...logged.values()].map((w) => [w.adjust, w.newEstimateSeconds]), [['leave', 7200], ['leave', undefined]]);
  });

  test('a write that lands nothing leaves the estimate to the next write, or to the caller', async () => {
    const { tracker, logged } = worklogTracker();
    await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600)] }), [], {}, []);
    // A retried add found logged already writes nothing.
    assert.equal(await applyWorklogs(tracker, ISSUE, PAIR, plan({ add: [add('501', 3600, { edited: false })], adjustEstimate: 'leave' }), ['100'], {}, [], 60), false);
    // A delete of a worklog gone already writes nothing either.
    const gone = { ...tracker, deleteWorklog: async () => false } as Tracker;
    assert.equal(await applyWorklogs(gone, ISSUE, PAIR, plan({ delete: [{ partnerId: '501', localId: '100' }], adjustEstimate: 'leave' }), [], {}, [], 60), false);
    // A refused add hands the estimate to the edit after it.
    const refusing = { ...tracker, addWorklog: async () => { throw new TrackerError('Worklog must not be null.', false); } } as Tracker;
    const errors: PlanError[] = [];
    const edit = { ...add('503', 1800), localId: '100' };
    assert.equal(await applyWorklogs(refusing, ISSUE, PAIR, plan({ add: [add('502', 600)], edit: [edit], adjustEstimate: 'leave' }), [], {}, errors, 120), true);
    assert.deepEqual(errors.map((e) => e.value), ['worklog 502']);
    assert.equal(logged.get('100')!.newEstimateSeconds, 120);
  });

  test('foldEstimate: a whole-minute remaining estimate leaves the field edits only when the worklog writes leave the estimate', () => {
    const estimate = (seconds: number): FieldEdit => ({ field: 'timeestimate', value: { kind: 'number', value: seconds }, partnerField: 'timeestimate' });
    const summary: FieldEdit = { field: 'summary', value: { kind: 'text', text: 'x' }, partnerField: 'summary' };
    const change = (edits: FieldEdit[], worklogs: WorklogPlan | null) => ({ edits, worklogs }) as unknown as ChangePlan;
    const logs = plan({ add: [add('501', 60)], adjustEstimate: 'leave' });
    assert.deepEqual(foldEstimate(change([summary, estimate(5400)], logs)), { edit: estimate(5400), seconds: 5400, rest: [summary] });
    assert.equal(foldEstimate(change([estimate(5400)], { ...logs, adjustEstimate: 'auto' })), null, 'auto would move it again after it is set');
    assert.equal(foldEstimate(change([estimate(5430)], logs)), null, 'not whole minutes: the field write reports what Jira stored');
    assert.equal(foldEstimate(change([estimate(5400)], plan({ adjustEstimate: 'leave' }))), null, 'no worklog write to ride on');
    assert.equal(foldEstimate(change([estimate(5400)], null)), null);
  });

  test('a tracker without worklogs reports each one as an error on the pair', async () => {
    const errors: PlanError[] = [];
    await applyWorklogs({} as Tracker, ISSUE, PAIR, plan({ add: [add('501', 60)], delete: [{ partnerId: '502', localId: '9' }] }), [], {}, errors);
    assert.deepEqual(errors.map((e) => [e.field, e.value, e.reason]), [['worklogs', 'worklog 501', 'this tracker keeps no worklogs'], ['worklogs', 'worklog 502', 'this tracker keeps no worklogs']]);
  });
});
