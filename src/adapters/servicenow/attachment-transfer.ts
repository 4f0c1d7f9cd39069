// Attachments through ServiceNow's Attachment API, both ways. Into ServiceNow: the bytes come from
// wherever the Jira side's ref points (an injected source, as for the Jira tracker), are held to the
// cap, and are POSTed raw to /api/now/attachment/file with their own Content-Type. Out of
// ServiceNow: a record's attachments go out with their download link as ref, and the Jira side reads
// the bytes back with the integration user's credentials, never by fetching the ref as given.
import type { AttachmentReplica } from '../../core/replica/replica';
import { TrackerError } from '../../core/sync/tracker-error';
import type { ServiceNowClient } from './servicenow-client';
import { ServiceNowApiError } from './servicenow-errors';
import { instanceOrigin } from './servicenow-http';

/** Fetches an attachment's bytes from where the partner says (`AttachmentReplica.ref`); see the Jira adapter's AttachmentSource. */
export type AttachmentBytes = (ref: string, attachment: { id: string; size: number }) => Promise<Uint8Array>;

/** The rule schema's largest cap: beyond the rule's own (checked by the planner), this one holds. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 100 * 1024 * 1024;

export type AttachmentUpload = { source: AttachmentBytes; maxBytes?: number };

const SYS_ID = /^[0-9a-f]{32}$/;
/** Files whose name carries no type: ServiceNow stores what Content-Type says, so say something. */
const FALLBACK_TYPE = 'application/octet-stream';
const MIME = /^[a-z]+\/[a-z0-9.+-]+$/i;

/** The attachment sys_id a ref names, when the ref is a download link of `instanceUrl`; null otherwise. */
export function serviceNowAttachmentId(ref: string, instanceUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return null;
  }
  if (url.origin !== instanceOrigin(instanceUrl) || url.search || url.hash) return null;
  const m = /^\/api\/now\/(?:v\d+\/)?attachment\/([0-9a-f]{32})\/file$/.exec(url.pathname);
  return m ? m[1]! : null;
}

/**
 * The Jira side's source for refs a ServiceNow record sent: only download links of this instance,
 * read by sys_id through the client (its credentials never go to a host the ref names).
 */
export function serviceNowAttachmentSource(client: ServiceNowClient, instanceUrl: string): AttachmentBytes {
  return async (ref) => {
    const sysId = serviceNowAttachmentId(ref, instanceUrl);
    if (!sysId) throw new TrackerError(`attachment link ${ref.slice(0, 200)} is not a download link of ${instanceOrigin(instanceUrl)}`, false, 'attachments');
    return client.attachmentContent(sysId);
  };
}

/** Uploads one of the partner's attachments to a record; answers the new sys_attachment sys_id. */
export async function uploadAttachment(
  client: ServiceNowClient,
  target: { table: string; sysId: string },
  attachment: AttachmentReplica,
  upload: AttachmentUpload | undefined,
): Promise<string> {
  const what = `attach ${attachment.filename} to ${target.table} ${target.sysId}`;
  const maxBytes = upload?.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  if (!SYS_ID.test(target.sysId)) throw new ServiceNowApiError(`${what}: ${target.sysId} is not a sys_id`, false, null, 'attachments');
  if (attachment.size > maxBytes) throw new ServiceNowApiError(`${what}: ${attachment.size} bytes exceeds the ${maxBytes}-byte cap`, false, null, 'attachments');
  if (!upload) throw new ServiceNowApiError(`${what}: no attachment source is configured`, false, null, 'attachments');
  let bytes: Uint8Array;
  try {
    bytes = await upload.source(attachment.ref, { id: attachment.id, size: attachment.size });
  } catch (e) {
    if (e instanceof TrackerError) throw e;
    // The partner's link may answer later (an outage, a deploy): the whole apply is retried.
    throw new ServiceNowApiError(`${what}: could not fetch the content (${e instanceof Error ? e.message : String(e)})`, true, null, 'attachments', undefined, { cause: e });
  }
  // The declared size is the partner's word; the cap holds for the bytes actually received.
  if (bytes.length > maxBytes) throw new ServiceNowApiError(`${what}: ${bytes.length} bytes exceeds the ${maxBytes}-byte cap`, false, null, 'attachments');
  const mimeType = MIME.test(attachment.mimeType) ? attachment.mimeType : FALLBACK_TYPE;
  try {
    return (await client.uploadAttachment(target.table, target.sysId, { filename: attachment.filename, mimeType, bytes })).sys_id;
  } catch (e) {
    // The instance's own limits (com.glide.attachment.max_size, glide.attachment.extensions) speak
    // of the file, never of a column: the refusal belongs to the attachment either way.
    if (e instanceof ServiceNowApiError && !e.transient && e.field === undefined) throw new ServiceNowApiError(e.message, false, e.status, 'attachments', undefined, { cause: e });
    throw e;
  }
}
