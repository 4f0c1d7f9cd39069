// Admin use cases for connections: list with health, invite, accept, pause/resume/delete, contacts.
import { webTrigger } from '@forge/api';
import type { Contact } from '../core/connection';
import { effectiveLimits, limitOverridesSchema, type LimitOverrides } from '../core/limits/limits';
import { uniqueDisplayNames } from '../core/profile/display-name';
import { acceptToConnect, changeConnection, inviteToConnect } from '../core/sync';
import { sendProfile } from '../core/sync/partner-profile';
import type { ConnectionView } from '../shared/resolver-contract';
import { connectionTraffic } from './admin-service';
import { AppError, notFound } from './app-error';
import { startOutboxResume } from './outbox-resume';
import { WEBTRIGGERS } from './module-keys';
import type { AppDeps } from './sync-deps';
import { getServiceNowSettings } from './servicenow/settings';
import { namesOf } from './people-service';
import { KvsSiteProfile } from '../adapters/forge/kvs-site-profile';
import { siteProfileView } from './site-profile';
import { connectionView } from './views';

const ownEndpoint = () => webTrigger.getUrl(WEBTRIGGERS.inbox);

/** The newest of some times, null when none is known. */
const newest = (...times: Array<number | null | undefined>): number | null => times.reduce<number | null>((a, t) => (typeof t === 'number' && (a === null || t > a) ? t : a), null);

export async function listConnections(deps: AppDeps): Promise<ConnectionView[]> {
  const views: ConnectionView[] = [];
  for (const c of await deps.config.listConnections()) {
    const [backlog, errors, rules, traffic] = await Promise.all([deps.outbox.size(c.id), deps.store.pageErrors(c.id, { limit: 100 }), deps.config.currentRules(c.id), connectionTraffic(deps, c.id)]);
    const versions = await Promise.all(rules.map(async (r) => (await deps.config.getRuleHistory(c.id, r.projectKey)).length));
    const table = c.partnerKind === 'servicenow' ? (await getServiceNowSettings(c.id))?.table : undefined;
    views.push(
      connectionView(c, table, { backlog, errors: errors.items.length, lastExchangeAt: newest(c.lastExchangeAt, traffic.lastSentAt, traffic.lastReceivedAt), ...traffic }, rules.map((r, i) => ({ projectKey: r.projectKey, version: versions[i] ?? 0, delegated: (c.delegatedProjects ?? []).includes(r.projectKey) }))),
    );
  }
  const people = await namesOf(views.map((v) => v.createdBy)).catch(() => new Map<string, never>());
  const named = views.map((v) => {
    const user = people.get(v.createdBy);
    return user ? { ...v, createdByUser: user } : v;
  });
  return uniqueDisplayNames(named.sort((a, b) => a.createdAt - b.createdAt));
}

/** Tells every connected Jira partner this side's profile if it changed (best effort: maintenance tries again). */
export async function tellPartners(deps: AppDeps, only?: string): Promise<void> {
  const connections = (await deps.config.listConnections()).filter((c) => c.partnerKind === 'jira' && (only === undefined || c.id === only));
  await Promise.all(connections.map((c) => sendProfile(deps, c.id).catch((e: unknown) => console.warn(`liaison: profile for ${c.id} not sent: ${(e as Error).message}`))));
}

export const getSiteProfile = () => siteProfileView();

/** The admin names the organisation; every partner is told, and each connection's audit says so. */
export async function saveSiteName(deps: AppDeps, actor: string, name: string) {
  const before = await siteProfileView();
  await new KvsSiteProfile().putName(name.trim());
  for (const c of await deps.config.listConnections()) {
    await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId: c.id, actor, action: 'connection-changed', subject: c.id, detail: `organisation name ${before.name} → ${name.trim()}` });
  }
  await tellPartners(deps);
  return siteProfileView();
}

/** Sends this side's profile to the partner and asks for the partner's (for connections made before profiles). */
export async function refreshProfile(deps: AppDeps, connectionId: string) {
  const result = await sendProfile(deps, connectionId, { force: true, ask: true });
  if (!result.ok) throw result.reason === 'not-active' ? new AppError('conflict', result.message) : new AppError('partner-error', result.message);
  return { connectionId, ...result.value };
}

export async function invite(deps: AppDeps, actor: string, contacts: Contact[] = []) {
  const { connection, code, expiresAt } = await inviteToConnect(deps, { createdBy: actor, ownEndpoint: await ownEndpoint(), contacts });
  return { connectionId: connection.id, code, expiresAt };
}

export async function accept(deps: AppDeps, actor: string, code: string, contacts: Contact[] = []) {
  const result = await acceptToConnect(deps, { code, ownEndpoint: await ownEndpoint(), createdBy: actor, contacts });
  if (result.ok) return { connectionId: result.value.id, state: result.value.state };
  const code_ = result.reason === 'partner-unreachable' ? 'partner-error' : result.reason === 'already-connected' ? 'conflict' : result.reason === 'partner-refused' ? 'partner-error' : 'invalid-payload';
  throw new AppError(code_, result.message);
}

export async function change(deps: AppDeps, actor: string, connectionId: string, what: 'pause' | 'resume' | 'delete') {
  const result = await changeConnection(deps, { connectionId, change: what, actor });
  if (!result.ok) throw result.reason === 'unknown-connection' ? notFound(result.message) : new AppError('conflict', result.message);
  // Messages met while paused were held without a wake-up: resuming sends them, in order.
  if (what === 'resume') await startOutboxResume(connectionId);
  return { connectionId, state: result.value?.state ?? 'deleted' };
}

export async function setContacts(deps: AppDeps, actor: string, connectionId: string, contacts: { local: Contact[]; partner: Contact[] }) {
  const connection = await deps.config.getConnection(connectionId);
  if (!connection) throw notFound(`connection ${connectionId} does not exist`);
  await deps.config.putConnection({ ...connection, contacts });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: connectionId, detail: `contacts updated (${contacts.local.length} here, ${contacts.partner.length} at the partner)` });
  // The partner shows our contacts as its "partner contacts": it is told at once.
  await tellPartners(deps, connectionId);
  return { connectionId };
}

/** The admin changes the connection's abuse limits; each change is audited with the values before and after. */
export async function setLimits(deps: AppDeps, actor: string, connectionId: string, limits: LimitOverrides) {
  const connection = await deps.config.getConnection(connectionId);
  if (!connection) throw notFound(`connection ${connectionId} does not exist`);
  const parsed = limitOverridesSchema.safeParse(limits);
  if (!parsed.success) throw new AppError('invalid-payload', `limits: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const before = effectiveLimits(connection.limits);
  const after = effectiveLimits(parsed.data);
  await deps.config.putConnection({ ...connection, limits: parsed.data });
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => `${k} ${before[k]} → ${after[k]}`);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: connectionId, detail: `limits: ${changed.join(', ') || 'unchanged'}` });
  return { connectionId, limits: after };
}
