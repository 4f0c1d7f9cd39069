// What the rule editor's dropdowns offer, as the backend reads it: this project's statuses,
// priorities and issue types from Jira, and the partner's values — a ServiceNow instance's own
// state and priority choices (read when it was connected), or what a Jira partner shared.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleView } from '../../../src/shared/resolver-contract';
import { startApp } from '../servicenow/app-world';
import { startMirror } from '../jira-jira/support';

describe('rule editor choices', () => {
  test("a ServiceNow connection offers the instance's state and priority labels and the Jira project's values", async () => {
    const app = await startApp();
    try {
      const view = await app.acme.admin<RuleView>('admin/rules/get', { connectionId: app.connectionId, projectKey: app.acme.project });
      assert.deepEqual(view.choices?.local, {
        statuses: ['To Do', 'In Progress', 'Done'],
        priorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
        issueTypes: view.choices?.local.issueTypes,
        // The seeded project defines no components or versions.
        components: [],
        versions: [],
        // The site's issue link types (GET /rest/api/3/issueLinkType), Jira Cloud's four by default.
        linkTypes: ['Blocks', 'Cloners', 'Duplicate', 'Relates'],
      });
      assert.ok(view.choices!.local.issueTypes.includes('Task'));
      assert.deepEqual(view.choices?.partner?.statuses, ['New', 'In Progress', 'On Hold', 'Resolved', 'Closed', 'Canceled']);
      assert.deepEqual(view.choices?.partner?.priorities, ['1 - Critical', '2 - High', '3 - Moderate', '4 - Low', '5 - Planning']);
      assert.deepEqual(view.choices?.partner?.issueTypes, [], 'a record has no issue type');
    } finally {
      await app.close();
    }
  });

  test("a Jira connection offers what the partner shared of its projects' values", async () => {
    const m = await startMirror();
    try {
      // Globex's rule exists now (the catalog covers the projects a side shares): it tells acme again.
      await m.globex.admin('admin/connections/refresh-profile', { connectionId: m.connectionId });
      await m.settle();
      const view = await m.acme.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.acme.project });
      assert.deepEqual(view.choices?.local.statuses, ['To Do', 'In Progress', 'Done']);
      assert.deepEqual(view.choices?.partner?.statuses, ['To Do', 'In Progress', 'Done'], "globex's statuses, shared in its profile");
      assert.ok(view.choices?.partner?.priorities.includes('Medium'));

      // The site's link types: read from Jira once, then kept as project metadata is (10 minutes).
      let linkTypeReads = 0;
      m.world.site('acme').jira.faults.serverError({ when: (req) => (req.method === 'GET' && req.path.endsWith('/issueLinkType') && linkTypeReads++ < 0) });
      const again = await m.acme.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.acme.project });
      assert.deepEqual(view.choices?.local.linkTypes, ['Blocks', 'Cloners', 'Duplicate', 'Relates']);
      assert.deepEqual(again.choices?.local.linkTypes, view.choices?.local.linkTypes);
      assert.equal(linkTypeReads, 0, 'the second opening reads the cached list, not Jira');
    } finally {
      await m.close();
    }
  });
});
