// GET on the partner inbox with an attachment capability ref: check the signature and expiry, that
// the attachment belongs to the pair's local issue and that the rule lets it leave, then answer
// with one byte range of it base64-encoded (web trigger responses are strings). A range keeps every
// answer within Forge's 5 MB invocation payload limit (docs/adr/0003-attachment-chunks.md).
import { connectionId as toConnectionId, pairId as toPairId } from '../core/ids';
import { mimeAllowed } from '../core/planning';
import { ATTACHMENT_CHUNK_BYTES, contentRange, parseChunkQuery } from '../core/protocol/attachment-chunks';
import { parseAttachmentQuery, verifyAttachmentRef } from '../core/protocol/attachment-ref';
import type { AppDeps, AttachmentRangeReader } from './sync-deps';

export type DownloadResponse = { statusCode: number; headers: Record<string, string[]>; body: string };
export type DownloadDeps = { deps: AppDeps; content: AttachmentRangeReader };

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

  const pair = await deps.store.getPair(toConnectionId(ref.connectionId), toPairId(ref.pairId));
  if (!pair || pair.unlinkedAt !== undefined || !pair.localIssueId) return refuse(404, 'not-found', 'no such linked issue');
  const snapshot = await deps.tracker.getIssue(pair.localIssueId);
  const attachment = snapshot?.attachments.find((a) => a.id === ref.attachmentId);
  if (!snapshot || !attachment) return refuse(404, 'not-found', 'the attachment is not on the linked issue');
  const rule = (await deps.config.rulesForProject(snapshot.projectKey)).find((r) => r.connectionId === ref.connectionId);
  const cfg = rule?.outgoing.attachments;
  // The rule may have changed since the ref was signed: it decides now, not then.
  if (!cfg?.enabled || !mimeAllowed(attachment.mimeType, cfg.mimeTypes)) return refuse(403, 'not-shared', 'the sharing rule does not let this attachment leave');
  const cap = cfg.maxBytes;
  if (attachment.size > cap) return refuse(413, 'too-large', `${attachment.size} bytes exceeds the ${cap}-byte cap`);
  const asked = single(query);
  const range = parseChunkQuery(asked.offset, asked.length);
  // Without a range (a receiver from before chunks) the whole file is served only when it fits one chunk.
  if (!range && (asked.offset !== undefined || asked.length !== undefined)) return refuse(400, 'bad-range', 'offset and length must both be whole numbers, length above 0');
  if (!range && attachment.size > ATTACHMENT_CHUNK_BYTES) return refuse(413, 'use-ranges', `files above ${ATTACHMENT_CHUNK_BYTES} bytes are served in ranges: add offset and length`);
  if (attachment.size === 0) return answer(200, new Uint8Array(), {});
  const offset = range?.offset ?? 0;
  if (offset >= attachment.size) return refuse(416, 'bad-range', `offset ${offset} is past the end of the file`);
  const length = Math.min(range?.length ?? ATTACHMENT_CHUNK_BYTES, ATTACHMENT_CHUNK_BYTES, attachment.size - offset);
  const slice = await content(attachment.id, offset, length, attachment.size);
  if (slice.total > cap) return refuse(413, 'too-large', `${slice.total} bytes exceeds the ${cap}-byte cap`);
  if (slice.bytes.length !== length) return refuse(409, 'changed', 'the attachment is not the size Jira reported');
  return range ? answer(206, slice.bytes, { 'content-range': [contentRange(offset, length, slice.total)] }) : answer(200, slice.bytes, {});
}

function answer(statusCode: 200 | 206, bytes: Uint8Array, extra: Record<string, string[]>): DownloadResponse {
  return {
    statusCode,
    headers: { 'content-type': ['application/octet-stream'], 'content-transfer-encoding': ['base64'], 'cache-control': ['no-store'], ...extra },
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64'),
  };
}
