// The default instance: an integration user for Liaison (itil + REST access, Basic password and an OAuth
// client), an admin, two agents, a requester without roles, and a handful of tasks with comments and work
// notes. applySeed loads any seed into a fresh store through the same code the Table API uses.
import { choiceRowsFor } from './choices';
import type { InstanceContext, RequestScope } from './context';
import { parseInput } from './field-input';
import { grantRead, setProperty } from './instance-config';
import { insertRecord, insertSystemRecord, updateRecord } from './record-service';
import { ALL_TABLES, defaultPriorityLookup, tableDef } from './schema';
import { seededSysId } from './time';
import type { ServiceNowSeed, SnRecord, UserSeed } from './types';

export function defaultServiceNowSeed(name: string): ServiceNowSeed {
  const n = name.toLowerCase();
  return {
    users: [
      { user_name: 'liaison.integration', name: 'Liaison Integration', email: `liaison@${n}.example`, password: `liaison-${n}-pw`, roles: ['itil', 'snc_platform_rest_api_access', 'liaison_integration'] },
      { user_name: 'admin', name: 'System Administrator', email: `admin@${n}.example`, password: `admin-${n}-pw`, roles: ['admin'] },
      { user_name: 'beth.anglin', name: 'Beth Anglin', email: `beth.anglin@${n}.example`, password: `beth-${n}-pw`, roles: ['itil'] },
      { user_name: 'david.loo', name: 'David Loo', email: `david.loo@${n}.example`, password: `david-${n}-pw`, roles: ['itil'] },
      { user_name: 'abel.tuter', name: 'Abel Tuter', email: `abel.tuter@${n}.example`, password: `abel-${n}-pw`, roles: [] },
    ],
    oauthClients: [
      { client_id: seededSysId(n, 'oauth_entity', 'liaison'), client_secret: `liaison-${n}-client-secret`, user: 'liaison.integration', name: 'Liaison' },
    ],
    // INSTALL.md step 1: a read ACL on sys_journal_field for the integration user's own role. The
    // client-credentials property stays off (ServiceNow's default) until a test turns it on.
    readGrants: { sys_journal_field: ['liaison_integration'] },
    records: [
      {
        table: 'incident',
        fields: { short_description: 'Email not syncing on mobile', description: 'Since this morning the mail app on my phone shows no new messages.', caller_id: 'abel.tuter', assigned_to: 'beth.anglin', impact: '2', urgency: '2', state: '2', category: 'software' },
        journal: [
          { element: 'comments', author: 'beth.anglin', value: 'Could you tell us which phone model you use?' },
          { element: 'work_notes', author: 'beth.anglin', value: 'Mail relay logs show throttling for this mailbox.' },
          { element: 'comments', author: 'abel.tuter', value: 'An older Android phone.' },
        ],
      },
      {
        table: 'incident',
        fields: { short_description: 'VPN drops every 10 minutes', description: 'The VPN client disconnects regularly when working from home.', caller_id: 'abel.tuter', impact: '1', urgency: '2', state: '1', category: 'network' },
        journal: [{ element: 'work_notes', author: 'david.loo', value: 'Possibly the new gateway firmware; checking.' }],
      },
      {
        table: 'incident',
        fields: { short_description: 'Printer on floor 3 jams', caller_id: 'abel.tuter', assigned_to: 'david.loo', impact: '3', urgency: '3', state: '3', category: 'hardware' },
      },
      {
        table: 'incident',
        fields: { short_description: 'Password reset link expired', caller_id: 'abel.tuter', assigned_to: 'beth.anglin', impact: '3', urgency: '2', state: '6', close_code: 'Solution provided', close_notes: 'Sent a new reset link.' },
        journal: [{ element: 'comments', author: 'beth.anglin', value: 'A new link is on its way; it stays valid for 24 hours.' }],
      },
      {
        table: 'problem',
        fields: { short_description: 'Recurring VPN disconnects', impact: '2', urgency: '2', assigned_to: 'david.loo' },
      },
      {
        table: 'change_request',
        fields: { short_description: 'Upgrade VPN gateway firmware', type: 'normal', assigned_to: 'david.loo' },
      },
      {
        table: 'sc_req_item',
        fields: { short_description: 'New laptop for Abel Tuter', quantity: '1' },
      },
    ],
  };
}

const systemScope = (instance: InstanceContext, user: SnRecord): RequestScope => ({
  instance,
  user,
  roles: ['admin'],
  origin: instance.instanceUrl,
  changes: [],
});

/** Adds a sys_user with its password and roles; the sys_id is stable for a given instance and user_name. */
export function createUser(instance: InstanceContext, u: UserSeed): SnRecord {
  const [first, ...rest] = u.name.split(' ');
  const record = insertSystemRecord(
    systemScope(instance, { user_name: 'system', sys_id: '' }),
    'sys_user',
    { user_name: u.user_name, name: u.name, first_name: first ?? '', last_name: rest.join(' '), email: u.email ?? '', active: u.active === false ? 'false' : 'true', preferred_language: u.preferred_language ?? 'en' },
    seededSysId(instance.name, 'sys_user', u.user_name),
  );
  instance.store.setCredentials(record.sys_id ?? '', { roles: u.roles ?? [], ...(u.password ? { password: u.password } : {}) });
  return record;
}

export function applySeed(instance: InstanceContext, seed: ServiceNowSeed): void {
  const system = systemScope(instance, { user_name: 'system', sys_id: '' });
  for (const row of choiceRowsFor(ALL_TABLES)) insertSystemRecord(system, 'sys_choice', row);
  for (const row of seed.priorityLookup ?? defaultPriorityLookup()) insertSystemRecord(system, 'dl_u_priority', { ...row, active: 'true' });
  for (const [name, value] of Object.entries(seed.properties ?? {})) setProperty(instance, name, value);
  for (const [table, roles] of Object.entries(seed.readGrants ?? {})) grantRead(instance, table, roles);
  const users = new Map<string, SnRecord>();
  for (const u of seed.users) users.set(u.user_name, createUser(instance, u));
  for (const c of seed.oauthClients) {
    const user = users.get(c.user);
    if (!user) throw new Error(`ServiceNow seed: OAuth client ${c.client_id} names unknown user ${c.user}`);
    instance.store.putClient(c.client_id, { clientSecret: c.client_secret, userSysId: user.sys_id ?? '', name: c.name ?? c.client_id });
  }
  const admin = users.get('admin') ?? { user_name: 'system', sys_id: '' };
  seed.records.forEach((r, i) => {
    const table = tableDef(r.table);
    if (!table) throw new Error(`ServiceNow seed: unknown table ${r.table}`);
    const scope = systemScope(instance, admin);
    const input = parseInput(scope, table, r.fields, { inputDisplayValue: true, insert: true });
    let record = insertRecord(scope, table, { ...input, sysId: seededSysId(instance.name, r.table, String(i)) });
    for (const j of r.journal ?? []) {
      const author = users.get(j.author);
      if (!author) throw new Error(`ServiceNow seed: journal author ${j.author} is not a seeded user`);
      record = updateRecord(systemScope(instance, author), table, record, { values: {}, journal: [{ element: j.element, value: j.value }] });
    }
  });
}
