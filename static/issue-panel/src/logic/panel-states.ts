// The panel's states beyond "in sync": a paused, pending or ended connection, an issue not shared
// yet, outside the rule's scope or outside the pilot. Each gets a lozenge, one plain sentence, the
// way in (who to ask, which label or status) and only the actions that can work, each disabled
// action with its reason. Decided from the PanelView alone, so it is unit-tested without a browser.
import type { Contact, PanelLinkView, PanelView } from '../../../../src/shared/resolver-contract';
import { formatDateTime } from '../../../shared/logic/format';
import { partnerPlace } from '../../../shared/logic/partner-terms';
import { availableTerms, linkStatus, termsOf, type LinkStatus } from './panel-model';

type Available = PanelView['available'][number];

/** An action the panel shows: enabled, or disabled with the reason shown next to it. */
export type Offered = { disabledReason: string | null } | null;
const enabled: Offered = { disabledReason: null };
const disabled = (reason: string): Offered => ({ disabledReason: reason });

/** The partner in a sentence: its name once known, else the current words ("the partner", "ServiceNow"). */
function partnerOf(name: string | undefined, fallback: string): string {
  return name && name.trim() !== '' ? name : fallback;
}

const list = (items: string[]): string => {
  const quoted = items.map((i) => `"${i}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
};

/** Whom to ask on this side: the connection's accountable or responsible people, else the Jira admins. */
export function whomToAsk(contacts: Contact[] | undefined): string {
  const people = (contacts ?? []).filter((c) => c.role !== 'informed');
  if (people.length === 0) return 'your Jira admin';
  return people.slice(0, 2).map((c) => `${c.name} (${c.email})`).join(' or ');
}

export type LinkPresentation = LinkStatus & { syncNow: Offered; unlink: boolean; retry: boolean; dismiss: boolean };

export function presentLink(view: PanelView, link: PanelLinkView): LinkPresentation {
  const terms = termsOf(link);
  const partner = partnerOf(link.partnerName, terms.other);
  const state = link.connection?.state ?? 'active';
  const act = view.canAct;
  if (state === 'ended') {
    const when = link.connection?.endedAt ? ` on ${formatDateTime(link.connection.endedAt)}` : '';
    return {
      text: 'Ended', appearance: 'removed',
      explanation: `${capitalise(partner)} ended the connection${when}, so this issue no longer syncs. Both sides keep what they have.`,
      syncNow: null, unlink: false, retry: false, dismiss: act,
    };
  }
  if (link.state === 'unlinked') return { ...linkStatus(link), syncNow: null, unlink: false, retry: false, dismiss: act };
  if (state === 'paused') {
    return {
      text: 'Paused', appearance: 'moved',
      explanation: `The connection with ${partner} is paused by a Jira admin. Changes made meanwhile wait here and are sent, in order, when it resumes.`,
      syncNow: act ? disabled('Sync now is off while the connection is paused.') : null, unlink: act, retry: act, dismiss: act,
    };
  }
  if (state === 'pending') {
    return {
      text: 'Waiting', appearance: 'inprogress',
      explanation: `${capitalise(partner)} has not accepted the connection yet; nothing can be sent until then.`,
      syncNow: act ? disabled('Nothing can be sent before the partner accepts the connection.') : null, unlink: act, retry: false, dismiss: act,
    };
  }
  return { ...linkStatus(link), syncNow: act ? enabled : null, unlink: act, retry: act, dismiss: act };
}

export type AvailablePresentation = {
  heading: string;
  lozenge: LinkStatus['appearance'];
  lozengeText: string;
  sentence: string;
  /** How the issue gets in: what to change here, or whom to ask. Null when nothing is in the way. */
  wayIn: string | null;
  start: Offered;
  link: Offered;
};

export function presentAvailable(view: PanelView, available: Available): AvailablePresentation {
  const terms = availableTerms(available);
  const fallback = terms.kind === 'servicenow' ? partnerPlace('servicenow', available.partnerEndpoint ?? null) : terms.other;
  const partner = partnerOf(available.partnerName, fallback);
  const named = available.partnerName || terms.kind === 'servicenow';
  const heading = named ? `Not synced with ${partner} yet` : 'Not synced yet';
  const ask = whomToAsk(available.connection?.contacts);
  const help = available.help;
  const project = view.issue.projectKey;
  const act = view.canAct;
  const readOnly = 'You can see this issue but not edit it, so you cannot start syncing.';
  const base = { heading, lozenge: 'default' as const, start: null, link: null };

  if (help?.kind === 'connection' && help.state === 'ended') {
    return { ...base, heading: `Connection with ${partner} ended`, lozengeText: 'Ended', lozenge: 'removed', sentence: `${capitalise(partner)} ended the connection; nothing can be synced on it.`, wayIn: `To share issues with ${partner} again, ${ask} connects again.` };
  }
  if (help?.kind === 'connection' && help.state === 'pending') {
    return { ...base, lozengeText: 'Waiting', lozenge: 'inprogress', sentence: `The connection waits for ${partner} to accept the invitation; nothing can be synced until then.`, wayIn: `If it takes long, ${ask} can remind the partner's admin.` };
  }
  if (help?.kind === 'issue-type') {
    return { ...base, lozengeText: 'Outside scope', sentence: `Only issues of type ${list(help.allowed)} in ${project} are shared with ${partner}; this one is ${help.current ? `a ${help.current}` : 'of no type'}.`, wayIn: `To share it, ask ${ask} to add its type to the sharing rule.` };
  }
  if (help?.kind === 'status') {
    return { ...base, lozengeText: 'Outside scope', sentence: `Only issues in status ${list(help.allowed)} are shared with ${partner}; this one is ${help.current ? `"${help.current}"` : 'in no status'}.`, wayIn: `It is sent once it moves to one of those statuses; or ask ${ask} to add its status to the sharing rule.` };
  }
  if (help?.kind === 'labels') {
    const how = act ? `Add the label ${list(help.allowed)} to this issue to share it` : `Someone who can edit this issue can add the label ${list(help.allowed)}`;
    return { ...base, lozengeText: 'Outside scope', sentence: `Only issues labelled ${list(help.allowed)} are shared with ${partner}.`, wayIn: `${how}, or ask ${ask} to change the rule.` };
  }
  if (help?.kind === 'pilot') {
    const byLabel = help.labels.length > 0 ? `${act ? 'Add' : 'Someone who can edit this issue can add'} the label ${list(help.labels)} to bring it into the pilot, or ask` : 'Ask';
    const keys = help.issueKeys.length > 0 ? ` (and the issues ${help.issueKeys.join(', ')})` : '';
    return {
      ...base, lozengeText: 'Outside pilot',
      sentence: `Sharing with ${partner} is in its pilot: only issues labelled ${help.labels.length ? list(help.labels) : '(no label)'}${keys} sync for now.`,
      wayIn: `${byLabel} ${ask} to add ${view.issue.key} to the pilot.`,
    };
  }
  if (help?.kind === 'other') {
    return { ...base, lozengeText: 'Outside scope', sentence: `This issue is not shared with ${partner}: ${help.reason}.`, wayIn: `Ask ${ask} about the sharing rule.` };
  }
  if (!available.inScope && help === undefined) {
    // An older backend: only the one-line reason.
    return { ...base, lozengeText: 'Outside scope', sentence: available.reason ? `Not in the sharing scope: ${available.reason}.` : 'Not in the sharing scope.', wayIn: `Ask ${ask} about the sharing rule.` };
  }
  const manual = help?.kind === 'manual-start';
  const paused = help?.kind === 'connection' && help.state === 'paused';
  const sentence = manual
    ? `Issues in ${project} are shared with ${partner} once an agent starts them; this one has not been started.`
    : `${project} shares issues like this one with ${partner}, but this issue has no ${terms.item} yet (it has not changed since sharing began).`;
  const reasonOff = paused ? `The connection with ${partner} is paused by a Jira admin; start when it resumes.` : null;
  const offer = (): Offered => (!act ? null : reasonOff ? disabled(reasonOff) : enabled);
  return { ...base, lozengeText: paused ? 'Paused' : 'Not shared yet', lozenge: paused ? 'moved' : 'default', sentence: act ? sentence : `${sentence} ${readOnly}`, wayIn: null, start: offer(), link: offer() };
}

const capitalise = (s: string): string => (s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s);
