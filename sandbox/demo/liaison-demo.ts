// The demo scenario `npm start` sets up: acme and globex connected through Liaison's own admin
// resolvers (exactly the calls the admin page makes), with a two-way sharing rule on each site's
// demo project. This file knows Liaison's resolver keys; the platform and Jira emulators do not.
import type { SandboxWorld } from '../world';

const ADMIN_PAGE = 'jira:adminPage';

type Ok<T> = { ok: true; data: T };
type Failed = { ok: false; error: { code: string; message: string } };

/** Field policies of the demo rule: everything two-way, the latest edit wins a conflict. */
export const DEMO_FIELDS = {
  summary: 'both', description: 'both', priority: 'both', status: 'both', labels: 'both', duedate: 'both', assignee: 'both', 'custom:10020': 'both', 'custom:10021': 'both', 'custom:10022': 'both',
} as const;

export function demoRule(connectionId: string, projectKey: string, issueType = 'Task') {
  return {
    connectionId,
    projectKey,
    // Typed loosely so a caller (a test) may make a field one-way, which has no conflict policy.
    fields: Object.fromEntries(Object.keys(DEMO_FIELDS).map((f) => [f, { direction: 'both', conflict: 'latest' }])) as Record<string, { direction: 'both' | 'out' | 'in'; conflict?: 'latest' | 'local' | 'partner' }>,
    outgoing: { userPrivacy: 'displayNameAndEmail', comments: { enabled: true, includeInternal: false } },
    incoming: { create: { projectKey, issueType }, users: { matchByEmail: true, defaultAccountId: null } },
  };
}

function adminModuleKey(world: SandboxWorld): string {
  const mod = [...world.app.resolverModules.values()].find((m) => m.type === ADMIN_PAGE);
  if (!mod) throw new Error(`the app has no ${ADMIN_PAGE} module`);
  return mod.key;
}

/** Calls one of the app's admin resolvers on a site as its seeded admin. */
export async function asAdmin<T>(world: SandboxWorld, site: string, key: string, payload: unknown = {}): Promise<T> {
  const s = world.site(site);
  const result = (await s.installation.invokeResolver(adminModuleKey(world), key, payload, { accountId: s.admin.accountId, extensionContext: { type: ADMIN_PAGE } })) as Ok<T> | Failed;
  if (!result.ok) throw new Error(`${key} on ${site} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The rule a demo connection saves on both sides, and the fields it shares (for `pairs[].fields`). */
export type DemoKinds = { rule: (connectionId: string, projectKey: string) => unknown; fields: Record<string, 'both' | 'out' | 'in'> };

export type DemoPair = { from: { site: string; project: string }; to: { site: string; project: string }; fields: Record<string, 'both' | 'out' | 'in'>; connectionId: string };

const title = (site: string) => site.charAt(0).toUpperCase() + site.slice(1);

/**
 * Connects `a` (inviter) and `b` (acceptor) and shares each one's first project both ways. A site
 * may be connected to several partners (acme: globex and umbrella), each connection with its rule.
 */
export async function connectDemo(world: SandboxWorld, a = 'acme', b = 'globex', kinds: DemoKinds = { rule: demoRule, fields: DEMO_FIELDS }): Promise<DemoPair> {
  const { code, connectionId } = await asAdmin<{ code: string; connectionId: string }>(world, a, 'admin/connections/invite', {
    contacts: [{ name: `${title(a)} Integration Owner`, role: 'accountable', email: `owner@${a}.example` }],
  });
  await asAdmin(world, b, 'admin/connections/accept', { code, contacts: [{ name: `${title(b)} Service Lead`, role: 'accountable', email: `lead@${b}.example` }] });
  const projectA = world.site(a).projects[0]!;
  const projectB = world.site(b).projects[0]!;
  await asAdmin(world, a, 'admin/rules/save', { rule: kinds.rule(connectionId, projectA), comment: 'demo rule' });
  await asAdmin(world, b, 'admin/rules/save', { rule: kinds.rule(connectionId, projectB), comment: 'demo rule' });
  return { from: { site: a, project: projectA }, to: { site: b, project: projectB }, fields: { ...kinds.fields }, connectionId };
}

/** The existing connection between two sites, if the demo was set up in an earlier run. */
export async function existingDemo(world: SandboxWorld, a = 'acme', b = 'globex', fields: DemoKinds['fields'] = DEMO_FIELDS): Promise<DemoPair | null> {
  type Listed = { id: string; partnerKind: string; state: string; partner: { site: string | null }; projects: Array<{ projectKey: string }> };
  const list = await asAdmin<Listed[]>(world, a, 'admin/connections/list');
  // acme's project is shared with globex, umbrella and initech's ServiceNow: this pair is the Jira
  // connection whose partner profile names b's site.
  const host = new URL(world.site(b).jira.siteUrl).hostname;
  const live = list.find((c) => c.partnerKind === 'jira' && c.state !== 'pending' && c.projects.length > 0 && (c.partner.site ?? '').includes(host));
  if (!live) return null;
  return { from: { site: a, project: live.projects[0]!.projectKey }, to: { site: b, project: world.site(b).projects[0]! }, fields: { ...fields }, connectionId: live.id };
}
