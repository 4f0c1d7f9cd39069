// Workflow transitions per project and the changelog they leave behind.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed, type SiteSeed } from '../../../sandbox/jira/index';
import { fixture } from './site-fixture';

function seedWithReviewStep(): SiteSeed {
  const seed = defaultSeed('acme');
  const project = seed.projects[0]!;
  project.workflow = {
    statuses: [
      { id: '1', name: 'Open', category: 'new' },
      { id: '2', name: 'In Review', category: 'indeterminate' },
      { id: '3', name: 'Closed', category: 'done' },
    ],
    transitions: [
      { id: '5', name: 'Review', from: ['1'], to: '2' },
      { id: '6', name: 'Close', from: ['2'], to: '3' },
      { id: '7', name: 'Reopen', from: [], to: '1' },
    ],
  };
  seed.issues = [{ project: 'ACME', issueType: 'Task', summary: 'Workflow subject' }];
  return seed;
}

describe('workflow transitions', () => {
  const f = fixture();
  after(() => f.site.close());

  test('available transitions follow the default workflow', async () => {
    const res = await f.call('GET', '/rest/api/3/issue/ACME-1/transitions');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.transitions.map((t: { id: string; to: { name: string } }) => [t.id, t.to.name]), [
      ['21', 'In Progress'],
      ['31', 'Done'],
    ]);
    const one = await f.call('GET', '/rest/api/3/issue/ACME-1/transitions?transitionId=31');
    assert.equal(one.json.transitions.length, 1);
  });

  test('a transition moves status, may set fields, and is recorded in the changelog', async () => {
    const res = await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', {
      transition: { id: '21' },
      fields: { assignee: { accountId: f.admin } },
    });
    assert.equal(res.status, 204, res.text);
    const issue = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=status,assignee');
    assert.equal(issue.json.fields.status.name, 'In Progress');
    assert.equal(issue.json.fields.status.statusCategory.key, 'indeterminate');
    const log = await f.call('GET', '/rest/api/3/issue/ACME-1/changelog');
    const items = log.json.values.at(-1).items;
    const status = items.find((i: { field: string }) => i.field === 'status');
    assert.deepEqual(status, { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '10001', toString: 'In Progress' });
    assert.ok(items.some((i: { field: string }) => i.field === 'assignee'));
    // and back
    assert.equal((await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', { transition: { id: '11' } })).status, 204);
  });

  test('status cannot be edited directly and unknown transitions are refused', async () => {
    const edit = await f.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { status: { id: '10002' } } });
    assert.equal(edit.status, 400);
    const bad = await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', { transition: { id: '11' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.errorMessages, ["Transition id '11' is not valid for this issue."]);
    const missing = await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', {});
    assert.equal(missing.status, 400);
  });

  test('a failed transition (bad field) leaves the status unchanged', async () => {
    const res = await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', { transition: { id: '31' }, fields: { labels: ['two words'] } });
    assert.equal(res.status, 400);
    const issue = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=status');
    assert.equal(issue.json.fields.status.name, 'To Do');
  });

  test('changelog pages with startAt/maxResults', async () => {
    for (const summary of ['one', 'two', 'three']) await f.call('PUT', '/rest/api/3/issue/ACME-3', { fields: { summary } });
    const first = await f.call('GET', '/rest/api/3/issue/ACME-3/changelog?maxResults=2');
    assert.equal(first.json.total, 4); // create + three edits
    assert.equal(first.json.values.length, 2);
    assert.equal(first.json.isLast, false);
    assert.match(first.json.nextPage, /startAt=2&maxResults=2$/);
    const second = await f.call('GET', '/rest/api/3/issue/ACME-3/changelog?startAt=2&maxResults=2');
    assert.equal(second.json.isLast, true);
    assert.deepEqual(second.json.values.map((v: { items: { toString: string }[] }) => v.items[0]!.toString), ['two', 'three']);
    assert.equal((await f.call('GET', '/rest/api/3/issue/ACME-3/changelog?startAt=x')).status, 400);
  });
});

describe('a configured workflow with a global transition', () => {
  const f = fixture({ seed: seedWithReviewStep() });
  after(() => f.site.close());

  test('only transitions from the current status (and global ones) are offered and accepted', async () => {
    const initial = await f.call('GET', '/rest/api/3/issue/ACME-1/transitions');
    assert.deepEqual(initial.json.transitions.map((t: { name: string; isGlobal: boolean }) => [t.name, t.isGlobal]), [
      ['Review', false],
      ['Reopen', true],
    ]);
    assert.equal((await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', { transition: { id: '6' } })).status, 400);
    assert.equal((await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', { transition: { id: '5' } })).status, 204);
    assert.equal((await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', { transition: { id: '6' } })).status, 204);
    const closed = await f.call('GET', '/rest/api/3/issue/ACME-1?fields=status');
    assert.equal(closed.json.fields.status.statusCategory.key, 'done');
    assert.equal((await f.call('POST', '/rest/api/3/issue/ACME-1/transitions', { transition: { id: '7' } })).status, 204);
  });

  test('a seed whose transitions name unknown statuses is refused with a clear error', () => {
    const seed = seedWithReviewStep();
    seed.projects[0]!.workflow.transitions.push({ id: '9', name: 'Broken', from: ['1'], to: '404' });
    assert.throws(() => fixture({ seed, name: 'broken' }), /transition 'Broken' of ACME names unknown status '404'/);
  });
});
