// Jira's JSON for the small shared objects: users, statuses, priorities, issue types, projects, options.
// Kept to the properties the OpenAPI schemas declare (several of them forbid additional properties).
import type { SiteContext } from './context';
import { partView } from './project-parts';
import type { IssueTypeSeed, PrioritySeed, ProjectRecord, SelectOption, StatusSeed, UserRecord } from './types';

const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

function avatarUrls(seed: string): Record<string, string> {
  const initials = encodeURIComponent(seed.slice(0, 2).toUpperCase());
  const base = `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${initials}-5.png`;
  return {
    '48x48': `${base}?size=48&s=48`,
    '24x24': `${base}?size=24&s=24`,
    '16x16': `${base}?size=16&s=16`,
    '32x32': `${base}?size=32&s=32`,
  };
}

/** UserDetails: the compact user embedded in issues, comments and changelogs. */
export function userDetails(site: SiteContext, user: UserRecord): Record<string, unknown> {
  return {
    self: `${site.siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(user.displayName),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

/** User: what /myself, /user and /user/search answer. */
export function userFull(site: SiteContext, user: UserRecord, expandGroups = false): Record<string, unknown> {
  return {
    ...userDetails(site, user),
    locale: 'en_US',
    ...(expandGroups
      ? { groups: { size: user.groups.length, items: user.groups.map((name) => ({ name, groupId: null })) } }
      : {}),
    expand: 'groups,applicationRoles',
  };
}

/** Reference to an account id whose user is gone: Jira still renders the id. */
export function userRef(site: SiteContext, accountId: string | null): Record<string, unknown> | null {
  if (!accountId) return null;
  const user = site.store.user(accountId);
  if (user) return userDetails(site, user);
  return { accountId, active: false, displayName: 'Former user', accountType: 'unknown' };
}

export function statusView(site: SiteContext, s: StatusSeed): Record<string, unknown> {
  const cat = CATEGORY[s.category];
  return {
    self: `${site.siteUrl}/rest/api/3/status/${s.id}`,
    description: s.description ?? '',
    iconUrl: `${site.siteUrl}/`,
    name: s.name,
    id: s.id,
    statusCategory: { self: `${site.siteUrl}/rest/api/3/statuscategory/${cat.id}`, ...cat },
  };
}

export function priorityView(site: SiteContext, p: PrioritySeed): Record<string, unknown> {
  return {
    self: `${site.siteUrl}/rest/api/3/priority/${p.id}`,
    statusColor: p.statusColor ?? '#555555',
    description: `${p.name} priority`,
    iconUrl: `${site.siteUrl}/images/icons/priorities/${p.name.toLowerCase()}_new.svg`,
    name: p.name,
    id: p.id,
    isDefault: p.isDefault ?? false,
  };
}

export function issueTypeView(site: SiteContext, t: IssueTypeSeed): Record<string, unknown> {
  return {
    self: `${site.siteUrl}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description ?? '',
    iconUrl: `${site.siteUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium`,
    name: t.name,
    subtask: t.subtask ?? false,
    avatarId: 10318,
    hierarchyLevel: t.subtask ? -1 : (t.hierarchyLevel ?? 0),
  };
}

/** The project as embedded in an issue's fields. */
export function projectRef(site: SiteContext, p: ProjectRecord): Record<string, unknown> {
  return {
    self: `${site.siteUrl}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: p.projectTypeKey ?? 'software',
    simplified: false,
    avatarUrls: avatarUrls(p.key),
  };
}

/** Project: what /project/{key} and /project/search answer. */
export function projectView(site: SiteContext, p: ProjectRecord, full: boolean): Record<string, unknown> {
  const lead = p.leadAccountId ? site.store.user(p.leadAccountId) : undefined;
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectRef(site, p),
    style: 'classic',
    isPrivate: false,
    properties: {},
    ...(full
      ? {
          description: '',
          ...(lead ? { lead: userFull(site, lead) } : {}),
          issueTypes: p.issueTypes.map((t) => issueTypeView(site, t)),
          assigneeType: 'UNASSIGNED',
          components: (p.components ?? []).map((c) => partView(site, 'components', p, c)),
          versions: (p.versions ?? []).map((v) => partView(site, 'versions', p, v)),
          roles: {},
        }
      : {}),
  };
}

export function optionView(site: SiteContext, option: SelectOption): Record<string, unknown> {
  return {
    self: `${site.siteUrl}/rest/api/3/customFieldOption/${option.id}`,
    value: option.value,
    id: option.id,
  };
}
