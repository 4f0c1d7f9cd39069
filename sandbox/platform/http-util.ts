// Small conversions between fetch's Request/Response and the platform's plain request objects.
import type { HostRequest, HostResponse } from './types';

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function toResponse(status: number, headers: Record<string, string> = {}, body: string | undefined = ''): Response {
  return new Response(NULL_BODY.has(status) ? null : (body ?? ''), { status, headers });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (body === undefined) return toResponse(status, headers);
  return toResponse(status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

export const fromHostResponse = (r: HostResponse): Response => toResponse(r.status, r.headers, r.body);

/** Reads a fetch Request into the plain shape hosts and products receive. */
export async function toHostRequest(req: Request): Promise<HostRequest> {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text();
  return { method: req.method, path: `${url.pathname}${url.search}`, headers, ...(body !== undefined && body !== '' ? { body } : {}) };
}
