// The ServiceNow part of the `npm start` demo: the emulated instance `initech` connected to acme
// through Liaison's own admin resolver (the call the admin page makes), a sharing rule on acme's
// project, and the shipped business rule "installed" on the instance, posting change notices to the
// app's web trigger. Like a ServiceNow admin's system properties, the notice URL and secret the
// connect call hands out once are kept on the instance's side (a file next to its database).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceNowInstance } from '../servicenow';
import type { SandboxDescription, SandboxServiceNowSite, SandboxWorld } from '../world';
import { asAdmin } from './liaison-demo';

/** The integration user of the default seed (sandbox/servicenow/README.md). */
export const SN_INTEGRATION_USER = { username: 'liaison.integration', password: 'liaison-initech-pw' } as const;
export const SN_TABLE = 'incident';

/** What an incident and an issue share in the demo: fields a ServiceNow record can hold, both ways. */
export const SN_DEMO_FIELDS = { summary: 'both', description: 'both', priority: 'both', status: 'both' } as const;

const VALUE_MAPS = {
  status: { New: 'To Do', 'In Progress': 'In Progress', 'On Hold': 'In Progress', Resolved: 'Done', Closed: 'Done', Canceled: 'Done' },
  priority: { '1 - Critical': 'Highest', '2 - High': 'High', '3 - Moderate': 'Medium', '4 - Low': 'Low', '5 - Planning': 'Lowest' },
};

export function serviceNowDemoRule(connectionId: string, projectKey: string) {
  return {
    connectionId,
    projectKey,
    fields: Object.fromEntries(Object.keys(SN_DEMO_FIELDS).map((f) => [f, { direction: 'both', conflict: 'latest' }])),
    outgoing: { userPrivacy: 'displayName', comments: { enabled: true, includeInternal: true } },
    incoming: { create: { projectKey, issueType: 'Task' }, valueMaps: VALUE_MAPS },
  };
}

type Notice = { url: string; secret: string };
export type ServiceNowDemo = { connectionId: string; site: SandboxServiceNowSite; pair: SandboxDescription['pairs'][number] };

const noticeFile = (dataDir: string, instance: string) => join(dataDir, `servicenow-${instance}-business-rule.json`);

function readNotice(dataDir: string | undefined, instance: string): Notice | null {
  if (!dataDir || !existsSync(noticeFile(dataDir, instance))) return null;
  const parsed = JSON.parse(readFileSync(noticeFile(dataDir, instance), 'utf8')) as Partial<Notice>;
  return typeof parsed.url === 'string' && typeof parsed.secret === 'string' ? { url: parsed.url, secret: parsed.secret } : null;
}

/** Makes the instance post its change notices to the app's web trigger, in-process. */
function installBusinessRule(world: SandboxWorld, sn: ServiceNowInstance, notice: Notice): void {
  sn.enableBusinessRule({
    url: notice.url,
    secret: notice.secret,
    tables: [SN_TABLE],
    // The condition the install guide recommends: the integration user's writes are Liaison's own.
    ignoreUsers: [SN_INTEGRATION_USER.username],
    post: async (url, body, headers) => {
      const u = new URL(url);
      return world.platform.handleWebTrigger({ method: 'POST', path: u.pathname + u.search, headers, body });
    },
  });
}

/**
 * Connects `instance` to `site` (first start) or finds the earlier connection, shares the site's
 * first project with the instance's incident table, and installs the business rule. The project may
 * already be shared with a Jira partner: rules are per (connection, project), so both apply.
 */
export async function serviceNowDemo(world: SandboxWorld, options: { site?: string; instance?: string; dataDir?: string } = {}): Promise<ServiceNowDemo> {
  const site = options.site ?? 'acme';
  const name = options.instance ?? 'initech';
  const sn = world.serviceNow.get(name);
  if (!sn) throw new Error(`sandbox: no ServiceNow instance named "${name}"`);
  const project = world.site(site).projects[0]!;
  const list = await asAdmin<Array<{ id: string; partnerKind: string; partnerEndpoint: string | null }>>(world, site, 'admin/connections/list');
  const existing = list.find((c) => c.partnerKind === 'servicenow' && c.partnerEndpoint === sn.instanceUrl);
  let connectionId: string;
  let notice = readNotice(options.dataDir, name);
  if (existing && notice) {
    connectionId = existing.id;
  } else {
    if (existing) throw new Error(`sandbox: ${name} is connected but its business-rule settings are lost; start with --fresh`);
    // The install guide's optional step 4, done as a careful admin would: the integration user may read
    // the priority lookup rules, so the connection writes priorities through the instance's own rules
    // (and its settings say so) instead of assuming ServiceNow's default table.
    sn.grantRead('dl_u_priority', ['liaison_integration']);
    const connected = await asAdmin<{ connectionId: string; notice: Notice }>(world, site, 'admin/connections/servicenow', {
      instanceUrl: sn.instanceUrl,
      table: SN_TABLE,
      auth: { kind: 'basic', ...SN_INTEGRATION_USER },
      contacts: [{ name: 'Initech Service Desk', role: 'responsible', email: 'servicedesk@initech.example' }],
    });
    connectionId = connected.connectionId;
    notice = connected.notice;
    if (options.dataDir) writeFileSync(noticeFile(options.dataDir, name), JSON.stringify(notice, null, 2) + '\n');
    await asAdmin(world, site, 'admin/rules/save', { rule: serviceNowDemoRule(connectionId, project), comment: 'demo rule (ServiceNow)' });
  }
  installBusinessRule(world, sn, notice);
  return {
    connectionId,
    site: { name, kind: 'servicenow', baseUrl: sn.baseUrl, instanceUrl: sn.instanceUrl, user: { ...SN_INTEGRATION_USER }, tables: [SN_TABLE] },
    pair: { from: { site, project }, to: { site: name, table: SN_TABLE }, fields: { ...SN_DEMO_FIELDS } },
  };
}
