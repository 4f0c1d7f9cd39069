// Which account ids Liaison stores, and erasing a closed one from each kind of record.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ERASED_ACCOUNT, collectAccounts, eraseFromAudit, eraseFromConnection, eraseFromVersion, isPersonAccountId } from '../../../../src/core/privacy/personal-data';
import { sharingRuleSchema } from '../../../../src/core/rules/schema';
import type { RuleVersion } from '../../../../src/core/rules/versions';
import type { AuditEntry } from '../../../../src/core/ports/store';

const rule = sharingRuleSchema.parse({
  connectionId: 'c1', projectKey: 'ACME', fields: { summary: { direction: 'both', conflict: 'latest' } },
  incoming: { users: { map: { 'sam@partner.example': 'acc-sam', 'kim@partner.example': 'acc-kim' }, defaultAccountId: 'acc-sam' }, defaults: { assignee: { kind: 'user', displayName: 'Kim', accountId: 'acc-kim' } } },
});
const version = (over: Partial<RuleVersion> = {}): RuleVersion => ({ version: 1, rule, author: 'acc-admin', at: 2_000, comment: '', ...over });
const audit = (actor: string, at: number): AuditEntry => ({ id: `a-${at}`, at, connectionId: 'c1', actor, action: 'rule-saved', subject: 'ACME', detail: '' });

describe('accounts Liaison stores', () => {
  test('people in audit entries, connections, rule authors, user maps and defaults, each with its oldest time; never the engine', () => {
    const ages = collectAccounts(new Map(), {
      connection: { createdBy: 'acc-admin', createdAt: 1_000 } as never,
      audit: [audit('sync', 500), audit('acc-agent', 3_000), audit('acc-agent', 2_500), audit('unknown', 100), audit(ERASED_ACCOUNT, 100)],
      versions: [version()],
    });
    assert.deepEqual(Object.fromEntries(ages), { 'acc-admin': 1_000, 'acc-agent': 2_500, 'acc-sam': 2_000, 'acc-kim': 2_000 });
    assert.equal(isPersonAccountId('sync'), false);
  });
});

describe('erasing a closed account', () => {
  const closed = new Set(['acc-sam', 'acc-admin']);
  test('a rule version loses the mappings and default to it, and its author reads as erased', () => {
    const erased = eraseFromVersion(version(), closed)!;
    assert.equal(erased.author, ERASED_ACCOUNT);
    assert.deepEqual(erased.rule.incoming.users.map, { 'kim@partner.example': 'acc-kim' });
    assert.equal(erased.rule.incoming.users.defaultAccountId, null);
    assert.deepEqual(erased.rule.incoming.defaults, rule.incoming.defaults, 'another account in defaults stays');
    assert.equal(eraseFromVersion(version({ author: 'acc-other' }), new Set(['acc-nobody'])), null, 'unchanged records are not rewritten');
    const kimClosed = eraseFromVersion(version(), new Set(['acc-kim']))!;
    assert.deepEqual(kimClosed.rule.incoming.defaults, {});
  });

  test('audit entries and connections keep what happened, not who', () => {
    assert.equal(eraseFromAudit(audit('acc-admin', 1), closed)?.actor, ERASED_ACCOUNT);
    assert.equal(eraseFromAudit(audit('sync', 1), closed), null);
    assert.equal(eraseFromConnection({ createdBy: 'acc-admin' } as never, closed)?.createdBy, ERASED_ACCOUNT);
  });
});
