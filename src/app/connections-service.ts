// Admin use cases for connections: list with health, invite, accept, pause/resume/delete, contacts.
import { webTrigger } from '@forge/api';
import type { Contact } from '../core/connection';
import { effectiveLimits, limitOverridesSchema, type LimitOverrides } from '../core/limits/limits';
import { acceptToConnect, changeConnection, inviteToConnect } from '../core/sync';
import type { ConnectionView } from '../shared/resolver-contract';
import { AppError, notFound } from './app-error';
import { WEBTRIGGERS } from './module-keys';
import type { AppDeps } from './sync-deps';
import { getServiceNowSettings } from './servicenow/settings';
import { connectionView } from './views';

const ownEndpoint = () => webTrigger.getUrl(WEBTRIGGERS.inbox);

export async function listConnections(deps: AppDeps): Promise<ConnectionView[]> {
  const views: ConnectionView[] = [];
  for (const c of await deps.config.listConnections()) {
    const [backlog, errors, rules] = await Promise.all([deps.outbox.size(c.id), deps.store.pageErrors(c.id, { limit: 100 }), deps.config.currentRules(c.id)]);
    const versions = await Promise.all(rules.map(async (r) => (await deps.config.getRuleHistory(c.id, r.projectKey)).length));
    const table = c.partnerKind === 'servicenow' ? (await getServiceNowSettings(c.id))?.table : undefined;
    views.push(
      connectionView(c, table, { backlog, errors: errors.items.length, lastExchangeAt: c.lastExchangeAt ?? null }, rules.map((r, i) => ({ projectKey: r.projectKey, version: versions[i] ?? 0, delegated: (c.delegatedProjects ?? []).includes(r.projectKey) }))),
    );
  }
  return views.sort((a, b) => a.createdAt - b.createdAt);
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
  return { connectionId, state: result.value?.state ?? 'deleted' };
}

export async function setContacts(deps: AppDeps, actor: string, connectionId: string, contacts: { local: Contact[]; partner: Contact[] }) {
  const connection = await deps.config.getConnection(connectionId);
  if (!connection) throw notFound(`connection ${connectionId} does not exist`);
  await deps.config.putConnection({ ...connection, contacts });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: connectionId, detail: `contacts updated (${contacts.local.length} here, ${contacts.partner.length} at the partner)` });
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
