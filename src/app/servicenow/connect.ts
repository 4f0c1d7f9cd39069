// Admin use cases for a ServiceNow partner: test the settings in plain words, and connect — an
// active connection at once (there is no partner admin to accept an invitation), credentials in
// secret storage, and a fresh connection secret that the Jira side and its ServiceNow peer share.
import { randomBytes } from 'node:crypto';
import { diagnoseConnection, type ConnectionDiagnosis } from '../../adapters/servicenow/connection-diagnosis';
import { readInstanceProfile, type InstanceProfile } from '../../adapters/servicenow/instance-profile';
import { CLOSING, codeColumnOf } from '../../adapters/servicenow/closing-fields';
import { DEFAULT_CLOSE_CODE } from '../../adapters/servicenow/record-links';
import { ServiceNowClient } from '../../adapters/servicenow/servicenow-client';
import { forgeServiceNowHttp, instanceOrigin, type ServiceNowHttp } from '../../adapters/servicenow/servicenow-http';
import type { Connection, Contact } from '../../core/connection';
import type { SyncDeps } from '../../core/sync/deps';
import { AppError } from '../app-error';
import { noticeUrl } from './notice';
import { putNoticeSecret, putServiceNowSettings, serviceNowSettingsSchema, type ServiceNowSettings } from './settings';

export type ServiceNowConnectInput = { instanceUrl: string; table?: string; auth: ServiceNowSettings['auth']; resolution?: ServiceNowSettings['resolution']; contacts?: Contact[] };

function settingsOf(input: ServiceNowConnectInput): ServiceNowSettings {
  const { contacts: _contacts, ...settingsInput } = input;
  const parsed = serviceNowSettingsSchema.safeParse(settingsInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid-payload', `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, instanceUrl: instanceOrigin(parsed.data.instanceUrl) };
}

/** Test connection: the diagnosis, and when it passes, the instance's Resolution codes for the admin to pick from. */
export async function testServiceNow(input: ServiceNowConnectInput, http?: ServiceNowHttp): Promise<ConnectionDiagnosis & { resolutionCodes?: { value: string; label: string }[] }> {
  const settings = settingsOf(input);
  const h = http ?? forgeServiceNowHttp(settings.instanceUrl, settings.auth);
  const diagnosis = await diagnoseConnection(h, settings.table);
  if (!diagnosis.ok) return diagnosis;
  const profile = await readInstanceProfile(new ServiceNowClient(h), settings.table);
  return { ...diagnosis, resolutionCodes: [...(profile.choices[codeColumnOf(settings.table) ?? 'close_code'] ?? [])] };
}

/**
 * The resolution a resolve sends: the admin's code when it is one of the instance's Resolution codes
 * (refused by name otherwise), else "Solution provided" when the instance has it, else its first code.
 */
function resolutionFor(settings: ServiceNowSettings, profile: InstanceProfile): ServiceNowSettings['resolution'] {
  const codes = profile.choices[codeColumnOf(settings.table) ?? 'close_code'] ?? [];
  const preferred = CLOSING[settings.table]?.defaultCode ?? DEFAULT_CLOSE_CODE;
  const wanted = settings.resolution?.code?.trim();
  if (wanted && codes.length > 0 && !codes.some((c) => c.value === wanted)) {
    throw new AppError('invalid-payload', `resolution.code: "${wanted}" is not one of the instance's Resolution codes (${codes.map((c) => c.value).join(', ')})`);
  }
  const code = wanted || (codes.some((c) => c.value === preferred) || codes.length === 0 ? preferred : codes[0]!.value);
  return { code, ...(settings.resolution?.notes?.trim() ? { notes: settings.resolution.notes.trim() } : {}) };
}

/**
 * `notice` is shown to the admin once, for the business rule's system properties: the secret is
 * never returned again (a new one means connecting again).
 */
export type ServiceNowConnected = { connectionId: string; state: Connection['state']; notice: { url: string; secret: string } };

export async function connectServiceNow(deps: SyncDeps, actor: string, input: ServiceNowConnectInput, http?: ServiceNowHttp): Promise<ServiceNowConnected> {
  const typed = settingsOf(input);
  const h = http ?? forgeServiceNowHttp(typed.instanceUrl, typed.auth);
  const diagnosis = await diagnoseConnection(h, typed.table);
  if (!diagnosis.ok) throw new AppError('partner-error', diagnosis.message);
  const profile = await readInstanceProfile(new ServiceNowClient(h), typed.table);
  const stored = { choices: Object.fromEntries(Object.entries(profile.choices).map(([column, list]) => [column, [...(list ?? [])]])), ...(profile.priorityLookup ? { priorityLookup: profile.priorityLookup } : {}) };
  const settings: ServiceNowSettings = { ...typed, resolution: resolutionFor(typed, profile), profile: stored };
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
