// The receiving side of attachment refs. A ref is fetched only when it is the sending partner's own
// signed link (checkIncomingAttachmentRef: same origin and path as its web trigger recorded at
// connect, this connection, this attachment, valid signature, not expired); anything else is refused
// before any request leaves. The bytes then come in byte-range chunks, each one GET through Forge
// egress answered base64 (web-trigger responses are strings) within Forge's 5 MB payload limit,
// assembled in one buffer of the announced size. Nothing the partner answers is ever repeated in an
// error: a failure says the status or what was wrong, never the body.
import { fetch } from '@forge/api';
import { ATTACHMENT_CHUNK_BYTES, chunkUrl, parseContentRange } from '../../core/protocol/attachment-chunks';
import { checkIncomingAttachmentRef, type IncomingRefRefusal } from '../../core/protocol/attachment-ref';
import { TrackerError } from '../../core/sync/tracker-error';
import type { AttachmentSource } from '../jira/attachment-writer';

/** What a ref must match: the partner's endpoint as recorded at connect, and the connection secret. */
export type RefExpectation = { endpoint: string; connectionId: string; secret: string };

export type PartnerAttachmentOptions = {
  /** Read once per fetch (null: the connection has no endpoint or secret, and nothing is fetched). */
  expect(): Promise<RefExpectation | null>;
  now(): number;
  /** The largest file accepted; a partner announcing more is refused before the buffer is made. */
  maxBytes: number;
  /** Forge's egress fetch unless given (unit tests). */
  fetch?: ChunkFetch;
};

type ChunkFetch = (url: string, init: { method: 'GET' }) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

const REFUSED: Record<IncomingRefRefusal, string> = {
  'not-https': 'not an https link',
  'other-host': "not on the partner's own site",
  'other-path': "not the partner's own web trigger",
  malformed: 'not an attachment link',
  'other-connection': 'signed for another connection',
  'other-attachment': 'signed for another attachment',
  'bad-signature': 'not signed by this connection',
  expired: 'expired',
};

/** Answers worth a retry (an outage, an expired or stale link the partner re-signs on resend); the rest say no for good. */
const TRANSIENT_STATUS = new Set([401, 408, 409, 410, 425, 429, 500, 502, 503, 504]);

const fail = (message: string, transient: boolean, cause?: unknown) => new TrackerError(message, transient, 'attachments', cause === undefined ? undefined : { cause });

function decodeBase64(text: string): Buffer {
  const trimmed = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) throw fail('the partner sent an attachment chunk that is not valid base64', true);
  return Buffer.from(trimmed, 'base64');
}

async function getChunk(get: ChunkFetch, url: string): Promise<{ status: number; range: string | null; bytes: Buffer }> {
  let res: Awaited<ReturnType<ChunkFetch>>;
  try {
    res = await get(url, { method: 'GET' });
  } catch (e) {
    throw fail('the partner could not be reached for the attachment', true, e);
  }
  const text = await res.text();
  if (res.status !== 200 && res.status !== 206) throw fail(`the partner answered ${res.status} for the attachment`, TRANSIENT_STATUS.has(res.status) || res.status >= 500);
  if ((res.headers.get('content-transfer-encoding') ?? '').toLowerCase() !== 'base64') throw fail('the partner did not send the attachment base64-encoded', true);
  return { status: res.status, range: res.headers.get('content-range'), bytes: decodeBase64(text) };
}

/** Every chunk of a checked ref, in order, into one buffer of the size the first chunk announced. */
async function fetchChunks(get: ChunkFetch, ref: string, maxBytes: number): Promise<Uint8Array> {
  let file: Buffer | null = null;
  let offset = 0;
  do {
    const chunk = await getChunk(get, chunkUrl(ref, { offset, length: ATTACHMENT_CHUNK_BYTES }));
    // A source serving the whole file at once (an empty file, or an older Liaison): fine when it fits.
    if (chunk.status === 200) {
      if (offset !== 0) throw fail('the partner answered the whole file in the middle of a ranged transfer', true);
      if (chunk.bytes.length > maxBytes) throw fail(`${chunk.bytes.length} bytes exceeds the ${maxBytes}-byte cap`, false);
      return new Uint8Array(chunk.bytes);
    }
    const range = parseContentRange(chunk.range);
    if (!range || range.offset !== offset || range.length !== chunk.bytes.length || range.length > ATTACHMENT_CHUNK_BYTES || (file && range.total !== file.length)) {
      throw fail('the partner answered an attachment chunk with an inconsistent byte range', true);
    }
    if (range.total > maxBytes) throw fail(`${range.total} bytes exceeds the ${maxBytes}-byte cap`, false);
    file ??= Buffer.allocUnsafe(range.total);
    chunk.bytes.copy(file, offset);
    offset += range.length;
  } while (offset < file.length);
  return new Uint8Array(file.buffer, file.byteOffset, file.length);
}

/** The source for refs a Jira partner sent (or this site's own inbox links, for its ServiceNow peer). */
export function fetchAttachmentSource(options: PartnerAttachmentOptions): AttachmentSource {
  return async (ref, attachment) => {
    const want = await options.expect();
    const check = want ? checkIncomingAttachmentRef(ref, { ...want, attachmentId: attachment.id, now: options.now() }) : ({ ok: false, reason: 'other-host' } as const);
    if (!check.ok) {
      // Logged without the link's content: the link is the partner's word, not ours to repeat.
      console.warn(`liaison: attachment ${attachment.id.slice(0, 64)} refused before any fetch: ${check.reason}`);
      throw fail(`the attachment link was refused before any fetch: ${REFUSED[check.reason]}`, false);
    }
    return fetchChunks(options.fetch ?? fetch, ref, options.maxBytes);
  };
}
