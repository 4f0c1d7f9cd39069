// What one issue read must fetch: the union of what every sharing rule on the project needs
// (fields in either direction, scope filters, comments, attachments), so the trigger path reads
// the issue once whatever the number of connections.
import { standardFieldKeys, type FieldKey } from '../../core/replica/field-key';
import type { SharingRule } from '../../core/rules/schema';
import { jqlFieldNames } from '../../core/rules/jql/jql-clause';
import { LOCAL_JQL_FIELDS } from '../../core/rules/jql/jql-local';
import { sendsServiceDesk, type ServiceDeskFieldIds } from '../../core/rules/service-desk-rule';

export type ReadPlan = {
  fields: FieldKey[];
  comments: boolean;
  attachments: boolean;
  /** Worklogs ride in the same GET (the `worklog` field) when some rule shares them either way. */
  worklogs?: boolean;
  /** Parent, issue type and links ride in the same GET when some rule sends hierarchy or links, or takes links. */
  relations?: boolean;
  /** People's emails enter the snapshot only when some rule shares them. */
  includeEmail: boolean;
  /**
   * Request type, participants and SLAs, when some rule sends any: their fields ride in the same GET
   * (`fieldIds`, kept in the rule by its save; see service-desk-fields.ts). Without ids (a rule saved
   * before they were kept) one more GET, the servicedeskapi request, reads them.
   */
  serviceDesk?: { fieldIds?: ServiceDeskFieldIds };
};

export const FULL_READ: ReadPlan = {
  fields: [...standardFieldKeys],
  comments: true,
  attachments: true,
  // Parent and links ride in the same GET: a caller that reads everything (an ack's waiting issues) needs them.
  relations: true,
  includeEmail: false,
};

export function readPlanFor(rules: readonly SharingRule[]): ReadPlan {
  const fields = new Set<FieldKey>();
  let comments = false;
  let attachments = false;
  let worklogs = false;
  let relations = false;
  let includeEmail = false;
  let serviceDesk: ReadPlan['serviceDesk'];
  for (const rule of rules) {
    for (const key of Object.keys(rule.fields)) fields.add(key as FieldKey);
    if (rule.scope.issueTypes.length > 0) fields.add('issuetype');
    if (rule.scope.statuses.length > 0) fields.add('status');
    if (rule.scope.labels.length > 0 || (rule.scope.pilot?.labels.length ?? 0) > 0) fields.add('labels');
    // The fields a scope JQL names, so the clause is decided on the issue as read, without a search.
    for (const name of [rule.scope.jql, rule.scope.pilot?.jql].flatMap((q) => (q ? jqlFieldNames(q) : []))) {
      const key = LOCAL_JQL_FIELDS[name];
      if (key) fields.add(key);
    }
    // Incoming comments and attachments are matched against the local ones the pair already knows.
    comments ||= rule.outgoing.comments.enabled || rule.incoming.comments.enabled;
    attachments ||= rule.outgoing.attachments.enabled || rule.incoming.attachments.enabled;
    worklogs ||= rule.outgoing.worklogs.enabled || rule.incoming.worklogs.enabled;
    // Incoming links too: a copy of a partner's link is found in the issue's links to be removed.
    relations ||= rule.outgoing.relations.hierarchy || rule.outgoing.relations.links || rule.incoming.relations.links;
    includeEmail ||= rule.outgoing.userPrivacy === 'displayNameAndEmail';
    // The ids are the site's, so any rule's do; one saved before they were kept has none.
    if (sendsServiceDesk(rule.outgoing.serviceDesk)) serviceDesk = serviceDesk?.fieldIds ? serviceDesk : { ...(rule.outgoing.serviceDesk.fieldIds ? { fieldIds: rule.outgoing.serviceDesk.fieldIds } : {}) };
  }
  return { fields: [...fields].sort(), comments, attachments, ...(worklogs ? { worklogs } : {}), ...(relations ? { relations } : {}), includeEmail, ...(serviceDesk ? { serviceDesk } : {}) };
}
