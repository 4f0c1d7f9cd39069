// How a partner and its items are named to people. A Jira partner has "partner issues" known by
// keys like GLX-12 on a site; a ServiceNow partner has records of one table (an incident, a change
// request…) known by numbers like INC0010001, on an instance people call by its name.
import type { PartnerKind } from '../../../src/shared/resolver-contract';

export type PartnerTerms = {
  kind: PartnerKind;
  /** One partner item in a sentence: "partner issue", "ServiceNow incident". */
  item: string;
  /** Several: "partner issues", "ServiceNow incidents". */
  items: string;
  /** What its identifier is called: "partner issue key", "incident number". */
  keyName: string;
  keyExample: string;
  /** Who is on the other side, in a sentence: "the partner", "ServiceNow". */
  other: string;
};

type TableWords = { noun: string; plural: string; example: string };

/** ServiceNow's own labels and number prefixes of the tables Liaison is used with most. */
const TABLES: Record<string, TableWords> = {
  incident: { noun: 'incident', plural: 'incidents', example: 'INC0010001' },
  change_request: { noun: 'change request', plural: 'change requests', example: 'CHG0030001' },
  problem: { noun: 'problem', plural: 'problems', example: 'PRB0040001' },
  sc_req_item: { noun: 'requested item', plural: 'requested items', example: 'RITM0010001' },
  sc_task: { noun: 'catalog task', plural: 'catalog tasks', example: 'SCTASK0010001' },
};
const ANY_TABLE: TableWords = { noun: 'record', plural: 'records', example: 'INC0010001' };

const JIRA: PartnerTerms = { kind: 'jira', item: 'partner issue', items: 'partner issues', keyName: 'partner issue key', keyExample: 'GLX-12', other: 'the partner' };

/** `name`: the partner's own name (its profile), which sentences then use instead of "the partner". */
export function partnerTerms(kind: PartnerKind | undefined, table?: string | null, name?: string | null): PartnerTerms {
  if (kind !== 'servicenow') return name ? { ...JIRA, other: name } : JIRA;
  const t = (table && TABLES[table]) || ANY_TABLE;
  return { kind, item: `ServiceNow ${t.noun}`, items: `ServiceNow ${t.plural}`, keyName: `${t.noun} number`, keyExample: t.example, other: 'ServiceNow' };
}

/** `initech` for `https://initech.service-now.com`; the host for any other instance URL; null if none. */
export function instanceName(endpoint: string | null | undefined): string | null {
  if (!endpoint) return null;
  try {
    const host = new URL(endpoint).hostname;
    return host.endsWith('.service-now.com') ? host.slice(0, -'.service-now.com'.length) : host;
  } catch {
    return null;
  }
}

/**
 * Where the partner lives, as people know it: `initech (ServiceNow)`, `globex.atlassian.net`; the
 * connection's `displayName` (`Globex (globex.atlassian.net)`) wins when the caller has it.
 */
export function partnerPlace(kind: PartnerKind | undefined, endpoint: string | null, displayName?: string | null): string {
  if (displayName) return displayName;
  if (kind === 'servicenow') {
    const name = instanceName(endpoint);
    return name ? `${name} (ServiceNow)` : 'ServiceNow instance';
  }
  if (!endpoint) return 'Partner (waiting for the connection)';
  try {
    const host = new URL(endpoint).hostname;
    // A web trigger URL says nothing useful about the partner site: fall back.
    if (host.endsWith('.atlassian.net') || host.endsWith('.service-now.com')) return host;
  } catch {
    // not a URL
  }
  return 'Partner site';
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;
/** A task number (prefix, then digits) or a record's sys_id. */
const RECORD_NUMBER = /^[A-Z]{2,10}\d{4,}$/;
const SYS_ID = /^[0-9a-f]{32}$/;

/** The partner key an agent typed, normalised, or the reason it cannot be one. */
export function parsePartnerKey(input: string, terms: PartnerTerms = JIRA): { ok: true; key: string } | { ok: false; message: string } {
  const typed = input.trim();
  if (typed === '') return { ok: false, message: `Enter the ${terms.keyName}, for example ${terms.keyExample}.` };
  if (terms.kind === 'servicenow') {
    if (SYS_ID.test(typed.toLowerCase())) return { ok: true, key: typed.toLowerCase() };
    const number = typed.toUpperCase();
    if (RECORD_NUMBER.test(number)) return { ok: true, key: number };
    return { ok: false, message: `"${typed}" is not ${/^[aeiou]/i.test(terms.keyName) ? 'an' : 'a'} ${terms.keyName} like ${terms.keyExample}.` };
  }
  const key = typed.toUpperCase();
  if (!ISSUE_KEY.test(key)) return { ok: false, message: `"${typed}" is not an issue key like ${terms.keyExample}.` };
  return { ok: true, key };
}
