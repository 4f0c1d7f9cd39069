// What an instance's admin configures and the emulator must honour: system properties (sys_properties) and
// read ACLs granted on tables whose rows are hidden from everyone else (sys_journal_field, dl_u_priority).
// Both persist with the instance.
import type { InstanceContext } from './context';

/** Off until an admin creates it (ServiceNow docs: "By default the system property is false"). */
export const CLIENT_CREDENTIALS_PROPERTY = 'glide.oauth.inbound.client.credential.grant_type.enabled';

export function getProperty(ctx: InstanceContext, name: string): string | undefined {
  return ctx.store.getMeta<Record<string, string>>('properties')?.[name];
}

export function setProperty(ctx: InstanceContext, name: string, value: string | null): void {
  const all = { ...(ctx.store.getMeta<Record<string, string>>('properties') ?? {}) };
  if (value === null) delete all[name];
  else all[name] = value;
  ctx.store.setMeta('properties', all);
}

/** Roles an admin-written read ACL on `table` lets read it (none by default). */
export function readGrants(ctx: InstanceContext, table: string): string[] {
  return ctx.store.getMeta<Record<string, string[]>>('readGrants')?.[table] ?? [];
}

export function grantRead(ctx: InstanceContext, table: string, roles: readonly string[]): void {
  const all = { ...(ctx.store.getMeta<Record<string, string[]>>('readGrants') ?? {}) };
  all[table] = [...new Set([...(all[table] ?? []), ...roles])];
  ctx.store.setMeta('readGrants', all);
}

export function revokeRead(ctx: InstanceContext, table: string): void {
  const all = { ...(ctx.store.getMeta<Record<string, string[]>>('readGrants') ?? {}) };
  delete all[table];
  ctx.store.setMeta('readGrants', all);
}
