// How a connection is named and described to an admin.
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { formatWhen } from '../../../shared/logic/format';
import { instanceName, partnerPlace } from '../../../shared/logic/partner-terms';
import { instanceHost } from './servicenow-form';

const KIND: Record<ConnectionView['partnerKind'], string> = { jira: 'Jira', servicenow: 'ServiceNow' };

/** The backend's name for the connection; older answers without one get the id-based name. */
function baseName(c: ConnectionView): string {
  if (c.displayName) return c.displayName;
  const instance = c.partnerKind === 'servicenow' ? instanceName(c.partnerEndpoint) : null;
  return instance ? `${instance} (ServiceNow)` : `${KIND[c.partnerKind]} partner · ${c.id.slice(-8)}`;
}

/**
 * The partner as people call it, for pickers and headings: `Globex (globex.atlassian.net)`, a
 * ServiceNow instance with its table (`initech (ServiceNow) · incident`), and the state when sync
 * is not running (`… · paused`). Before a Jira partner says who it is: `Jira partner · 851ca479`.
 */
export function connectionName(c: ConnectionView): string {
  const table = c.partnerKind === 'servicenow' && c.table ? ` · ${c.table}` : '';
  return `${baseName(c)}${table}${c.state === 'active' ? '' : ` · ${c.state}`}`;
}

/** The partner in a sentence: `Globex`, `initech (ServiceNow)`, or "the partner" until it said its name. */
export function partnerWho(c: Pick<ConnectionView, 'partnerKind' | 'partnerEndpoint'> & { partner?: ConnectionView['partner'] }): string {
  if (c.partnerKind === 'servicenow') return partnerPlace('servicenow', c.partnerEndpoint);
  return c.partner?.name ?? 'the partner';
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The preview's heading names who receives: `What Globex will see`, `What initech (ServiceNow) will receive`. */
export function previewHeading(connection: (Pick<ConnectionView, 'partnerKind' | 'partnerEndpoint'> & { partner?: ConnectionView['partner'] }) | undefined): string {
  if (!connection) return 'What the partner will see';
  return connection.partnerKind === 'servicenow' ? `What ${partnerWho(connection)} will receive` : `What ${partnerWho(connection)} will see`;
}

/** What deleting the connection leaves behind, in the partner's words. */
export function deleteConsequence(c: ConnectionView): string {
  if (c.partnerKind === 'servicenow') return `Sync with ${partnerWho(c)} stops for good and its sharing rules are removed. Issues here and records on ServiceNow stay as they are.`;
  const who = c.partner?.name ?? 'this partner';
  return `Sync with ${who} stops for good and its sharing rules are removed. Issues on both sides stay as they are.`;
}

export type Health = { level: 'good' | 'warning' | 'bad'; summary: string };

/** Health in one line: errors are bad, a backlog or a silent partner is a warning. */
export function connectionHealth(c: ConnectionView, now: number): Health {
  const last = `last exchange ${formatWhen(c.health.lastExchangeAt, now)}`;
  if (c.state === 'pending') return { level: 'warning', summary: 'Waiting for the partner to accept the invitation' };
  if (c.state === 'ended') return { level: 'bad', summary: `${capital(partnerWho(c))} deleted this connection${c.endedAt === undefined ? '' : ` (${formatWhen(c.endedAt, now)})`}: nothing is sent or received any more. Delete it here too.` };
  if (c.health.errors > 0) return { level: 'bad', summary: `${c.health.errors} error${c.health.errors === 1 ? '' : 's'} to look at; ${c.health.backlog} waiting; ${last}` };
  if (c.state === 'paused') return { level: 'warning', summary: `Paused: ${c.health.backlog} change${c.health.backlog === 1 ? '' : 's'} queued; ${last}` };
  if (c.health.backlog > 0) return { level: 'warning', summary: `${c.health.backlog} change${c.health.backlog === 1 ? '' : 's'} on the way; ${last}` };
  return { level: 'good', summary: `Healthy; ${last}` };
}

/** Which state changes an admin may ask for now. */
export function allowedChanges(c: ConnectionView): Array<'pause' | 'resume' | 'delete'> {
  if (c.state === 'active') return ['pause', 'delete'];
  if (c.state === 'paused') return ['resume', 'delete'];
  return ['delete'];
}

/**
 * The card's partner rows. A Jira partner is known by the name and site it told (its signed
 * profile) and its web-trigger inbox; a ServiceNow partner by its instance host and mirrored table.
 */
export function partnerRows(c: ConnectionView): Array<{ term: string; detail: string }> {
  if (c.partnerKind !== 'servicenow') {
    const notTold = c.state === 'pending' ? 'not known yet' : 'not told yet (Refresh asks the partner)';
    return [
      { term: 'Partner', detail: c.partner?.name ?? notTold },
      { term: 'Partner site', detail: c.partner?.site ? siteHost(c.partner.site) : notTold },
      { term: 'Partner endpoint', detail: c.partnerEndpoint ?? 'not known yet' },
    ];
  }
  const table = c.table;
  return [
    { term: 'ServiceNow instance', detail: c.partnerEndpoint ? instanceHost(c.partnerEndpoint) : 'not known yet' },
    { term: 'Table', detail: typeof table === 'string' && table ? table : 'not reported' },
  ];
}

function siteHost(site: string): string {
  try {
    return new URL(site).host;
  } catch {
    return site;
  }
}

/** Who started it: a ServiceNow instance is connected from here, never invited. */
export function roleText(c: ConnectionView): string {
  if (c.partnerKind === 'servicenow') return 'Connected from this site';
  return c.role === 'inviter' ? 'We invited them' : 'They invited us';
}
