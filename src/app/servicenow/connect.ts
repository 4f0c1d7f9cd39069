// Admin use cases for a ServiceNow partner: test the settings in plain words, and connect — an
// active connection at once (there is no partner admin to accept an invitation), credentials in
// secret storage, and a fresh connection secret that the Jira side and its ServiceNow peer share.
import { randomBytes } from 'node:crypto';
import { diagnoseConnection, type ConnectionDiagnosis } from '../../adapters/servicenow/connection-diagnosis';
import { forgeServiceNowHttp, instanceOrigin, type ServiceNowHttp } from '../../adapters/servicenow/servicenow-http';
import type { Connection, Contact } from '../../core/connection';
import type { SyncDeps } from '../../core/sync/deps';
import { AppError } from '../app-error';
import { noticeUrl } from './notice';
import { putNoticeSecret, putServiceNowSettings, serviceNowSettingsSchema, type ServiceNowSettings } from './settings';

export type ServiceNowConnectInput = { instanceUrl: string; table?: string; auth: ServiceNowSettings['auth']; contacts?: Contact[] };

function settingsOf(input: ServiceNowConnectInput): ServiceNowSettings {
  const parsed = serviceNowSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid-payload', `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, instanceUrl: instanceOrigin(parsed.data.instanceUrl) };
}

export async function testServiceNow(input: ServiceNowConnectInput, http?: ServiceNowHttp): Promise<ConnectionDiagnosis> {
  const settings = settingsOf(input);
  return diagnoseConnection(http ?? forgeServiceNowHttp(settings.instanceUrl, settings.auth), settings.table);
}

/**
 * `notice` is shown to the admin once, for the business rule's system properties: the secret is
 * never returned again (a new one means connecting again).
 */
export type ServiceNowConnected = { connectionId: string; state: Connection['state']; notice: { url: string; secret: string } };

export async function connectServiceNow(deps: SyncDeps, actor: string, input: ServiceNowConnectInput, http?: ServiceNowHttp): Promise<ServiceNowConnected> {
  const settings = settingsOf(input);
  const diagnosis = await diagnoseConnection(http ?? forgeServiceNowHttp(settings.instanceUrl, settings.auth), settings.table);
  if (!diagnosis.ok) throw new AppError('partner-error', diagnosis.message);
  const existing = (await deps.config.listConnections()).find((c) => c.partnerKind === 'servicenow' && c.partnerEndpoint === settings.instanceUrl);
  if (existing) throw new AppError('conflict', `${settings.instanceUrl} is already connected (connection ${existing.id})`);
  const connection: Connection = {
    id: deps.ids.newId(),
    partnerKind: 'servicenow',
    partnerEndpoint: settings.instanceUrl,
    state: 'active',
    role: 'inviter',
    createdBy: actor,
    createdAt: deps.clock.now(),
    contacts: { local: input.contacts ?? [], partner: [] },
  };
  await putServiceNowSettings(connection.id, settings);
  await deps.secrets.putConnectionSecret(connection.id, randomBytes(32).toString('hex'));
  const noticeSecret = randomBytes(32).toString('base64url');
  await putNoticeSecret(connection.id, noticeSecret);
  await deps.config.putConnection(connection);
  return { connectionId: connection.id, state: connection.state, notice: { url: await noticeUrl(connection.id), secret: noticeSecret } };
}
