import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../src/core/ids';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { diagnoseConnection } from '../../../src/adapters/servicenow/connection-diagnosis';
import { basicHttp, CONN, startWorld, type World } from './support';

async function createMirrored(w: World): Promise<{ jiraId: ReturnType<typeof localIssueId>; sysId: string }> {
  const jiraId = w.jira.tracker.createLocal({ summary: { kind: 'text', text: 'Printer on fire' }, priority: { kind: 'option', name: 'High' } });
  await handleLocalChange(w.jira.deps, { issueId: jiraId });
  await w.sendJira();
  const pair = await w.jira.store.findPairByLocalIssue(CONN, jiraId);
  assert.ok(pair?.partnerIssueId, 'the pair learnt the incident sys_id');
  return { jiraId, sysId: pair.partnerIssueId };
}

describe('Jira ↔ ServiceNow through the in-process peer', () => {
  test('a Jira issue becomes an incident with mapped priority, and Jira edits follow', async () => {
    const w = await startWorld();
    try {
      const { jiraId, sysId } = await createMirrored(w);
      let rec = await w.record(sysId);
      assert.equal(rec.short_description, 'Printer on fire');
      assert.equal(rec.priority, '2');
      w.clock.t += 1000;
      w.jira.tracker.edit(jiraId, 'summary', { kind: 'text', text: 'Printer still on fire' });
      w.jira.tracker.edit(jiraId, 'status', { kind: 'option', name: 'Done' });
      w.jira.tracker.comment(jiraId, 'Sent a technician');
      w.jira.tracker.comment(jiraId, 'Vendor contract expired', true);
      await handleLocalChange(w.jira.deps, { issueId: jiraId });
      await w.sendJira();
      rec = await w.record(sysId);
      assert.equal(rec.short_description, 'Printer still on fire');
      assert.equal(rec.state, '6', 'Done → Resolved');
      const journal = await w.client.journal('incident', sysId);
      assert.equal(journal.length, 2);
      assert.ok(journal.find((e) => e.element === 'comments')?.value.includes('Sent a technician'));
      assert.ok(journal.find((e) => e.element === 'work_notes')?.value.includes('Vendor contract expired'));
    } finally {
      await w.close();
    }
  });

  test('polling brings an agent edit back to Jira (summary, state, priority, comments and work notes), without echo', async () => {
    const w = await startWorld();
    try {
      const { jiraId, sysId } = await createMirrored(w);
      await w.poll(); // the integration user's own create is not a change
      const writesBefore = w.jira.tracker.writes;
      assert.deepEqual((await w.poll()).changed, []);
      assert.equal(w.jira.tracker.writes, writesBefore, 'nothing came back from our own writes');

      w.clock.t += 1000;
      await w.agentPatch(sysId, { short_description: 'Printer smoking', state: '2', impact: '1', urgency: '1' });
      await w.agentPatch(sysId, { comments: 'Is it unplugged?' });
      await w.agentPatch(sysId, { work_notes: 'Escalating to facilities' });
      const report = await w.poll();
      assert.ok(report.changed.includes(sysId));
      assert.deepEqual(w.jira.tracker.value(jiraId, 'summary'), { kind: 'text', text: 'Printer smoking' });
      assert.deepEqual(w.jira.tracker.value(jiraId, 'status'), { kind: 'option', name: 'In Progress' });
      assert.deepEqual(w.jira.tracker.value(jiraId, 'priority'), { kind: 'option', name: 'Highest' });
      const comments = (await w.jira.tracker.getIssue(jiraId))!.comments;
      const mirrored = comments.filter((c) => JSON.stringify(c.body).includes('Is it unplugged?') || JSON.stringify(c.body).includes('Escalating to facilities'));
      assert.equal(mirrored.length, 2);
      assert.deepEqual(mirrored.map((c) => c.internal).sort(), [false, true]);

      // What Jira applied is not sent back to ServiceNow, and a second poll finds nothing new.
      const snJournal = (await w.client.journal('incident', sysId)).length;
      await handleLocalChange(w.jira.deps, { issueId: jiraId });
      await w.sendJira();
      assert.equal((await w.client.journal('incident', sysId)).length, snJournal);
      assert.deepEqual((await w.poll()).changed, []);
    } finally {
      await w.close();
    }
  });

  test('the peer keeps its pair records apart from the Jira side’s', async () => {
    const w = await startWorld();
    try {
      const { jiraId, sysId } = await createMirrored(w);
      const jiraPair = await w.jira.store.findPairByLocalIssue(CONN, jiraId);
      const peerPair = await w.peer.deps.store.findPairByLocalIssue(CONN, localIssueId(sysId));
      assert.ok(jiraPair && peerPair);
      assert.equal(jiraPair.pairId, peerPair.pairId);
      assert.equal(jiraPair.localIssueId, jiraId);
      assert.equal(peerPair.localIssueId, sysId);
      assert.equal(peerPair.origin, 'partner');
    } finally {
      await w.close();
    }
  });

  test('bad credentials are reported in plain words', async () => {
    const w = await startWorld();
    try {
      const diagnosis = await diagnoseConnection(basicHttp(w.sn, { username: 'liaison.integration', password: 'wrong' }), 'incident');
      assert.equal(diagnosis.ok, false);
      assert.ok(!diagnosis.ok && diagnosis.problem === 'bad-credentials', JSON.stringify(diagnosis));
      assert.equal((await diagnoseConnection(basicHttp(w.sn, { username: 'liaison.integration', password: 'liaison-initech-pw' }), 'incident')).ok, true);
    } finally {
      await w.close();
    }
  });
});
