// The ServiceNow peer's sharing rule, derived from the Jira side's rule for the same connection:
// what Jira sends the peer receives and the reverse, with ServiceNow's default value maps for the
// peer's incoming side (Jira status/priority names → ServiceNow state/priority labels).
import { columnOf } from '../../adapters/servicenow/record-columns';
import { parentColumnOf } from '../../adapters/servicenow/record-parent';
import { TIME_WORKED_COLUMN } from '../../adapters/servicenow/time-worked';
import { defaultValueMaps } from '../../adapters/servicenow/value-maps';
import type { FieldKey } from '../../core/replica/field-key';
import { emptyValueMaps, type FieldPolicy, type SharingRule } from '../../core/rules/schema';

/** The rule schema's largest cap. */
const MAX_OFFERED_BYTES = 100 * 1024 * 1024;
/** Every top-level media type: what ServiceNow holds is limited by its own glide.attachment.extensions. */
const ANY_TYPE = ['application/*', 'audio/*', 'font/*', 'image/*', 'message/*', 'model/*', 'multipart/*', 'text/*', 'video/*'];

const FLIP_DIRECTION = { out: 'in', in: 'out', both: 'both' } as const;
const FLIP_CONFLICT = { local: 'partner', partner: 'local', latest: 'latest' } as const;

/** Whether the Jira rule sends a field into the record's Time worked timer (timespent out, or a field mapped onto time_worked). */
export function writesTimeWorked(jira: Pick<SharingRule, 'fields'>): boolean {
  return Object.entries(jira.fields).some(([key, policy]) => policy !== undefined && policy.direction !== 'in' && columnOf(policy.partnerField ?? (key as FieldKey)) === TIME_WORKED_COLUMN);
}

/**
 * `table` stands where a project key would (snapshots of a ServiceNow record carry the table as
 * their project). Fields a ServiceNow record cannot hold (labels, due date…) are left out.
 */
export function peerRule(jira: SharingRule, table: string): SharingRule {
  const fields: Partial<Record<FieldKey, FieldPolicy>> = {};
  for (const [key, policy] of Object.entries(jira.fields) as Array<[FieldKey, FieldPolicy | undefined]>) {
    if (!policy) continue;
    const snField = policy.partnerField ?? key;
    if (!columnOf(snField)) continue;
    fields[snField] = {
      direction: FLIP_DIRECTION[policy.direction],
      ...(snField !== key ? { partnerField: key } : {}),
      ...(policy.conflict ? { conflict: FLIP_CONFLICT[policy.conflict] } : {}),
    };
  }
  const maps = defaultValueMaps(table).toServiceNow;
  // Hierarchy where the table keeps a parent (incident's Parent Incident), as the Jira rule says each
  // way; never issue links (a record has none to carry), never bringing parents or children along
  // (the Jira side's scope decides which issues pair).
  const hierarchy = parentColumnOf(table) !== undefined;
  return {
    connectionId: jira.connectionId,
    projectKey: table,
    fields,
    outgoing: {
      userPrivacy: 'displayName',
      comments: { enabled: jira.incoming.comments.enabled, includeInternal: true },
      // Offered whenever the Jira side accepts attachments: its incoming cap then refuses what is too
      // big where the Jira admin sees it (an error naming the file), rather than here, unseen.
      attachments: { enabled: jira.incoming.attachments.enabled, maxBytes: MAX_OFFERED_BYTES, mimeTypes: ANY_TYPE },
      // The record's Time worked total (time_worked, read as one worklog: time-worked.ts) goes to
      // Jira when the Jira side accepts worklogs — never while the Jira rule writes Jira's time
      // spent into that same timer: Liaison's own write would come back as work logged (a rule
      // saved with both is refused: rule-check.ts; this covers one saved before that check).
      worklogs: { enabled: jira.incoming.worklogs.enabled && !writesTimeWorked(jira) },
      relations: { hierarchy: hierarchy && jira.incoming.relations.hierarchy, bringParent: false, bringChildren: false, links: false, outsideLinks: 'stay-home' },
      // Nor a service desk's request type, participants or SLAs.
      serviceDesk: { requestType: false, participants: false, sla: false },
    },
    incoming: {
      ...jira.incoming,
      create: { projectKey: table, issueType: table },
      valueMaps: { ...emptyValueMaps(), status: maps.status, priority: maps.priority },
      users: { matchByEmail: false, map: {}, defaultAccountId: null },
      defaults: {},
      comments: { enabled: jira.outgoing.comments.enabled, asInternal: false },
      // The Jira rule's cap and type allowlist already chose what leaves Jira.
      attachments: { enabled: jira.outgoing.attachments.enabled, maxBytes: jira.outgoing.attachments.maxBytes },
      worklogs: { enabled: jira.outgoing.worklogs.enabled },
      relations: { hierarchy: hierarchy && jira.outgoing.relations.hierarchy, links: false, linkTypes: {} },
      onPartnerDelete: 'unlink',
    },
    // The Jira side's scope already decides which issues pair; every record of a pair is in scope here.
    scope: { issueTypes: [], labels: [], statuses: [], pilot: null, manualStart: false },
    mode: { kind: 'realtime' },
  };
}
