// Domain records → the view shapes of the resolver contract. Pure functions, unit-testable.
import type { Connection } from '../core/connection';
import { effectiveLimits } from '../core/limits/limits';
import type { PairRecord } from '../core/ledger/pair-record';
import type { AuditEntry, ErrorRecord } from '../core/ports/store';
import type { ReplicaValue } from '../core/replica/value';
import { slaAsOf } from '../core/replica/service-desk';
import { toPlainText } from '../core/richtext/plain-text';
import type { TrackerMetadata } from '../core/rules/metadata';
import type { SharingRule } from '../core/rules/schema';
import type { RuleVersion } from '../core/rules/versions';
import { connectionDisplayName, serviceNowInstanceName } from '../core/profile/display-name';
import { EMPTY_CATALOG, siteOrigin } from '../core/profile/partner-profile';
import { errorParty, withWording } from './error-views';
import type { AuditEntryView, ConnectionView, PanelLinkView, PanelView, PartnerProfileView, RuleVersionView, SyncErrorView } from '../shared/resolver-contract';

/** What the partner told about itself (ServiceNow: its instance), empty until a Jira partner's profile arrives. */
export function partnerProfileView(c: Connection): PartnerProfileView {
  if (c.partnerKind === 'servicenow') {
    return { name: serviceNowInstanceName(c.partnerEndpoint), site: siteOrigin(c.partnerEndpoint), contacts: c.contacts.partner, catalog: { ...EMPTY_CATALOG }, updatedAt: null };
  }
  const p = c.partnerProfile;
  if (!p) return { name: null, site: null, contacts: c.contacts.partner, catalog: { ...EMPTY_CATALOG }, updatedAt: null };
  return { name: p.name, site: p.site, contacts: p.contacts, catalog: p.catalog, updatedAt: p.updatedAt };
}

export function connectionView(c: Connection, table: string | undefined, health: ConnectionView['health'], projects: ConnectionView['projects']): ConnectionView {
  return {
    id: c.id, displayName: connectionDisplayName(c), partner: partnerProfileView(c), partnerKind: c.partnerKind, partnerEndpoint: c.partnerEndpoint, ...(table ? { table } : {}), state: c.state, ...(c.endedAt === undefined ? {} : { endedAt: c.endedAt }), role: c.role, createdAt: c.createdAt, createdBy: c.createdBy,
    contacts: c.contacts, health, projects, limits: effectiveLimits(c.limits),
  };
}

export const errorView = (e: ErrorRecord): SyncErrorView => ({
  id: e.id, at: e.at, connectionId: e.connectionId, pairId: e.pairId, field: e.field, value: e.value, reason: e.reason, retryable: e.entry !== undefined || (e.field.startsWith('partner:') && e.pairId !== null),
});

export const auditView = (a: AuditEntry): AuditEntryView => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, subject: a.subject, detail: a.detail });

export const ruleVersionView = (v: RuleVersion): RuleVersionView => ({ version: v.version, author: v.author, at: v.at, comment: v.comment, restoredFrom: v.restoredFrom ?? null, rule: v.rule });

export function sharedFields(rule: SharingRule): PanelLinkView['shared'] {
  const out: string[] = [];
  const incoming: string[] = [];
  for (const [field, policy] of Object.entries(rule.fields)) {
    if (!policy) continue;
    if (policy.direction !== 'in') out.push(field);
    if (policy.direction !== 'out') incoming.push(field);
  }
  if (rule.outgoing.comments.enabled) out.push(rule.outgoing.comments.includeInternal ? 'comments (incl. internal)' : 'comments (public)');
  if (rule.incoming.comments.enabled) incoming.push('comments');
  if (rule.outgoing.attachments.enabled) out.push('attachments');
  if (rule.incoming.attachments.enabled) incoming.push('attachments');
  if (rule.outgoing.worklogs.enabled) out.push('worklogs');
  if (rule.incoming.worklogs.enabled) incoming.push('worklogs');
  return { out, in: incoming };
}

/** `https://acme.service-now.com/incident.do?sys_id=…` → `incident`: the table a record link names. */
export function recordTable(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return /^\/([A-Za-z0-9_]{1,80})\.do$/.exec(new URL(url).pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** A connection with no pair yet for the issue: what the panel needs to offer starting or linking. */
export function availableView(connectionId: string, connection: Connection | null, scope: { inScope: boolean; reason?: string }, table?: string): PanelView['available'][number] {
  // A connection the partner ended offers nothing to start.
  const ended = connection?.state === 'ended';
  const inScope = scope.inScope && !ended;
  return {
    connectionId, inScope, reason: inScope ? null : ended ? 'the partner ended this connection' : (scope.reason ?? null),
    partnerKind: connection?.partnerKind ?? 'jira', partnerEndpoint: connection?.partnerEndpoint ?? null, partnerTable: table ?? null,
    ...(connection ? { partnerName: connectionDisplayName(connection) } : {}),
  };
}

export function linkView(pair: PairRecord, connection: Connection | null, rule: SharingRule | undefined, errors: ErrorRecord[], backlog: number, now: number): PanelLinkView {
  const states = Object.values(pair.fields).filter((s) => s !== undefined);
  const localTimes = states.filter((s) => s.winner.origin === 'local').map((s) => s.winner.ts);
  const partnerTimes = states.filter((s) => s.winner.origin === 'partner').map((s) => s.winner.ts);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
  // Sync on a connection the partner ended has stopped for good, as if unlinked.
  const state: PanelLinkView['state'] = pair.unlinkedAt !== undefined || connection?.state === 'ended' ? 'unlinked' : errors.length > 0 ? 'failed' : backlog > 0 || pair.partnerIssueId === null ? 'pending' : 'in-sync';
  return {
    connectionId: pair.connectionId,
    ...(connection ? { partnerName: connectionDisplayName(connection) } : {}),
    partner: {
      kind: connection?.partnerKind ?? 'jira', endpoint: connection?.partnerEndpoint ?? null, issueKey: pair.partnerIssueKey ?? null, issueId: pair.partnerIssueId,
      url: pair.partnerIssueUrl ?? null, table: connection?.partnerKind === 'servicenow' ? recordTable(pair.partnerIssueUrl) : null,
    },
    state,
    lastSentAt: max(localTimes),
    lastReceivedAt: max(partnerTimes),
    errors: errors.map((e) => withWording(errorView(e), errorParty(connection))),
    shared: rule ? sharedFields(rule) : { out: [], in: [] },
    ...(pair.relations?.outsideNote?.length ? { relatedOutside: pair.relations.outsideNote } : {}),
    ...(pair.serviceDesk?.partnerSla?.length ? { partnerSla: slaAsOf(pair.serviceDesk.partnerSla, now) } : {}),
  };
}

/** A replica value as one line of text, for the "what the partner will see" preview. */
export function valueText(v: ReplicaValue): string {
  switch (v.kind) {
    case 'empty': return '(empty)';
    case 'text': return v.text;
    case 'rich': return toPlainText(v.doc);
    case 'number': return String(v.value);
    case 'option': return v.name;
    case 'options': return v.names.join(', ');
    case 'date': return v.date;
    case 'user': return v.email ? `${v.displayName} <${v.email}>` : v.displayName;
  }
}

/** The project's custom fields as people call them (Jira's names; the id when Jira gave none). */
export function customFieldCatalog(metadata: TrackerMetadata): Array<{ key: string; name: string }> {
  return Object.keys(metadata.fields)
    .filter((k) => k.startsWith('custom:'))
    .map((key) => ({ key, name: metadata.fieldNames?.[key as keyof typeof metadata.fieldNames] ?? key.slice('custom:'.length) }));
}
