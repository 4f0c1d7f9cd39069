// GET on the partner inbox with an attachment capability ref: check the signature and expiry, that
// the attachment belongs to the pair's local issue and that the rule lets it leave, then answer
// with the bytes base64-encoded (web trigger responses are strings).
import { pairId as toPairId } from '../core/ids';
import { mimeAllowed } from '../core/planning';
import { parseAttachmentQuery, verifyAttachmentRef } from '../core/protocol/attachment-ref';
import type { AppDeps } from './sync-deps';

/** Base64 grows the body by a third; past this a web trigger response gets unwieldy. */
export const MAX_SERVED_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export type DownloadResponse = { statusCode: number; headers: Record<string, string[]>; body: string };
export type DownloadDeps = { deps: AppDeps; content(attachmentId: string): Promise<Uint8Array> };

const refuse = (statusCode: number, error: string, message: string): DownloadResponse => ({
  statusCode, headers: { 'content-type': ['application/json'] }, body: JSON.stringify({ error, message }),
});

/** The single value of each query parameter; a repeated one is ambiguous and counts as missing. */
function single(query: Record<string, string[]> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, v.length === 1 ? v[0] : undefined]));
}

export async function serveAttachment(query: Record<string, string[]> | undefined, depsFor: (connectionId: string) => Promise<DownloadDeps>): Promise<DownloadResponse> {
  const ref = parseAttachmentQuery(single(query));
  if (!ref) return refuse(400, 'bad-request', 'attachment, pair, connection, exp and sig are all required');
  const { deps, content } = await depsFor(ref.connectionId);
  const secret = await deps.secrets.getConnectionSecret(ref.connectionId);
  if (!secret) return refuse(401, 'bad-signature', 'unknown connection');
  const check = verifyAttachmentRef(secret, ref, deps.clock.now());
  if (!check.ok) return check.reason === 'expired' ? refuse(410, 'expired', 'this attachment link has expired') : refuse(401, 'bad-signature', 'the attachment link is not signed by this connection');

  const pair = await deps.store.getPair(toPairId(ref.pairId));
  if (!pair || pair.connectionId !== ref.connectionId || pair.unlinkedAt !== undefined || !pair.localIssueId) return refuse(404, 'not-found', 'no such linked issue');
  const snapshot = await deps.tracker.getIssue(pair.localIssueId);
  const attachment = snapshot?.attachments.find((a) => a.id === ref.attachmentId);
  if (!snapshot || !attachment) return refuse(404, 'not-found', 'the attachment is not on the linked issue');
  const rule = (await deps.config.rulesForProject(snapshot.projectKey)).find((r) => r.connectionId === ref.connectionId);
  const cfg = rule?.outgoing.attachments;
  // The rule may have changed since the ref was signed: it decides now, not then.
  if (!cfg?.enabled || !mimeAllowed(attachment.mimeType, cfg.mimeTypes)) return refuse(403, 'not-shared', 'the sharing rule does not let this attachment leave');
  const cap = Math.min(cfg.maxBytes, MAX_SERVED_ATTACHMENT_BYTES);
  if (attachment.size > cap) return refuse(413, 'too-large', `${attachment.size} bytes exceeds the ${cap}-byte cap`);
  const bytes = await content(attachment.id);
  if (bytes.length > cap) return refuse(413, 'too-large', `${bytes.length} bytes exceeds the ${cap}-byte cap`);
  return {
    statusCode: 200,
    headers: { 'content-type': ['application/octet-stream'], 'content-transfer-encoding': ['base64'], 'cache-control': ['no-store'] },
    body: Buffer.from(bytes).toString('base64'),
  };
}
