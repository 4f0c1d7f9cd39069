// A stored sync error in the words of the person who reads it: what failed, who can fix it (this
// site's admins or the partner's), whom to contact, and whether Retry can help. Pure: the error
// list on the admin page and the issue panel show the same sentence. No sequence numbers, HTTP
// codes or JSON reach the text, and "local" never stands for the partner's side.
import { STANDARD_FIELDS } from '../core/fields';
import type { Contact, ErrorWordingView } from '../shared/resolver-contract';

/** Who the other side is: a name people know (`Globex`, `initech`), and its contacts. */
export type ErrorParty = { name: string | null; kind: 'jira' | 'servicenow'; contacts: readonly Contact[] };

/** The stored record's parts the wording needs (ErrorRecord, with the view's retryability). */
export type StoredError = { field: string; value: string; reason: string; retryable: boolean };

const FIELD_NAMES: Record<string, string> = {
  ...Object.fromEntries(STANDARD_FIELDS.map((f) => [f.key, f.words])),
  comments: 'comment', attachments: 'attachment', worklogs: 'worklog', issue: 'issue',
};

/** `field` as people call it; `fieldName` is this site's name for a custom field when known. */
export function fieldWords(field: string, fieldName?: string): string {
  const key = field.startsWith('partner:') ? field.slice('partner:'.length) : field;
  if (fieldName) return fieldName;
  if (FIELD_NAMES[key]) return FIELD_NAMES[key];
  return key.startsWith('custom:') ? `custom field ${key.slice('custom:'.length)}` : key;
}

/** The person to contact on the partner's side: the accountable one first. */
export function contactText(contacts: readonly Contact[]): string | undefined {
  const c = contacts.find((x) => x.role === 'accountable') ?? contacts.find((x) => x.role === 'responsible') ?? contacts[0];
  return c ? `${c.name} (${c.email})` : undefined;
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/s, '$1');

type Cause = { cause: string; title: string; problem: string; fixBy: ErrorWordingView['fixBy']; retry: 'after-fix' | 'now' | 'never' | 'automatic' };

/** The partner's answer inside a delivery error (`… HTTP 422: {"error":"create-refused","message":"…"}`). */
export function partnerAnswer(reason: string): { status: number | null; code: string | null; message: string | null; gaveUp: boolean } {
  const gaveUp = /^gave up after \d+ attempts/.test(reason);
  const m = /HTTP (\d{3})(?::\s*(.*))?$/s.exec(reason);
  if (!m) return { status: null, code: null, message: null, gaveUp };
  let code: string | null = null;
  let message: string | null = m[2]?.trim() || null;
  try {
    const body = JSON.parse(m[2] ?? '') as { error?: unknown; message?: unknown };
    code = typeof body.error === 'string' ? body.error : null;
    message = typeof body.message === 'string' ? body.message : null;
  } catch {
    // Not JSON: the partner's plain text (or ours, for a send refused before leaving).
  }
  return { status: Number(m[1]), code, message, gaveUp };
}

/** A whole change the partner did not take (`field: 'message'`). */
function deliveryCause(reason: string, p: string): Cause {
  const a = partnerAnswer(reason);
  const title = `A change was not delivered to ${p}`;
  if (a.gaveUp || (a.status !== null && a.status >= 500) || (a.status === null && !a.code)) {
    return { cause: 'partner-unreachable', title, problem: `${p}'s site did not answer for hours, so Liaison stopped trying`, fixBy: 'partner', retry: 'now' };
  }
  if (a.status === 410 && /ended this connection/.test(a.message ?? '')) return { cause: 'connection-ended', title, problem: `${p} ended the connection; nothing is sent any more`, fixBy: 'nobody', retry: 'never' };
  if (a.code === 'unlinked' || a.status === 410) return { cause: 'partner-unlinked', title, problem: `${p} unlinked or deleted their issue, so the change has nowhere to go`, fixBy: 'nobody', retry: 'never' };
  if (a.code === 'create-refused' || a.status === 422) {
    const m = a.message ?? '';
    if (/no sharing rule here accepts issues created by the partner|not accepted \(no incoming\.create target\)/.test(m)) {
      return { cause: 'partner-refuses-creates', title, problem: `their sharing rule does not accept new issues from us, so the issue was not created there`, fixBy: 'partner', retry: 'after-fix' };
    }
    if (/must be in this side's scope/.test(m)) return { cause: 'partner-scope', title, problem: `the issue is outside the scope of their sharing rule`, fixBy: 'partner', retry: 'after-fix' };
    if (/already linked to another/.test(m)) return { cause: 'partner-already-linked', title, problem: `the issue named for the link is already linked to another issue there`, fixBy: 'us', retry: 'never' };
    if (/cannot be linked here|is not shared on this connection/.test(m)) return { cause: 'partner-link-refused', title, problem: `the issue named for the link does not exist there or is not shared with us`, fixBy: 'us', retry: 'never' };
    if (/is required to create the issue/.test(m)) return { cause: 'partner-required-field', title, problem: `their project needs a field we do not send (${m.replace(/^([^:]+):.*$/s, '$1')}) to create the issue`, fixBy: 'partner', retry: 'after-fix' };
    return { cause: 'partner-refused', title, problem: `their side refused the change: ${localToTheirs(m)}`, fixBy: 'partner', retry: 'after-fix' };
  }
  if (a.code === 'oversize' || a.status === 413) return { cause: 'too-large', title, problem: `the change is larger than ${p} accepts in one message`, fixBy: 'us', retry: 'never' };
  if (a.code === 'bad-signature' || a.code === 'unknown-connection' || a.status === 401 || a.status === 403) {
    if (/missing on this side/.test(a.message ?? '')) return { cause: 'our-connection-broken', title, problem: 'this connection is missing its key here; delete it and connect again', fixBy: 'us', retry: 'never' };
    return { cause: 'not-recognised', title, problem: `${p}'s site no longer recognises this connection (it was deleted or replaced there)`, fixBy: 'partner', retry: 'never' };
  }
  if (a.code === 'malformed' || a.code === 'unsupported-version' || a.status === 400) return { cause: 'version-mismatch', title, problem: `${p}'s Liaison could not read the change (their version may be older)`, fixBy: 'partner', retry: 'after-fix' };
  return { cause: 'partner-refused', title, problem: `their side refused the change${a.message ? `: ${localToTheirs(a.message)}` : ''}`, fixBy: 'partner', retry: 'after-fix' };
}

/** The partner's own reason speaks of "local"/"here" for its side: say "their". */
const localToTheirs = (s: string) => s.replace(/\b(?:the )?local\b/g, 'their').replace(/\bhere\b/g, 'on their side').replace(/\bthe partner\b/g, 'us');

/** One value one side did not apply. `theirs`: the partner refused it (the record's `partner:` prefix). */
function valueCause(e: StoredError, theirs: boolean, field: string, p: string): Cause {
  const value = unquote(e.value);
  const whose = theirs ? 'their' : 'our';
  const where = theirs ? `on ${p}'s side` : 'here';
  const title = theirs ? `${cap(field)} was not applied on ${p}'s side` : `${cap(field)} from ${p} was not applied here`;
  const fixBy = theirs ? 'partner' : 'us';
  const retry = theirs ? 'after-fix' : 'never';
  const account = /no local account for "(.+?)"/.exec(e.reason);
  if (account) return { cause: 'no-account', title, problem: `${whose} rule has no account for ${account[1]}`, fixBy, retry };
  const option = /"(.+?)" is not an allowed option/.exec(e.reason);
  if (option) return { cause: 'value-not-allowed', title, problem: `${whose} ${field} has no value "${option[1]}" (${whose} rule needs a value map for it)`, fixBy, retry };
  const transition = /no transition reaches "(.+?)" from "(.*?)"/.exec(e.reason);
  if (transition) return { cause: 'no-transition', title, problem: `${whose} workflow has no way from "${transition[2]}" to "${transition[1]}"`, fixBy, retry };
  if (/cut to fit/.test(e.reason)) {
    const limit = /the limit here is ([\d,]+)/.exec(e.reason)?.[1];
    return { cause: 'text-cut', title: `${cap(field)} was shortened ${where}`, problem: `the ${field} was cut to ${limit ?? 'the'} characters, the most Jira holds ${where}; the full text stays on ${theirs ? 'our' : `${p}'s`} issue`, fixBy: 'nobody', retry: 'never' };
  }
  if (/is required to create the issue/.test(e.reason)) return { cause: 'required-field', title, problem: `${whose} project needs ${field} to create the issue`, fixBy, retry };
  if (/not accepted by the local rule|are not accepted/.test(e.reason)) return { cause: 'not-accepted', title, problem: `${whose} rule does not accept ${field}s${value ? ` (${value})` : ''}`, fixBy, retry };
  if (/exceeds the local [\d,]+-byte cap/.test(e.reason)) return { cause: 'attachment-too-large', title, problem: `"${value}" is larger than ${whose} rule's attachment size limit`, fixBy, retry };
  if (/not attached yet; tried again/.test(e.reason)) return { cause: 'attachment-pending', title: `Attachment "${value}" is not here yet`, problem: `the file could not be fetched from ${p} yet; it is fetched again with their next change`, fixBy: 'nobody', retry: 'automatic' };
  // Partners on different versions (core/protocol/unknown-fields.ts, core/sync/partner-reads.ts).
  if (/a field this version does not know|does not know this field/.test(e.reason)) {
    return theirs
      ? { cause: 'unknown-field', title: `${cap(field)} is not sent to ${p}`, problem: `${p}'s Liaison is an older version that does not read ${field}; it is sent again once they upgrade`, fixBy, retry: 'never' }
      : { cause: 'unknown-field', title, problem: `${p}'s Liaison is newer and sends ${field}, which Liaison here does not know yet; upgrade Liaison here to take it`, fixBy, retry };
  }
  const why = theirs ? localToTheirs(e.reason) : e.reason;
  return { cause: 'value-refused', title, problem: `${value ? `"${value}": ` : ''}${why}`, fixBy, retry };
}

const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function causeOf(e: StoredError, field: string, p: string): Cause {
  if (e.field === 'message') return deliveryCause(e.reason, p);
  if (e.field === 'link') {
    if (/declined the link/.test(e.reason)) return { cause: 'link-declined', title: `${p} declined the link`, problem: `${p} declined linking their issue${e.value ? ` ${e.value}` : ''}; nothing syncs for it`, fixBy: 'nobody', retry: 'never' };
    return { cause: 'link-not-shown', title: `The link to ${p}'s issue was not added here`, problem: 'Jira did not take the link to their issue; the issues still sync', fixBy: 'us', retry: 'never' };
  }
  if (e.field === 'issue' && /could not be read from ServiceNow/.test(e.reason)) {
    return { cause: 'record-unreadable', title: `A ${p} record could not be read`, problem: `Liaison could not read ${unquote(e.value)} on ${p}; the integration user may lack access to it`, fixBy: 'partner', retry: 'automatic' };
  }
  return valueCause(e, e.field.startsWith('partner:'), field, p);
}

/** The wording of one stored error. `fieldName`: this site's name of a custom field, when known. */
export function wordError(e: StoredError, party: ErrorParty, fieldName?: string): ErrorWordingView {
  const p = party.name ?? (party.kind === 'servicenow' ? 'ServiceNow' : 'the partner');
  const c = causeOf(e, fieldWords(e.field, fieldName), p);
  const contact = c.fixBy === 'partner' ? contactText(party.contacts) : undefined;
  const who = c.fixBy === 'partner' ? `${cap(p)} must fix this` : c.fixBy === 'us' ? 'A Jira admin here must fix this' : null;
  const what = `${who ? `${who}: ` : ''}${who ? c.problem : cap(c.problem)}${contact ? ` — contact ${contact}` : c.fixBy === 'partner' ? ` — contact ${p}'s Jira admin` : ''}.`;
  const retryable = e.retryable && (c.retry === 'after-fix' || c.retry === 'now');
  const retryHint = !retryable ? (c.retry === 'automatic' ? 'Liaison tries again by itself.' : undefined) : c.retry === 'now' ? 'Retry sends the change again.' : `Retry once ${p} has fixed it.`;
  return {
    cause: c.cause, title: c.title, what, fixBy: c.fixBy, retryable,
    ...(party.name ? { partnerName: party.name } : {}), ...(contact ? { contact } : {}), ...(retryHint ? { retryHint } : {}),
  };
}

/** Why the last attempt of a change still in the queue failed, for the queue list (Liaison tries again by itself). */
export function attemptText(lastError: string, party: ErrorParty): string {
  const p = party.name ?? (party.kind === 'servicenow' ? 'ServiceNow' : 'the partner');
  const a = partnerAnswer(lastError);
  if (a.code === 'paused' || /paused the connection/.test(a.message ?? '')) return `${cap(p)} paused the connection; the change waits until they resume`;
  if (a.code === 'link-pending') return `${cap(p)} has not accepted the link yet; the change waits`;
  if (a.status === 429 || a.code === 'limit' || a.code === 'tracker-rate-limited') return `${cap(p)} asked Liaison to slow down; the change waits its turn`;
  if (a.status === null || a.status >= 500 || a.status === 408) return `${cap(p)}'s site did not answer; Liaison tries again`;
  return `${cap(p)} did not take it yet: ${localToTheirs(a.message ?? 'no reason given')}`;
}
