// Least privilege, proven: every Jira REST operation the app calls (each `route` in src/, with its
// call site's method) is looked up in Jira's OpenAPI description, every product trigger in Forge's
// event-to-scope mapping, and the scopes manifest.yml declares must allow all of them, with none
// left over and no write or admin scope held for what granular read scopes allow.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { appRoot } from '../support/paths';
import { appNeeds, declaredScopes, knownScopes, scopeFindings } from './support/scope-needs';

describe('manifest.yml scopes against what the app calls', () => {
  const { needs, unknown } = appNeeds(appRoot);
  const declared = declaredScopes(appRoot);

  test('every Jira REST call site is a documented operation whose method the test can read', () => {
    assert.deepEqual(unknown, []);
    assert.ok(needs.some((n) => n.what.startsWith('PUT /rest/api/3/issue/{issueIdOrKey} ')), 'the issue edit call was not found: the call-site reader is broken');
  });

  test('the declared scopes allow every operation and trigger, none is unused, none broader than needed', (t) => {
    const findings = scopeFindings(needs, declared);
    for (const n of findings.needs) t.diagnostic(`${n.what} ← ${n.allowedBy?.scopes.join(' + ') ?? 'NOT ALLOWED'}`);
    assert.deepEqual(findings.missing, [], 'operations the declared scopes do not allow');
    assert.deepEqual(findings.unused, [], 'declared scopes nothing needs');
    assert.deepEqual(findings.broader, [], 'write/manage scopes held only for reads that granular read scopes allow');
  });

  test("Forge's own rule (@forge/manifest's getMissingScopes, which forge lint applies) agrees nothing is missing", async () => {
    const { getMissingScopes } = createRequire(appRoot + '/')('@forge/manifest') as {
      getMissingScopes(existing: string[], required: { current?: string[]; beta?: string[] }): Promise<string[]>;
    };
    for (const n of needs) {
      const of = (state: string) => n.options.filter((o) => o.state === state).flatMap((o) => o.scopes);
      assert.deepEqual(await getMissingScopes(declared, { current: of('Current'), beta: of('Beta') }), [], n.what);
    }
  });

  test('every declared scope is one Forge knows', () => {
    const known = knownScopes();
    assert.deepEqual(declared.filter((s) => !known.has(s)), []);
  });

  test('the checks catch a missing scope, an unused one and an admin scope held for a read', () => {
    const withoutWorkflowRead = declared.filter((s) => s !== 'read:workflow:jira');
    assert.match(scopeFindings(needs, withoutWorkflowRead).missing.join('\n'), /POST \/rest\/api\/3\/workflows \(readWorkflows/);
    assert.deepEqual(scopeFindings(needs, [...declared, 'read:confluence-content.all']).unused, ['read:confluence-content.all']);
    const asBefore = [...withoutWorkflowRead, 'manage:jira-configuration'];
    assert.deepEqual(scopeFindings(needs, asBefore).broader, ['manage:jira-configuration']);
  });
});
