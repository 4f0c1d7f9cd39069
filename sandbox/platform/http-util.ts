// Small conversions between fetch's Request/Response and the platform's plain request objects.
import type { HostRequest, HostResponse } from './types';

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function toResponse(status: number, headers: Record<string, string> = {}, body: string | Uint8Array | undefined = ''): Response {
  // A copy typed on a plain ArrayBuffer: fetch's BodyInit does not take views of a SharedArrayBuffer.
  const init = body instanceof Uint8Array ? new Uint8Array(body) : (body ?? '');
  return new Response(NULL_BODY.has(status) ? null : init, { status, headers });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (body === undefined) return toResponse(status, headers);
  return toResponse(status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

export const fromHostResponse = (r: HostResponse): Response => toResponse(r.status, r.headers, r.bytes ?? r.body);

/**
 * Reads a fetch Request into the plain shape hosts and products receive: the body as text and as its
 * exact bytes, so a multipart upload of binary data reaches the host unaltered.
 */
export async function toHostRequest(req: Request): Promise<HostRequest> {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const bytes = req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await req.arrayBuffer());
  const body = bytes && bytes.length > 0 ? { body: new TextDecoder().decode(bytes), bytes } : {};
  return { method: req.method, path: `${url.pathname}${url.search}`, headers, ...body };
}

/** Reads a fetch Response into a HostResponse that keeps the exact bytes next to their text. */
export async function toHostResponse(res: Response): Promise<HostResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers, body: new TextDecoder().decode(bytes), bytes };
}
