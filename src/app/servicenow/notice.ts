// Push from ServiceNow: the shipped business rule posts a signed change notice ("record X of table T
// changed"); this checks the signature and its age, then runs the very path a poll runs for that one
// record. The notice carries no data, so a forged or replayed one could at most cause a re-read, and
// the ledger's hashes make a record seen by both push and poll apply once.
import { WEBTRIGGERS } from '../module-keys';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { webTrigger } from '@forge/api';
import { z } from 'zod';
import { localIssueId } from '../../core/ids';
import type { SyncDeps } from '../../core/sync/deps';
import { handleLocalChange, type LocalChangeOutcome } from '../../core/sync/on-local-change';
import { sendNow } from '../../core/sync/send-now';
import { PairNotVisibleYet } from '../../adapters/servicenow/peer-ledger-store';
import { serviceNowPeerFor } from './app-peer';
import { getNoticeSecret, routedServiceNowExtra } from './settings';

/** The web trigger module key in manifest.yml. */
export const NOTICE_WEBTRIGGER = WEBTRIGGERS.serviceNowNotice;
/** Notices signed further from now than this are refused (replay window; clocks drift a little). */
export const NOTICE_MAX_SKEW_MS = 5 * 60_000;

const noticeSchema = z.object({
  table: z.string().regex(/^[A-Za-z0-9_]{1,80}$/),
  sys_id: z.string().regex(/^[0-9a-f]{32}$/),
  sys_updated_on: z.string(),
  operation: z.enum(['insert', 'update']),
});

export type ChangeNotice = z.infer<typeof noticeSchema>;
export type NoticeRequest = { connectionId: string | undefined; body: string; timestamp: string | undefined; signature: string | undefined };
export type NoticeResult = { status: 202 | 400 | 401 | 503; message: string };

/** The URL the business rule posts to: one web trigger for all connections, the connection in the query. */
export async function noticeUrl(connectionId: string): Promise<string> {
  const url = new URL(await webTrigger.getUrl(NOTICE_WEBTRIGGER));
  url.searchParams.set('connection', connectionId);
  return url.toString();
}

/** `sha256=` + base64(HMAC-SHA256(secret, `<timestamp>.<body>`)), as GlideCertificateEncryption.generateMac signs. */
export function noticeSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('base64')}`;
}

export function verifyNotice(secret: string, req: NoticeRequest, nowMs: number): { ok: true } | { ok: false; message: string } {
  if (!req.timestamp || !/^\d{1,12}$/.test(req.timestamp)) return { ok: false, message: 'missing or malformed X-Liaison-Timestamp' };
  if (Math.abs(nowMs - Number(req.timestamp) * 1000) > NOTICE_MAX_SKEW_MS) return { ok: false, message: 'the notice is too old (or its clock is off by more than 5 minutes)' };
  const expected = Buffer.from(noticeSignature(secret, req.timestamp, req.body));
  const given = Buffer.from(req.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, message: 'the signature does not match this connection\'s notice secret' };
  return { ok: true };
}

async function handleLocalChangeOrNone(deps: SyncDeps, sysId: string): Promise<LocalChangeOutcome[]> {
  const outcomes = await handleLocalChange(deps, { issueId: localIssueId(sysId), inline: true });
  return outcomes === 'issue-not-found' ? [] : outcomes;
}

export async function receiveNotice(deps: SyncDeps, req: NoticeRequest): Promise<NoticeResult> {
  // Unknown connection and bad signature answer alike: the caller learns nothing about connections.
  const refused: NoticeResult = { status: 401, message: 'notice refused: unknown connection or bad signature' };
  if (!req.connectionId) return { status: 400, message: 'the URL lacks ?connection=<id> (copy it from the admin page)' };
  const connection = await deps.config.getConnection(req.connectionId);
  // The connection's route carries the notice secret; without one, it is read on its own.
  const secret = connection?.partnerKind === 'servicenow' ? ((await routedServiceNowExtra(deps.config, connection.id))?.noticeSecret ?? (await getNoticeSecret(connection.id))) : null;
  if (!connection || !secret) return refused;
  const verified = verifyNotice(secret, req, deps.clock.now());
  if (!verified.ok) return { status: 401, message: `notice refused: ${verified.message}` };
  let notice: ChangeNotice;
  try {
    notice = noticeSchema.parse(JSON.parse(req.body));
  } catch {
    return { status: 400, message: 'the body is not a change notice {table, sys_id, sys_updated_on, operation}' };
  }
  // A paused connection catches up by polling once resumed (its watermark has not moved).
  if (connection.state !== 'active') return { status: 202, message: 'connection not active: left to polling' };
  const { peer, settings } = await serviceNowPeerFor(deps, connection);
  if (notice.table !== settings.table) return { status: 400, message: `this connection mirrors ${settings.table}, not ${notice.table}` };
  try {
    // Sent from here at once, like a Jira trigger's change; older entries have their own wake-ups.
    await sendNow(peer.deps, await handleLocalChangeOrNone(peer.deps, notice.sys_id));
  } catch (e) {
    // Mostly Liaison's own insert or link back, noticed within the storage lag: nothing to send.
    if (e instanceof PairNotVisibleYet) return { status: 202, message: 'the record was just linked: left to polling' };
    // Polling is the safety net; ServiceNow does not retry, so the 503 is only for its log.
    return { status: 503, message: `could not apply the change now; polling will: ${(e as Error).message}` };
  }
  return { status: 202, message: 'accepted' };
}
