// The project settings page, for a project admin: the connections sharing this project whose rule
// the Jira admins delegated (to edit), and for the others whom to ask (that connection's own
// contacts on this site, the people the Jira admins named as accountable for it).
import type { ProjectConnectionsView } from '../shared/resolver-contract';
import { listConnections } from './connections-service';
import type { AppDeps } from './sync-deps';

export async function projectConnections(deps: AppDeps, projectKey: string): Promise<ProjectConnectionsView> {
  const sharing = (await listConnections(deps)).filter((c) => c.state !== 'ended' && c.projects.some((p) => p.projectKey === projectKey));
  const delegated = sharing.filter((c) => c.projects.some((p) => p.projectKey === projectKey && p.delegated));
  const others = sharing
    .filter((c) => !delegated.includes(c))
    .map((c) => ({ connectionId: c.id, displayName: (c as { displayName?: string }).displayName ?? (c.partnerKind === 'servicenow' ? 'ServiceNow instance' : 'Jira partner'), askWhom: c.contacts.local }));
  // A project admin sees what the delegated rule needs, not the connection's health or limits.
  return { projectKey, delegated: delegated.map((c) => ({ ...c, health: { backlog: 0, errors: 0, lastExchangeAt: null } })), others };
}
