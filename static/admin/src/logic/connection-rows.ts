// The connections table's words: one row per connection (partner, state, projects, last exchange,
// errors), and the name an admin types to confirm deleting one.
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { formatWhen } from '../../../shared/logic/format';
import { instanceName } from '../../../shared/logic/partner-terms';
import { connectionName } from './connection-text';

/** The partner as people call it (`Globex (globex.atlassian.net)`); the older id-based name before the partner said who it is. */
export function partnerLabel(c: ConnectionView): string {
  const named = (c as { displayName?: string }).displayName;
  return named && named.trim() ? named : connectionName(c);
}

/** What the admin types to delete: the partner's own name, a ServiceNow instance's name, else the id's tail shown in the label. */
export function deleteWord(c: ConnectionView): string {
  const profile = (c as { partner?: { name?: string | null } }).partner;
  if (profile?.name) return profile.name;
  if (c.partnerKind === 'servicenow') return instanceName(c.partnerEndpoint) ?? c.id.slice(-8);
  return c.id.slice(-8);
}

/** The partner's contacts as the partner said them (its profile), else as this admin entered them. */
export function partnerContacts(c: ConnectionView): ConnectionView['contacts']['partner'] {
  const profile = (c as { partner?: { contacts?: ConnectionView['contacts']['partner'] } }).partner;
  return profile?.contacts?.length ? profile.contacts : c.contacts.partner;
}

export const STATE_TEXT: Record<ConnectionView['state'], string> = { pending: 'Waiting for partner', active: 'Active', paused: 'Paused', ended: 'Ended by partner' };
export const STATE_LOZENGE = { pending: 'inprogress', active: 'success', paused: 'moved', ended: 'removed' } as const;

export function projectsText(c: ConnectionView): string {
  return c.projects.length ? c.projects.map((p) => p.projectKey).join(', ') : 'None yet';
}

/** "Sent 2 min ago · received 5 min ago", from real traffic; "Nothing exchanged yet" when there was none. */
export function lastExchangeText(c: ConnectionView, now: number): string {
  const { lastSentAt, lastReceivedAt, lastExchangeAt } = c.health;
  const parts: string[] = [];
  if (lastSentAt) parts.push(`sent ${formatWhen(lastSentAt, now)}`);
  if (lastReceivedAt) parts.push(`received ${formatWhen(lastReceivedAt, now)}`);
  if (parts.length === 0) return lastExchangeAt ? `Checked ${formatWhen(lastExchangeAt, now)}` : 'Nothing exchanged yet';
  const text = parts.join(' · ');
  return text[0]!.toUpperCase() + text.slice(1);
}

export function errorsText(count: number): string {
  return count === 0 ? 'No errors' : `${count} error${count === 1 ? '' : 's'}`;
}

/** What deleting says about the linked issues, once their count is known. */
export function linkedText(count: { linked: number; capped: boolean } | null): string {
  if (!count) return 'Counting the linked issues…';
  if (count.linked === 0) return 'No issues are linked on this connection.';
  const n = `${count.capped ? 'more than ' : ''}${count.linked.toLocaleString('en-US')}`;
  return `${n} linked issue${count.linked === 1 && !count.capped ? '' : 's'} will stop syncing.`;
}
