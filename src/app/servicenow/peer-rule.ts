// The ServiceNow peer's sharing rule, derived from the Jira side's rule for the same connection:
// what Jira sends the peer receives and the reverse, with ServiceNow's default value maps for the
// peer's incoming side (Jira status/priority names → ServiceNow state/priority labels).
import { columnOf } from '../../adapters/servicenow/record-columns';
import { defaultValueMaps } from '../../adapters/servicenow/value-maps';
import type { FieldKey } from '../../core/replica/field-key';
import type { FieldPolicy, SharingRule } from '../../core/rules/schema';

const FLIP_DIRECTION = { out: 'in', in: 'out', both: 'both' } as const;
const FLIP_CONFLICT = { local: 'partner', partner: 'local', latest: 'latest' } as const;

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
  return {
    connectionId: jira.connectionId,
    projectKey: table,
    fields,
    outgoing: {
      userPrivacy: 'displayName',
      comments: { enabled: jira.incoming.comments.enabled, includeInternal: true },
      attachments: { enabled: false, maxBytes: jira.incoming.attachments.maxBytes, mimeTypes: [] },
    },
    incoming: {
      ...jira.incoming,
      create: { projectKey: table, issueType: table },
      valueMaps: { status: maps.status, priority: maps.priority, issuetype: {} },
      users: { matchByEmail: false, map: {}, defaultAccountId: null },
      defaults: {},
      comments: { enabled: jira.outgoing.comments.enabled, asInternal: false },
      attachments: { enabled: false, maxBytes: jira.outgoing.attachments.maxBytes },
      onPartnerDelete: 'unlink',
    },
    // The Jira side's scope already decides which issues pair; every record of a pair is in scope here.
    scope: { issueTypes: [], labels: [], statuses: [], pilot: null, manualStart: false },
    mode: { kind: 'realtime' },
  };
}
