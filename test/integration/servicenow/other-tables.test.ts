// A connection on a table other than incident: its own states both ways, priority written as is
// (change requests and requested items do not derive it from impact × urgency).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { CONN, jiraRule, startWorld } from './support';

const changeRule = jiraRule({
  incoming: {
    create: { projectKey: 'SUP', issueType: 'Task' },
    valueMaps: { status: { New: 'To Do', Assess: 'To Do', Authorize: 'To Do', Scheduled: 'To Do', Implement: 'In Progress', Review: 'In Progress', Closed: 'Done', Canceled: 'Done' } },
  },
});

describe('Jira ↔ ServiceNow on change_request', () => {
  test('a Jira issue becomes a change request, its status lands on change states, and an agent closing it closes the issue', async () => {
    const w = await startWorld({ table: 'change_request', rule: changeRule });
    try {
      const jiraId = w.jira.tracker.createLocal({ summary: { kind: 'text', text: 'Rotate the VPN certificates' }, priority: { kind: 'option', name: 'High' } });
      await handleLocalChange(w.jira.deps, { issueId: jiraId });
      await w.sendJira();
      const pair = await w.jira.store.findPairByLocalIssue(CONN, jiraId);
      assert.ok(pair?.partnerIssueId);
      const sysId = pair.partnerIssueId;
      let rec = await w.record(sysId);
      assert.match(String(rec.number), /^CHG\d+$/);
      assert.equal(rec.state, '-5', 'To Do → New (-5)');
      assert.equal(rec.priority, '2', 'written as is: 2 - High');

      w.clock.t += 1000;
      w.jira.tracker.edit(jiraId, 'status', { kind: 'option', name: 'In Progress' });
      await handleLocalChange(w.jira.deps, { issueId: jiraId });
      await w.sendJira();
      rec = await w.record(sysId);
      assert.equal(rec.state, '-1', 'In Progress → Implement (-1)');
      assert.deepEqual(await w.jira.store.listErrors(CONN), []);

      w.clock.t += 1000;
      // As the instance's data policy wants it: no change closes without its close code and notes.
      await w.agentPatch(sysId, { state: '3', close_code: 'successful', close_notes: 'Implemented as planned' });
      await w.poll();
      await w.sendJira();
      assert.deepEqual(w.jira.tracker.value(jiraId, 'status'), { kind: 'option', name: 'Done' }, 'Closed (3) → Done');
    } finally {
      await w.close();
    }
  });
});
