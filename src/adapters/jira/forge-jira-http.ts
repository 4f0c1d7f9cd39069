// JiraHttp over Forge: `api.asApp().requestJira`, so every call acts as the app's own account
// (which is what `filter.ignoreSelf` and the loop-prevention hashes rely on).
import api, { getAppContext, type Route } from '@forge/api';
import type { HttpMethod, JiraHttp, JiraHttpResponse, JiraRequestBody } from './jira-http';
import { JiraRatePacer, pacedJiraHttp } from './rate-pacer';

function init(method: HttpMethod, body: JiraRequestBody | undefined) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (!body) return { method, headers };
  if (body.kind === 'none') return { method, headers: { ...headers, ...body.headers } };
  if (body.kind === 'json') return { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body.value) };
  // @forge/api types bodies as ArrayBuffer | string: the buffer must hold exactly these bytes. A
  // view of a whole buffer (an assembled attachment's multipart body) is sent as is, not copied.
  const whole = body.bytes.byteOffset === 0 && body.bytes.byteLength === body.bytes.buffer.byteLength;
  const bytes = whole ? body.bytes : body.bytes.slice();
  return { method, headers: { ...headers, ...body.headers, 'Content-Type': body.contentType }, body: bytes.buffer as ArrayBuffer };
}

/**
 * One pacer per installation (Jira keys the quota by app and tenant): every client in a warm
 * container shares what Jira said about the quota, an endpoint or an issue; a cold container learns
 * it again from the first answer's headers.
 */
const pacers = new Map<string, JiraRatePacer>();

export function jiraPacer(): JiraRatePacer {
  let key = 'default';
  try {
    key = getAppContext().installationAri.toString();
  } catch {
    // Outside an invocation (unit tests): one shared pacer.
  }
  let pacer = pacers.get(key);
  if (!pacer) pacers.set(key, (pacer = new JiraRatePacer()));
  return pacer;
}

export function forgeJiraHttp(): JiraHttp {
  return pacedJiraHttp(rawForgeJiraHttp(), jiraPacer());
}

function rawForgeJiraHttp(): JiraHttp {
  return {
    async request(method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<JiraHttpResponse> {
      const res = await api.asApp().requestJira(path, init(method, body));
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
      // Read bytes once: attachment content is binary, everything else is UTF-8 JSON or text.
      const bytes = res.status === 204 ? new Uint8Array() : new Uint8Array(await res.arrayBuffer());
      return { status: res.status, headers, text: new TextDecoder().decode(bytes), bytes };
    },
  };
}
