// What Liaison learns about an instance when the admin saves the connection, so that no sync pays a read
// for it: the English choice lists of the columns it maps (stored values stay the key; labels are only
// shown), the resolution or close codes an admin may pick, and the Priority Lookup Rules where the integration
// user may read them (else the rule's map, ServiceNow's default table, applies and each write is checked).
import { codeColumnOf } from './closing-fields';
import type { ServiceNowClient } from './servicenow-client';
import type { Choice, ChoiceLists, PriorityRule } from './value-maps';

export type InstanceProfile = { choices: ChoiceLists; priorityLookup?: PriorityRule[] };

const CHOICE_COLUMNS = ['state', 'priority', 'impact', 'urgency'] as const;

async function choiceList(client: ServiceNowClient, table: string, column: string): Promise<Choice[]> {
  // Choices may be defined on task (priority, impact, urgency) rather than on the table itself.
  const own = await client.choices(table, column).catch(() => []);
  return own.length > 0 || table === 'task' ? own : client.choices('task', column).catch(() => []);
}

async function lookupRules(client: ServiceNowClient): Promise<PriorityRule[] | undefined> {
  const page = await client.list('dl_u_priority', { query: `active=true^ORDERBYimpact^ORDERBYurgency`, fields: ['impact', 'urgency', 'priority'], limit: 100 }).catch(() => null);
  const rows = (page?.records ?? []).map((r) => ({ impact: String(r.impact ?? ''), urgency: String(r.urgency ?? ''), priority: String(r.priority ?? '') }));
  const valid = rows.filter((r) => /^\d+$/.test(r.impact) && /^\d+$/.test(r.urgency) && /^\d+$/.test(r.priority));
  // Hidden rows (no read ACL) come back as none: then the rule's map is all there is.
  return valid.length > 0 ? valid : undefined;
}

export async function readInstanceProfile(client: ServiceNowClient, table: string): Promise<InstanceProfile> {
  const choices: ChoiceLists = {};
  // The codes a resolve or close sends (problem: resolution_code; incident, change_request: close_code).
  for (const column of [...CHOICE_COLUMNS, codeColumnOf(table) ?? 'close_code']) {
    const list = await choiceList(client, table, column);
    if (list.length > 0) choices[column] = list;
  }
  const priorityLookup = await lookupRules(client);
  return { choices, ...(priorityLookup ? { priorityLookup } : {}) };
}

