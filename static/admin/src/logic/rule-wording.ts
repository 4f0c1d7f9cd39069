// The rule editor's words for the connection's partner. A ServiceNow partner has no rule of its own:
// what it sends is what its records hold (state labels, work notes for internal comments), so the
// labels say ServiceNow and drop what cannot apply (an issue type map: a record's type is its table).
import type { PartnerTerms } from '../../../shared/logic/partner-terms';

export type RuleWords = {
  valueMapHelp: string;
  showIssueTypeMap: boolean;
  matchByEmail: string;
  userMapHelp: string;
  includeInternalHelp: string;
  attachmentsHelp: string | undefined;
  asInternal: string;
  create: string;
  conflictPartner: string;
  partnerFieldHeader: string;
  /** Above the fields table: which fields the partner can hold at all. */
  fieldsNote: string | null;
};

const JIRA_WORDS: RuleWords = {
  valueMapHelp: 'Each value the partner sends arrives as the value picked next to it; values not listed arrive unchanged.',
  showIssueTypeMap: true,
  matchByEmail: 'Match partner people to our accounts by email',
  userMapHelp: 'A partner person, by email, and the account here that stands for them.',
  includeInternalHelp: 'Internal comments never leave unless this is ticked.',
  attachmentsHelp: undefined,
  asInternal: 'Add partner comments as internal notes',
  create: 'Create issues here when the partner creates one',
  conflictPartner: "Partner's value wins",
  partnerFieldHeader: 'Fed by partner field',
  fieldsNote: null,
};

export function ruleWords(terms: PartnerTerms | undefined): RuleWords {
  if (terms?.kind !== 'servicenow') return JIRA_WORDS;
  return {
    valueMapHelp: 'Each ServiceNow value, as the instance labels it (In Progress, 2 - High), arrives as the value picked next to it; values not listed arrive unchanged.',
    showIssueTypeMap: false,
    matchByEmail: 'Match ServiceNow people to our accounts by email',
    userMapHelp: 'A ServiceNow user, by email, and the account here that stands for them.',
    includeInternalHelp: 'Internal comments go to the work notes. They never leave unless this is ticked.',
    attachmentsHelp: 'Uploaded to the record through the ServiceNow Attachment API.',
    asInternal: 'Add ServiceNow comments as internal notes (work notes always arrive as internal notes)',
    create: `Create issues here when a new ${terms.item} appears`,
    conflictPartner: "ServiceNow's value wins",
    partnerFieldHeader: 'Fed by ServiceNow field',
    fieldsNote: `A ${terms.item} holds summary, description, status, priority, assignee and reporter, and custom fields named after their column (custom:u_…). Other fields are not sent.`,
  };
}
