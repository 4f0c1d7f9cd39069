// What the calling user may do, asked of Jira itself (GET /rest/api/3/mypermissions as the user),
// so Liaison's checks follow the site's own permission schemes and admin groups.
import api, { route } from '@forge/api';
import { z } from 'zod';

export type JiraPermission = 'ADMINISTER' | 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS' | 'EDIT_ISSUES';

const answerSchema = z.looseObject({ permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })) });

/** Must run in an invocation with a user (a resolver called from the UI). */
export async function userPermissions(perms: JiraPermission[], where: { issueId?: string; projectKey?: string } = {}): Promise<Record<JiraPermission, boolean>> {
  const query = new URLSearchParams({ permissions: perms.join(',') });
  if (where.issueId) query.set('issueId', where.issueId);
  if (where.projectKey) query.set('projectKey', where.projectKey);
  const res = await api.asUser().requestJira(route`/rest/api/3/mypermissions?${query}`, { headers: { Accept: 'application/json' } });
  const out = Object.fromEntries(perms.map((p) => [p, false])) as Record<JiraPermission, boolean>;
  // 404: the issue or project does not exist or is invisible to the user — no permission at all.
  if (res.status === 404 || res.status === 400) return out;
  if (!res.ok) throw new Error(`permission check failed: Jira answered ${res.status}`);
  const parsed = answerSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error('permission check failed: unexpected answer from Jira');
  for (const p of perms) out[p] = parsed.data.permissions[p]?.havePermission === true;
  return out;
}
