// What the issue panel shows, decided from the PanelView alone, so the words an agent reads and
// the actions offered are unit-tested without a browser.
import type { PanelLinkView, PanelView, SyncErrorView } from '../../../../src/shared/resolver-contract';
import { parsePartnerKey, partnerPlace, partnerTerms, type PartnerTerms } from '../../../shared/logic/partner-terms';

export { parsePartnerKey, partnerTerms, type PartnerTerms };

export type LozengeAppearance = 'success' | 'inprogress' | 'removed' | 'default' | 'moved';

export type LinkStatus = { text: string; appearance: LozengeAppearance; explanation: string };

/** The words for a link's partner: its kind and, for ServiceNow, the table its record is in. */
export const termsOf = (link: PanelLinkView): PartnerTerms => partnerTerms(link.partner.kind, link.partner.table);

export function linkStatus(link: PanelLinkView): LinkStatus {
  const terms = termsOf(link);
  switch (link.state) {
    case 'in-sync':
      return { text: 'In sync', appearance: 'success', explanation: terms.kind === 'jira' ? 'Both issues agree on every shared field.' : `This issue and the ${terms.item} agree on every shared field.` };
    case 'pending':
      return { text: 'Pending', appearance: 'inprogress', explanation: 'A change is on its way; this panel refreshes until it lands.' };
    case 'failed':
      return { text: 'Failed', appearance: 'removed', explanation: 'Some values did not reach the other side. See the errors below.' };
    case 'unlinked':
      return { text: 'Not linked', appearance: 'default', explanation: `This issue no longer syncs with the ${terms.item}.` };
  }
}

export type ErrorAdvice = { headline: string; reason: string; action: string };

/** The partner's own words from a refused delivery's reason (`… HTTP 422: {"message": …}`). */
function refusalReason(reason: string): string {
  const m = /HTTP (\d{3}): (\{.*\})\s*$/s.exec(reason);
  if (!m) return reason;
  try {
    const body = JSON.parse(m[2]!) as { message?: unknown };
    return typeof body.message === 'string' ? `${body.message} (the partner answered ${m[1]})` : reason;
  } catch {
    return reason;
  }
}

/** An error record in plain words: what was refused, why, and what a person can do about it. */
export function describeSyncError(error: SyncErrorView, fieldName: string): ErrorAdvice {
  const action = error.retryable
    ? 'Fix the cause (for example the value or the partner system), then press Retry.'
    : 'Retrying will not help: ask your Jira admin to adjust the sharing rule (for example a value map), then sync again.';
  // A whole delivery the partner refused is recorded as field "message", value "<kind> #<seq>":
  // internal words an agent cannot act on.
  if (error.field === 'message') {
    const seq = /#(\d+)$/.exec(error.value)?.[1];
    return { headline: `Change${seq ? ` #${seq}` : ''} was not delivered to the partner`, reason: refusalReason(error.reason), action };
  }
  const value = error.value.trim() === '' ? 'an empty value' : error.value;
  const headline = `${fieldName}: ${value} was not applied`;
  return { headline, reason: error.reason, action };
}

/** Partner site as people know it (a ServiceNow instance by its name); a web trigger URL says nothing useful, so fall back. */
export function partnerSiteName(endpoint: string | null, kind: PanelLinkView['partner']['kind'] = 'jira'): string {
  return partnerPlace(kind, endpoint);
}

/** The row label for where the partner lives. */
export const partnerPlaceLabel = (link: PanelLinkView): string => (link.partner.kind === 'servicenow' ? 'ServiceNow instance' : 'Partner');

/** The row's value: a ServiceNow instance by its host (as on the admin page), a Jira site by the issue's site. */
export function partnerPlaceText(link: PanelLinkView): string {
  if (link.partner.kind !== 'servicenow') return partnerSiteName(link.partner.url ?? link.partner.endpoint);
  try {
    return link.partner.endpoint ? new URL(link.partner.endpoint).host : 'not known yet';
  } catch {
    return link.partner.endpoint ?? 'not known yet';
  }
}

/** What the card's heading shows: the key or record number, or why there is none yet. */
export function partnerKeyText(link: PanelLinkView): string {
  return link.partner.issueKey ?? `${termsOf(link).item} not created yet`;
}

/** A browse link exists only when the endpoint is the partner site itself. */
export function partnerIssueUrl(link: PanelLinkView): string | null {
  const { endpoint, issueKey, issueId, url: known } = link.partner;
  if (known && /^https:\/\//.test(known)) return known;
  if (!endpoint) return null;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  if (url.hostname.endsWith('.atlassian.net') && issueKey) return `${url.origin}/browse/${encodeURIComponent(issueKey)}`;
  if (url.hostname.endsWith('.service-now.com') && issueId) return `${url.origin}/nav_to.do?uri=${encodeURIComponent(`task.do?sys_id=${issueId}`)}`;
  return null;
}

/**
 * While anything is on its way the panel polls; once settled it stops (no idle polling). A paused
 * connection holds its changes until an admin resumes it: nothing to wait for there.
 */
export const needsAutoRefresh = (view: PanelView | null): boolean =>
  !!view && view.links.some((l) => l.state === 'pending' && (l.connection?.state ?? 'active') === 'active');

export const AUTO_REFRESH_MS = 3000;

export type SharedSummary = { both: string[]; outOnly: string[]; inOnly: string[] };

/** Fields grouped the way people ask: "what goes both ways, what only leaves, what only arrives". */
export function sharedSummary(shared: PanelLinkView['shared']): SharedSummary {
  const out = new Set(shared.out);
  const inn = new Set(shared.in);
  return {
    both: [...out].filter((f) => inn.has(f)).sort(),
    outOnly: [...out].filter((f) => !inn.has(f)).sort(),
    inOnly: [...inn].filter((f) => !out.has(f)).sort(),
  };
}

/** The words for a connection an issue could start syncing on. */
export const availableTerms = (available: PanelView['available'][number]): PartnerTerms => partnerTerms(available.partnerKind, available.partnerTable);
