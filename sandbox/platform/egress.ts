// Outbound `fetch` from app code: allowed only to hosts the manifest declares under
// permissions.external.fetch.backend, then answered by whatever the HostRegistry routes the host to.
import type { HostRegistry } from './host-registry';
import { dnsFailure } from './host-registry';
import type { Recorder } from './recorder';
import { fromHostResponse, toHostRequest, toResponse } from './http-util';
import type { FetchInput } from './types';

/**
 * Whether `url` matches an egress entry. Like Forge's backend egress, only protocol (when the entry
 * names one) and hostname count; `*.example.com` covers subdomains, not example.com itself.
 */
export function egressAllows(entries: string[], url: URL): boolean {
  return entries.some((entry) => {
    if (entry === '*') return true;
    const m = /^([a-z]+:)\/\/(.*)$/i.exec(entry);
    const protocol = m?.[1]?.toLowerCase();
    const host = (m ? (m[2] ?? '') : entry).split(/[/?#]/)[0]?.toLowerCase().replace(/:\d+$/, '') ?? '';
    if (protocol && protocol !== url.protocol) return false;
    if (host.startsWith('*.')) return url.hostname.endsWith(host.slice(1));
    return host === url.hostname;
  });
}

export interface EgressDeps { egress: string[]; hosts: HostRegistry; recorder: Recorder; moduleKey: string }

/**
 * A refused host answers what Forge's egress proxy answers: a 403 whose `forge-proxy-error` header is
 * REQUEST_EGRESS_ALLOWLIST_ERR (the fetch itself does not throw). An allowed host nobody registered
 * fails like a DNS failure.
 */
export async function egressFetch(deps: EgressDeps, input: FetchInput, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const url = new URL(req.url);
  const base = { kind: 'egress' as const, moduleKey: deps.moduleKey, method: req.method, url: url.href, host: url.hostname };
  // "All external connections must be done through HTTPS; plain HTTP or TCP connections are not
  // allowed" (Forge Node.js runtime, HTTPS only). Atlassian's ECO-876 records the proxy answering a
  // plain-http fetch with an HTTP 400 (the fetch does not throw); its exact body is not documented.
  if (url.protocol !== 'https:') {
    deps.recorder.add({ ...base, status: 400, refused: 'not https' });
    return toResponse(400, { 'content-type': 'application/json' }, JSON.stringify({ message: `Forge egress is HTTPS only; ${url.protocol}//${url.host} was not called.` }));
  }
  if (!egressAllows(deps.egress, url)) {
    deps.recorder.add({ ...base, status: 403, refused: 'not in permissions.external.fetch.backend' });
    return toResponse(403, { 'forge-proxy-error': 'REQUEST_EGRESS_ALLOWLIST_ERR' }, '');
  }
  const handler = deps.hosts.resolve(url.hostname);
  if (!handler) {
    deps.recorder.add({ ...base, status: 0, refused: 'unknown host' });
    throw dnsFailure(url.hostname);
  }
  const res = await handler.request(await toHostRequest(req));
  deps.recorder.add({ ...base, status: res.status });
  return fromHostResponse(res);
}
