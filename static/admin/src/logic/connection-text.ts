// How a connection is named and described to an admin.
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { formatWhen } from '../../../shared/logic/format';
import { instanceName, partnerPlace } from '../../../shared/logic/partner-terms';
import { instanceHost } from './servicenow-form';

const KIND: Record<ConnectionView['partnerKind'], string> = { jira: 'Jira', servicenow: 'ServiceNow' };

/**
 * `Jira partner · active · c-1234` — the id tail tells two connections to one partner apart. A
 * ServiceNow instance is named, with its table: `ServiceNow initech (incident) · active · c-1234`.
 */
export function connectionName(c: ConnectionView): string {
  const instance = c.partnerKind === 'servicenow' ? instanceName(c.partnerEndpoint) : null;
  const who = instance ? `${KIND[c.partnerKind]} ${instance}${c.table ? ` (${c.table})` : ''}` : `${KIND[c.partnerKind]} partner`;
  return `${who} · ${c.state} · ${c.id.slice(-8)}`;
}

/** The preview's heading names who receives: a ServiceNow instance by name, a Jira partner as "the partner". */
export function previewHeading(connection: Pick<ConnectionView, 'partnerKind' | 'partnerEndpoint'> | undefined): string {
  return connection?.partnerKind === 'servicenow' ? `What ${partnerPlace('servicenow', connection.partnerEndpoint)} will receive` : 'What the partner will see';
}

/** What deleting the connection leaves behind, in the partner's words. */
export function deleteConsequence(c: ConnectionView): string {
  if (c.partnerKind === 'servicenow') return 'Sync with this ServiceNow instance stops for good and its sharing rules are removed. Issues here and records on ServiceNow stay as they are.';
  return 'Sync with this partner stops for good and its sharing rules are removed. Issues on both sides stay as they are.';
}

export type Health = { level: 'good' | 'warning' | 'bad'; summary: string };

/** Health in one line: errors are bad, a backlog or a silent partner is a warning. */
export function connectionHealth(c: ConnectionView, now: number): Health {
  const last = `last exchange ${formatWhen(c.health.lastExchangeAt, now)}`;
  if (c.state === 'pending') return { level: 'warning', summary: 'Waiting for the partner to accept the invitation' };
  if (c.state === 'ended') return { level: 'bad', summary: `The partner deleted this connection${c.endedAt === undefined ? '' : ` (${formatWhen(c.endedAt, now)})`}: nothing is sent or received any more. Delete it here too.` };
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
 * The card's partner rows. A Jira partner is known by its web-trigger inbox; a ServiceNow partner
 * by its instance host and mirrored table (`table` is read if the list carries it).
 */
export function partnerRows(c: ConnectionView): Array<{ term: string; detail: string }> {
  if (c.partnerKind !== 'servicenow') return [{ term: 'Partner endpoint', detail: c.partnerEndpoint ?? 'not known yet' }];
  const table = c.table;
  return [
    { term: 'ServiceNow instance', detail: c.partnerEndpoint ? instanceHost(c.partnerEndpoint) : 'not known yet' },
    { term: 'Table', detail: typeof table === 'string' && table ? table : 'not reported' },
  ];
}

/** Who started it: a ServiceNow instance is connected from here, never invited. */
export function roleText(c: ConnectionView): string {
  if (c.partnerKind === 'servicenow') return 'Connected from this site';
  return c.role === 'inviter' ? 'We invited them' : 'They invited us';
}
