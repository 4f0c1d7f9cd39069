// Attachment content travels in byte ranges: each GET on the source's inbox names an offset and a
// length, and the answer carries that slice base64-encoded with a Content-Range saying where it sits
// in the file. Forge bounds every web-trigger request and response (body, headers, query and all
// other metadata) by its 5 MB invocation payload limit; a whole file in one answer broke above
// ≈3.7 MB. See docs/adr/0003-attachment-chunks.md.

/** Raw bytes per chunk: base64 makes 4 MiB of it, leaving room for headers under the 5 MB limit. */
export const ATTACHMENT_CHUNK_BYTES = 3 * 1024 * 1024;

export type ByteRange = { offset: number; length: number };

/** The range a chunk request asks for; null when either parameter is missing or not a plain integer. */
export function parseChunkQuery(offset: string | undefined, length: string | undefined): ByteRange | null {
  if (offset === undefined || length === undefined || !/^\d{1,12}$/.test(offset) || !/^\d{1,12}$/.test(length)) return null;
  const range = { offset: Number(offset), length: Number(length) };
  return range.length > 0 ? range : null;
}

/** `bytes first-last/total`, as HTTP's Content-Range says it. */
export const contentRange = (offset: number, length: number, total: number): string => `bytes ${offset}-${offset + length - 1}/${total}`;

/** A Content-Range answer parsed; null when malformed or inconsistent. */
export function parseContentRange(value: string | null | undefined): { offset: number; length: number; total: number } | null {
  const m = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec((value ?? '').trim());
  if (!m) return null;
  const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (last < first || last >= total) return null;
  return { offset: first, length: last - first + 1, total };
}

/** The chunk URL for a ref: the signed ref with the range appended (the range needs no signature). */
export function chunkUrl(ref: string, range: ByteRange): string {
  const url = new URL(ref);
  url.searchParams.set('offset', String(range.offset));
  url.searchParams.set('length', String(range.length));
  return url.href;
}
