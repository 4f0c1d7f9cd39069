// Test data in the core's own shapes, built through the core's constructors and schemas.
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { newPairRecord, type PairRecord } from '../../../src/core/ledger/pair-record';
import type { Connection } from '../../../src/core/connection';
import type { OutboxEntry } from '../../../src/core/ports/outbox';
import type { AuditEntry, ErrorRecord } from '../../../src/core/ports/store';
import type { PendingInvitation } from '../../../src/core/protocol/invitation';
import { parseRule } from '../../../src/core/rules/parse-rule';
import type { SharingRuleInput } from '../../../src/core/rules/schema';
import type { RuleVersion } from '../../../src/core/rules/versions';

export function pair(over: { pair: string; conn?: string; local?: string | null; partner?: string | null; at?: number; origin?: 'local' | 'partner' }): PairRecord {
  return newPairRecord({
    pairId: pairId(over.pair),
    connectionId: connectionId(over.conn ?? 'conn-1'),
    localIssueId: over.local === null ? null : localIssueId(over.local ?? '10001'),
    partnerIssueId: over.partner ? partnerIssueId(over.partner) : null,
    origin: over.origin ?? 'local',
    createdAt: over.at ?? 1_750_000_000_000,
  });
}

export const errorRecord = (id: string, at: number, conn = 'conn-1'): ErrorRecord => ({
  id, at, connectionId: conn, pairId: 'p-1', field: 'priority', value: 'Blocker', reason: 'not an allowed option (Highest, High, Medium, Low)',
});

export const auditEntry = (id: string, at: number, conn = 'conn-1'): AuditEntry => ({
  id, at, connectionId: conn, actor: 'sync', action: 'fields-applied', subject: 'ALPHA-1', detail: 'summary, labels',
});

export function outboxEntry(id: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id, connectionId: 'conn-1', pairId: 'p-1', seq: 1, kind: 'unlink', body: { reason: 'unlinked' },
    createdAt: 1_750_000_000_000, attempts: 0, nextTryAt: 1_750_000_000_000, lastError: null, ...over,
  };
}

export const connection = (id: string, createdAt: number, over: Partial<Connection> = {}): Connection => ({
  id, partnerKind: 'jira', partnerEndpoint: 'https://1c2d3e4f.hello.atlassian-dev.net/x1/abc', state: 'active', role: 'inviter',
  createdBy: 'admin-1', createdAt, contacts: { local: [{ name: 'Ada Admin', role: 'accountable', email: 'ada@acme.example' }], partner: [] }, ...over,
});

export function rule(connectionIdValue: string, projectKey: string, extra: Partial<SharingRuleInput> = {}) {
  const parsed = parseRule({ connectionId: connectionIdValue, projectKey, fields: { summary: { direction: 'both', conflict: 'latest' }, labels: { direction: 'out' } }, ...extra });
  if (!parsed.ok) throw new Error(`test rule is invalid: ${parsed.message}`);
  return parsed.value;
}

export const ruleVersion = (conn: string, project: string, version: number, extra: Partial<SharingRuleInput> = {}): RuleVersion => ({
  version, rule: rule(conn, project, extra), author: 'admin-1', at: 1_750_000_000_000 + version, comment: `save ${version}`,
});

export const invitation = (conn: string): PendingInvitation => ({
  connectionId: conn, inviteId: 'inv-123', inviteKey: 'k'.repeat(43), privateKey: 'x.d', expiresAt: 1_760_000_000_000, usedAt: null,
});

/** A secret the size the handshake derives (32 bytes, base64url). */
export const SECRET = 'q3Jm1w0Qy5bU8dZtR2vXc7nA4eLpK9sHfGiOjTuVwYx';
