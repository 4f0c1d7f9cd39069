// The receiving side of attachment refs: GET the partner's capability URL through Forge egress and
// decode the base64 body (web trigger responses are strings, so binary content travels encoded).
import { fetch } from '@forge/api';
import type { AttachmentSource } from '../jira/attachment-writer';

export function fetchAttachmentSource(): AttachmentSource {
  return async (ref) => {
    const res = await fetch(ref, { method: 'GET' });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`the partner answered ${res.status} for the attachment: ${text.slice(0, 300)}`);
    if ((res.headers.get('content-transfer-encoding') ?? '').toLowerCase() !== 'base64') throw new Error('the partner did not send the attachment base64-encoded');
    const trimmed = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) throw new Error('the attachment body is not valid base64');
    return new Uint8Array(Buffer.from(trimmed, 'base64'));
  };
}
