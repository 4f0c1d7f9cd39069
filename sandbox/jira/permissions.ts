// A deliberately small permission model: site admins (and app users, which Jira Cloud puts in
// atlassian-addons-admin) hold everything; members of a product-access group hold what Jira's default
// permission scheme gives non-admin users (browse, create, edit, comment, transition, attach; not delete
// or edit-all-comments); anyone else holds nothing. Every project uses the same scheme.
import type { UserRecord } from './types';

export interface PermissionMeta {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

export const PERMISSIONS: PermissionMeta[] = [
  { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.' },
  { id: '10', key: 'BROWSE_PROJECTS', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  { id: '11', key: 'CREATE_ISSUES', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  { id: '12', key: 'EDIT_ISSUES', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  { id: '13', key: 'ASSIGN_ISSUES', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  { id: '15', key: 'ADD_COMMENTS', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  { id: '16', key: 'DELETE_ISSUES', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  { id: '19', key: 'CREATE_ATTACHMENTS', name: 'Create Attachments', type: 'PROJECT', description: 'Users with this permission may create attachments.' },
  { id: '21', key: 'LINK_ISSUES', name: 'Link Issues', type: 'PROJECT', description: 'Ability to link issues together and create linked issues.' },
  { id: '23', key: 'ADMINISTER_PROJECTS', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  { id: '34', key: 'EDIT_ALL_COMMENTS', name: 'Edit All Comments', type: 'PROJECT', description: 'Ability to edit all comments made on issues.' },
  { id: '36', key: 'DELETE_ALL_COMMENTS', name: 'Delete All Comments', type: 'PROJECT', description: 'Ability to delete all comments made on issues.' },
  { id: '20', key: 'WORK_ON_ISSUES', name: 'Work On Issues', type: 'PROJECT', description: 'Ability to log work done against an issue. Only useful if Time Tracking is turned on.' },
  { id: '40', key: 'EDIT_OWN_WORKLOGS', name: 'Edit Own Worklogs', type: 'PROJECT', description: 'Ability to edit own worklogs made on issues.' },
  { id: '41', key: 'EDIT_ALL_WORKLOGS', name: 'Edit All Worklogs', type: 'PROJECT', description: 'Ability to edit all worklogs made on issues.' },
  { id: '42', key: 'DELETE_OWN_WORKLOGS', name: 'Delete Own Worklogs', type: 'PROJECT', description: 'Ability to delete own worklogs made on issues.' },
  { id: '43', key: 'DELETE_ALL_WORKLOGS', name: 'Delete All Worklogs', type: 'PROJECT', description: 'Ability to delete all worklogs made on issues.' },
  { id: '46', key: 'TRANSITION_ISSUES', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
];

export const ADMIN_GROUPS = ['site-admins', 'jira-admins', 'atlassian-addons-admin'];
const ADMIN_ONLY = ['ADMINISTER', 'ADMINISTER_PROJECTS', 'DELETE_ISSUES', 'EDIT_ALL_COMMENTS', 'DELETE_ALL_COMMENTS', 'EDIT_ALL_WORKLOGS', 'DELETE_ALL_WORKLOGS'];
export const MEMBER_GROUPS = ['jira-software-users', 'jira-servicemanagement-users', 'jira-users'];

const isAdmin = (user: UserRecord): boolean => user.groups.some((g) => ADMIN_GROUPS.includes(g));
const isMember = (user: UserRecord): boolean => isAdmin(user) || user.groups.some((g) => MEMBER_GROUPS.includes(g));

export function hasPermission(user: UserRecord | undefined, key: string): boolean {
  if (!user || !user.active) return false;
  if (isAdmin(user)) return true;
  if (ADMIN_ONLY.includes(key)) return false;
  return isMember(user);
}

/** Groups a new user lands in, as Jira Cloud does for people with product access and for app users. */
export function defaultGroups(accountType: 'atlassian' | 'app', admin: boolean): string[] {
  if (accountType === 'app') return ['atlassian-addons-admin'];
  return admin ? ['jira-software-users', 'jira-admins'] : ['jira-software-users'];
}
