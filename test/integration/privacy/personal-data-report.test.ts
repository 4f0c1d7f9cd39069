// Atlassian's personal data reporting, end to end on the sandbox: the weekly trigger reports every
// account id Liaison stores, and erases the ones Atlassian says are closed from every record.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../../sandbox/jira';
import { ERASED_ACCOUNT } from '../../../src/core/privacy/personal-data';
import type { AuditEntryView, RuleView } from '../../../src/shared/resolver-contract';
import { startMirror } from '../jira-jira/support';

const users = defaultSeed('acme').users;
const [ADMIN, AGENT1, AGENT2] = [users[0]!.accountId, users[1]!.accountId, users[2]!.accountId];

describe('personal data reporting', () => {
  test('given a connection, a rule mapping people and an agent who unlinked an issue, the weekly report names each stored account once, and a closed account is erased everywhere', async () => {
    const m = await startMirror();
    try {
      const { acme } = m;
      // When acme recorded the connection (startMirror settles deliveries after it, moving the clock on).
      const connections = await acme.admin<Array<{ id: string; createdAt: number }>>('admin/connections/list');
      const connectedAt = connections.find((c) => c.id === m.connectionId)!.createdAt;
      assert.ok(connectedAt <= m.clock.now());
      await m.advance(60_000);
      await m.saveRule(acme, (rule) => ({ ...rule, incoming: { ...rule.incoming, users: { matchByEmail: true, map: { 'sam@globex.example': AGENT1, 'kim@globex.example': AGENT2 }, defaultAccountId: AGENT1 } } }), 'people mapped');
      const { source } = await m.createMirrored(acme, { summary: 'Printer on fire' });
      const unlinked = (await acme.site.installation.invokeResolver('issue-panel', 'panel/unlink', { connectionId: m.connectionId }, {
        accountId: AGENT1,
        extensionContext: { type: 'jira:issuePanel', issue: { id: source.id, key: source.key }, project: { key: acme.project } },
      })) as { ok: boolean };
      assert.equal(unlinked.ok, true);
      await m.settle();

      const atlassian = m.world.platform.personalData;
      atlassian.closeAccount(AGENT1);
      const run = await acme.site.installation.runScheduledTrigger('personal-data-report');
      assert.equal(run.outcome, 'ok', String((run as { error?: unknown }).error));

      const reported = atlassian.reports.flat();
      assert.deepEqual(reported.map((a) => a.accountId).sort(), [ADMIN, AGENT1, AGENT2].sort(), 'each stored account once, never "sync"');
      const admin = reported.find((a) => a.accountId === ADMIN)!;
      assert.equal(admin.updatedAt, new Date(connectedAt).toISOString(), 'the age of the oldest record naming the admin (the connection)');

      const rule = await acme.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: acme.project });
      const users = (rule.current!.rule as { incoming: { users: { map: Record<string, string>; defaultAccountId: string | null } } }).incoming.users;
      assert.deepEqual(users.map, { 'kim@globex.example': AGENT2 }, 'the mapping to the closed account is gone, the others stay');
      assert.equal(users.defaultAccountId, null);
      assert.ok(!JSON.stringify(rule.history).includes(AGENT1), 'no rule version names the closed account');
      const audit = await acme.admin<{ items: AuditEntryView[] }>('admin/audit/list', { connectionId: m.connectionId, limit: 100 });
      assert.ok(audit.items.every((a) => a.actor !== AGENT1));
      assert.ok(audit.items.some((a) => a.actor === ERASED_ACCOUNT && a.action === 'pair-unlinked'), 'the unlink stays in the audit log, by an erased account');

      // A week later the closed account is no longer stored, so no longer reported.
      atlassian.reports.length = 0;
      assert.equal((await acme.site.installation.runScheduledTrigger('personal-data-report')).outcome, 'ok');
      assert.deepEqual(atlassian.reports.flat().map((a) => a.accountId).sort(), [ADMIN, AGENT2].sort());
    } finally {
      await m.close();
    }
  });

  test('a rate-limited report fails the run (visible in the logs) and erases nothing; the next run reports again', async () => {
    const m = await startMirror();
    try {
      const atlassian = m.world.platform.personalData;
      atlassian.closeAccount(ADMIN);
      atlassian.rateLimitNext(1);
      const failed = await m.acme.site.installation.runScheduledTrigger('personal-data-report');
      assert.equal(failed.outcome, 'failed');
      assert.match(String((failed as { error?: unknown }).error), /answered 429 \(retry after 60 s\)/);
      const list = await m.acme.admin<Array<{ createdBy: string }>>('admin/connections/list');
      assert.equal(list[0]!.createdBy, ADMIN, 'nothing erased without an answer');
      assert.equal((await m.acme.site.installation.runScheduledTrigger('personal-data-report')).outcome, 'ok');
      assert.equal((await m.acme.admin<Array<{ createdBy: string }>>('admin/connections/list'))[0]!.createdBy, ERASED_ACCOUNT);
    } finally {
      await m.close();
    }
  });
});
