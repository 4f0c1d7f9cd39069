// Attachments: content comes from the partner through an injected fetcher (the core's Transport
// or a web-trigger download; the adapter does not know which), is checked against the size cap,
// and is uploaded as multipart/form-data with `X-Atlassian-Token: no-check`, as Jira requires.
import { randomBytes } from 'node:crypto';
import { route } from '@forge/api';
import { z } from 'zod';
import type { LocalIssueId } from '../../core/ids';
import type { AttachmentReplica } from '../../core/replica/replica';
import { TrackerError } from '../../core/sync/tracker-error';
import type { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { attachmentSchema } from './jira-schemas';

/**
 * Fetches an attachment's bytes from where the partner says (`AttachmentReplica.ref`); the
 * attachment's own id and declared size let a source check the link names it and size its buffer.
 */
export type AttachmentSource = (ref: string, attachment: { id: string; size: number }) => Promise<Uint8Array>;

/** A slice of a local attachment and the whole file's size. */
export type AttachmentSlice = { bytes: Uint8Array; total: number };

export function multipartFile(file: { filename: string; mimeType: string; bytes: Uint8Array }, boundary = `liaison-${randomBytes(12).toString('hex')}`) {
  // Quotes and line breaks would end the header early; everything else may stay (RFC 7578 allows UTF-8).
  const filename = file.filename.replace(/["\r\n]/g, '_');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${file.mimeType.replace(/[\r\n]/g, '')}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: new Uint8Array(Buffer.concat([head, file.bytes, tail])) };
}

export class AttachmentWriter {
  constructor(
    private readonly client: JiraClient,
    private readonly source: AttachmentSource | null,
    private readonly maxBytes: number,
  ) {}

  async add(issueId: LocalIssueId, a: AttachmentReplica): Promise<string> {
    const what = `attach ${a.filename} to issue ${issueId}`;
    if (a.size > this.maxBytes) throw new JiraApiError(`${what}: ${a.size} bytes exceeds the ${this.maxBytes}-byte cap`, false, null, 'attachments');
    if (!this.source) throw new JiraApiError(`${what}: no attachment source is configured`, false, null, 'attachments');
    let bytes: Uint8Array;
    try {
      bytes = await this.source(a.ref, { id: a.id, size: a.size });
    } catch (e) {
      if (e instanceof TrackerError) throw e;
      throw new JiraApiError(`${what}: could not fetch the content (${e instanceof Error ? e.message : String(e)})`, true, null, 'attachments', undefined, { cause: e });
    }
    // The declared size is the partner's word; the cap holds for the bytes actually received.
    if (bytes.length > this.maxBytes) throw new JiraApiError(`${what}: ${bytes.length} bytes exceeds the ${this.maxBytes}-byte cap`, false, null, 'attachments');
    const form = multipartFile({ filename: a.filename, mimeType: a.mimeType, bytes });
    const uploaded = await this.client.json(what, z.array(attachmentSchema).min(1), 'POST', route`/rest/api/3/issue/${issueId}/attachments`, {
      kind: 'raw', contentType: form.contentType, bytes: form.bytes, headers: { 'X-Atlassian-Token': 'no-check' },
    });
    return uploaded[0]!.id;
  }

  /**
   * One byte range of a local attachment (Jira answers 206 to a `Range` with `redirect=false`), so
   * serving a chunk never holds the whole file. An answer of the whole file (200) is sliced here.
   */
  async contentRange(attachmentId: string, offset: number, length: number, size: number): Promise<AttachmentSlice> {
    const what = `download attachment ${attachmentId}`;
    const res = await this.client.send(what, 'GET', route`/rest/api/3/attachment/content/${attachmentId}?redirect=false`, {
      kind: 'none', headers: { Range: `bytes=${offset}-${offset + length - 1}` },
    });
    const bytes = res.bytes ?? new TextEncoder().encode(res.text);
    if (res.status !== 206) return { bytes: bytes.subarray(offset, offset + length), total: bytes.length };
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
    if (!m || Number(m[1]) !== offset || bytes.length !== Number(m[2]) - offset + 1) throw new JiraApiError(`${what}: Jira answered a range other than the one asked`, true, 206);
    return { bytes, total: m[3] === '*' ? size : Number(m[3]) };
  }
}
