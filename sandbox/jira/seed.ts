// Site seeds: a realistic default (one service project, Task/Bug/Story, To Do → In Progress → Done,
// five priorities, text/number/select custom fields, an admin, two agents, a handful of issues) and the
// code that loads any seed into a fresh store.
import { createHash } from 'node:crypto';
import { adfFromText } from './adf';
import type { RequestScope, SiteContext } from './context';
import { createIssue } from './issue-service';
import { defaultGroups } from './permissions';
import { SD_PUBLIC_COMMENT } from './record-views';
import type { SiteSeed, UserRecord, UserSeed, WorkflowSeed } from './types';
import { applyServiceDeskSeed } from './jsm/model';

const hexId = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 24);

const KNOWN: Record<string, { key: string; name: string }> = {
  acme: { key: 'ACME', name: 'Acme Support' },
  globex: { key: 'GLX', name: 'Globex Service' },
};

export const DEFAULT_WORKFLOW: WorkflowSeed = {
  statuses: [
    { id: '10000', name: 'To Do', category: 'new' },
    { id: '10001', name: 'In Progress', category: 'indeterminate' },
    { id: '10002', name: 'Done', category: 'done' },
  ],
  initialStatusId: '10000',
  transitions: [
    { id: '11', name: 'To Do', from: ['10001', '10002'], to: '10000' },
    { id: '21', name: 'In Progress', from: ['10000', '10002'], to: '10001' },
    { id: '31', name: 'Done', from: ['10000', '10001'], to: '10002' },
  ],
};

export function defaultSeed(siteName: string): SiteSeed {
  const lower = siteName.toLowerCase();
  const known = KNOWN[lower];
  const key = known?.key ?? (lower.replace(/[^a-z]/g, '').slice(0, 4).toUpperCase() || 'SUP');
  const title = lower.charAt(0).toUpperCase() + lower.slice(1);
  const admin = hexId(`${lower}:admin`);
  const agent1 = hexId(`${lower}:agent-1`);
  const agent2 = hexId(`${lower}:agent-2`);
  return {
    priorities: [
      { id: '1', name: 'Highest', statusColor: '#d04437' },
      { id: '2', name: 'High', statusColor: '#f15C75' },
      { id: '3', name: 'Medium', statusColor: '#f79232', isDefault: true },
      { id: '4', name: 'Low', statusColor: '#707070' },
      { id: '5', name: 'Lowest', statusColor: '#999999' },
    ],
    customFields: [
      { id: 'customfield_10020', name: 'Customer Reference', kind: 'text' },
      { id: 'customfield_10021', name: 'Impact Score', kind: 'number' },
      {
        id: 'customfield_10022',
        name: 'Severity',
        kind: 'select',
        options: [
          { id: '10100', value: 'Sev 1' },
          { id: '10101', value: 'Sev 2' },
          { id: '10102', value: 'Sev 3' },
        ],
      },
    ],
    users: [
      { accountId: admin, displayName: `${title} Admin`, emailAddress: `admin@${lower}.example`, accountType: 'atlassian', apiToken: `${lower}-admin-token`, admin: true },
      { accountId: agent1, displayName: `${title} Agent One`, emailAddress: `agent1@${lower}.example`, accountType: 'atlassian', apiToken: `${lower}-agent1-token` },
      { accountId: agent2, displayName: `${title} Agent Two`, emailAddress: `agent2@${lower}.example`, accountType: 'atlassian' },
    ],
    projects: [
      {
        id: '10000',
        key,
        name: known?.name ?? `${title} Support`,
        projectTypeKey: 'software',
        leadAccountId: admin,
        issueTypes: [
          { id: '10001', name: 'Task', description: 'A small, distinct piece of work.' },
          { id: '10002', name: 'Bug', description: 'A problem or error.' },
          { id: '10003', name: 'Story', description: 'Functionality or a feature expressed as a user goal.' },
          { id: '10004', name: 'Epic', description: 'A big user story that needs to be broken down.', hierarchyLevel: 1 },
          { id: '10005', name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', subtask: true },
        ],
        workflow: DEFAULT_WORKFLOW,
      },
    ],
    issues: [
      { project: key, issueType: 'Bug', summary: 'Login page returns 500 after password reset', description: 'Customers see an error page right after resetting their password.', priority: 'High', labels: ['login', 'customer'], reporter: agent1, assignee: agent1, custom: { customfield_10020: 'CR-1001', customfield_10022: { value: 'Sev 2' } }, comments: [{ author: agent1, text: 'Reproduced on staging.' }, { author: agent2, text: 'Possibly the session cache.', internal: true }] },
      { project: key, issueType: 'Task', summary: 'Renew the TLS certificate for the support portal', priority: 'Medium', labels: ['ops'], reporter: admin, duedate: '2030-01-15', status: 'In Progress' },
      { project: key, issueType: 'Story', summary: 'Export tickets to CSV', description: 'As an agent I want to export my queue to CSV.', priority: 'Low', reporter: agent2, custom: { customfield_10021: 3 } },
      { project: key, issueType: 'Task', summary: 'Archive last quarter reports', priority: 'Lowest', reporter: admin, status: 'Done' },
    ],
  };
}

export function userRecord(seed: UserSeed): UserRecord {
  return {
    ...seed,
    groups: seed.groups ?? defaultGroups(seed.accountType, seed.admin ?? false),
    active: seed.active ?? true,
    timeZone: seed.timeZone ?? 'Etc/UTC',
  };
}

function check(seed: SiteSeed): void {
  const keys = new Set<string>();
  for (const p of seed.projects) {
    if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(p.key)) throw new Error(`seed: project key '${p.key}' is not a valid Jira project key`);
    if (keys.has(p.key)) throw new Error(`seed: project key '${p.key}' appears twice`);
    keys.add(p.key);
    const ids = new Set(p.workflow.statuses.map((s) => s.id));
    for (const t of p.workflow.transitions) {
      for (const s of [...t.from, t.to]) if (!ids.has(s)) throw new Error(`seed: transition '${t.name}' of ${p.key} names unknown status '${s}'`);
    }
  }
  for (const f of seed.customFields) {
    if (!/^customfield_\d+$/.test(f.id)) throw new Error(`seed: custom field id '${f.id}' must look like customfield_10020`);
    if (f.kind === 'select' && !f.options?.length) throw new Error(`seed: select field '${f.name}' needs options`);
  }
}

/** Loads a seed into an empty store. Seed issues go through the same create path as REST calls. */
export function applySeed(site: SiteContext, seed: SiteSeed): void {
  check(seed);
  site.store.setMeta('priorities', seed.priorities);
  site.store.setMeta('customFields', seed.customFields);
  for (const u of seed.users) site.store.putUser(userRecord(u));
  for (const p of seed.projects) site.store.putProject({ ...p, nextIssueNumber: 1 });
  applyServiceDeskSeed(site, seed.serviceDesks, seed.serviceDeskFieldIds);
  for (const [n, s] of (seed.issues ?? []).entries()) {
    const reporter = site.store.user(s.reporter ?? seed.users[0]?.accountId ?? '');
    if (!reporter) throw new Error(`seed: issue ${n + 1} has no known reporter`);
    const scope: RequestScope = { site, user: reporter, events: [] };
    const fields: Record<string, unknown> = {
      project: { key: s.project },
      issuetype: { name: s.issueType },
      summary: s.summary,
      ...(s.description !== undefined ? { description: adfFromText(s.description) } : {}),
      ...(s.priority ? { priority: { name: s.priority } } : {}),
      ...(s.labels ? { labels: s.labels } : {}),
      ...(s.duedate ? { duedate: s.duedate } : {}),
      ...(s.assignee !== undefined ? { assignee: s.assignee ? { accountId: s.assignee } : null } : {}),
      ...(s.custom ?? {}),
    };
    const issue = createIssue(scope, { fields });
    if (s.status) {
      const status = site.catalog.status(s.status);
      if (!status) throw new Error(`seed: issue '${s.summary}' has unknown status '${s.status}'`);
      site.store.putIssue({ ...issue, statusId: status.id });
    }
    for (const c of s.comments ?? []) {
      const id = String(site.store.nextId('comment'));
      const now = site.now();
      site.store.putComment({ id, issueId: issue.id, authorId: c.author, updateAuthorId: c.author, body: adfFromText(c.text), visibility: null, created: now, updated: now });
      if (c.internal) site.store.setProperty('comment', id, SD_PUBLIC_COMMENT, { internal: true });
    }
  }
}
