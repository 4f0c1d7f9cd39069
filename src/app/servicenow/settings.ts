// Where a ServiceNow connection's settings live. Instance, table and credentials sit together in the
// Forge KVS secret store (encrypted, never returned by a query, never sent to the browser); the
// polling watermark and the poll's hold are plain KVS state.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { isSnTime } from '../../adapters/servicenow/sn-time';
import type { WatermarkStore } from './poll';

export const serviceNowAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('basic'), username: z.string().min(1).max(255), password: z.string().min(1).max(1024) }).strict(),
  z.object({ kind: z.literal('oauth'), clientId: z.string().min(1).max(255), clientSecret: z.string().min(1).max(1024) }).strict(),
]);

const choiceListSchema = z.array(z.object({ value: z.string().max(100), label: z.string().max(200) })).max(200);

/** What a resolve or close sends with the state: a Resolution code of the instance, and notes (`{key}` = the Jira key). */
export const resolutionSchema = z.object({ code: z.string().max(100).optional(), notes: z.string().max(1000).optional() }).strict();

export const serviceNowSettingsSchema = z.object({
  instanceUrl: z.string().regex(/^https:\/\/[a-z0-9-]+\.service-now\.com\/?$/i, 'must be https://<name>.service-now.com'),
  table: z.string().regex(/^[A-Za-z0-9_]{1,80}$/, 'must be a table name such as incident').default('incident'),
  auth: serviceNowAuthSchema,
  resolution: resolutionSchema.optional(),
  /** Read from the instance when the connection was saved (instance-profile.ts). */
  profile: z.object({
    choices: z.record(z.string().max(80), choiceListSchema),
    priorityLookup: z.array(z.object({ impact: z.string().max(10), urgency: z.string().max(10), priority: z.string().max(10) })).max(100).optional(),
  }).optional(),
});

export type ServiceNowSettings = z.output<typeof serviceNowSettingsSchema>;

const settingsKey = (connectionId: string) => `secret:servicenow:${connectionId}`;
const watermarkKey = (connectionId: string, pass: 'records' | 'attachments' = 'records') =>
  pass === 'records' ? `servicenow-watermark:${connectionId}` : `servicenow-watermark-${pass}:${connectionId}`;
const pollHoldKey = (connectionId: string) => `servicenow-poll-hold:${connectionId}`;
// Apart from the connection secret: the ServiceNow admin holds this one, so it can be rotated alone.
const noticeSecretKey = (connectionId: string) => `secret:servicenow-notice:${connectionId}`;

export async function getServiceNowSettings(connectionId: string): Promise<ServiceNowSettings | null> {
  const stored = await kvs.getSecret<unknown>(settingsKey(connectionId));
  if (stored === undefined || stored === null) return null;
  const parsed = serviceNowSettingsSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`the stored ServiceNow settings of connection ${connectionId} are damaged: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export async function putServiceNowSettings(connectionId: string, settings: ServiceNowSettings): Promise<void> {
  await kvs.setSecret(settingsKey(connectionId), settings);
}

export async function deleteServiceNowSettings(connectionId: string): Promise<void> {
  await kvs.deleteSecret(settingsKey(connectionId));
  await kvs.deleteSecret(noticeSecretKey(connectionId));
  await kvs.delete(watermarkKey(connectionId));
  await kvs.delete(watermarkKey(connectionId, 'attachments'));
  await kvs.delete(pollHoldKey(connectionId));
}

/**
 * What a ServiceNow connection's configuration route carries besides its secret (see sync-deps):
 * the instance settings and the notice secret, so neither costs a read of its own. Unreadable
 * settings are left out (the peer then reads them itself and reports what is wrong).
 */
export type ServiceNowRouteExtra = { settings: ServiceNowSettings | null; noticeSecret: string | null };

export async function serviceNowRouteExtra(connectionId: string): Promise<ServiceNowRouteExtra> {
  return { settings: await getServiceNowSettings(connectionId).catch(() => null), noticeSecret: await getNoticeSecret(connectionId) };
}

/** The extra from a configuration route, if the deps' configuration is routed and carries one. */
export async function routedServiceNowExtra(config: unknown, connectionId: string): Promise<ServiceNowRouteExtra | null> {
  const routed = config as { extraFor?: (id: string) => Promise<unknown> };
  if (typeof routed?.extraFor !== 'function') return null;
  const extra = (await routed.extraFor(connectionId)) as Partial<ServiceNowRouteExtra> | undefined;
  if (!extra || typeof extra !== 'object') return null;
  const settings = serviceNowSettingsSchema.safeParse(extra.settings);
  return { settings: settings.success ? settings.data : null, noticeSecret: typeof extra.noticeSecret === 'string' && extra.noticeSecret.length > 0 ? extra.noticeSecret : null };
}

/** The HMAC key the business rule signs change notices with (pasted into ServiceNow by its admin). */
export async function getNoticeSecret(connectionId: string): Promise<string | null> {
  const stored = await kvs.getSecret<unknown>(noticeSecretKey(connectionId));
  return typeof stored === 'string' && stored.length > 0 ? stored : null;
}

export async function putNoticeSecret(connectionId: string, secret: string): Promise<void> {
  await kvs.setSecret(noticeSecretKey(connectionId), secret);
}

const watermarkSchema = z.object({ at: z.string().refine(isSnTime), seen: z.array(z.string().max(200)).max(10_000) });

/**
 * The poll's watermark of the connection's records, or of the attachments added to them. A stored
 * value of another shape (a damaged write) reads as absent: the poll starts again from the
 * connection's creation, and the ledger's hashes make what it reads again a no-change — rather
 * than every poll failing on it.
 */
export function kvsWatermarks(connectionId: string, pass: 'records' | 'attachments' = 'records'): WatermarkStore {
  return {
    get: async () => {
      const stored: unknown = await kvs.get(watermarkKey(connectionId, pass));
      if (stored === undefined || stored === null) return null;
      const parsed = watermarkSchema.safeParse(stored);
      if (parsed.success) return parsed.data;
      console.warn(`liaison: the ${pass} poll watermark of connection ${connectionId} is unreadable (${parsed.error.issues[0]?.message}); polling starts again from the connection's creation`);
      return null;
    },
    put: async (wm) => void (await kvs.set(watermarkKey(connectionId, pass), wm)),
  };
}

/**
 * Until when the scheduled trigger leaves a connection's polling alone: a run still slicing
 * through the queue, or ServiceNow's Retry-After after it refused a poll.
 */
export type PollHold = { until: number; reason: 'running' | 'backing-off' };

export interface PollHoldStore {
  get(): Promise<PollHold | null>;
  put(hold: PollHold): Promise<void>;
  clear(): Promise<void>;
}

export function kvsPollHold(connectionId: string): PollHoldStore {
  return {
    get: async () => (await kvs.get<PollHold>(pollHoldKey(connectionId))) ?? null,
    put: async (hold) => void (await kvs.set(pollHoldKey(connectionId), hold)),
    clear: async () => void (await kvs.delete(pollHoldKey(connectionId))),
  };
}
