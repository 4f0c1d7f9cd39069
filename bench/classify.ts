// How the benchmark names and sorts what an installation did: Jira reads vs writes, KVS reads vs
// writes, and request paths with ids folded so calls of one kind add up.
import type { RecordEntry } from '../sandbox/platform';

type ProductEntry = Extract<RecordEntry, { kind: 'product' }>;
type KvsEntry = Extract<RecordEntry, { kind: 'kvs' }>;

/** POST endpoints that only read (JQL search, counts, bulk workflow fetch, permission checks). */
const READ_POSTS = /\/(search\/jql|search\/approximate-count|search|workflows|permissions\/check|bulkfetch|expression\/eval)$/;

export function pathOnly(path: string): string {
  return path.split('?')[0] ?? path;
}

/** `/rest/api/3/issue/10004/comment` → `/rest/api/3/issue/{id}/comment`. */
export function foldIds(path: string): string {
  return pathOnly(path).replace(/\/\d{2,}(?=\/|$)/g, '/{id}');
}

export function isJiraRead(e: Pick<ProductEntry, 'method' | 'path'>): boolean {
  const method = e.method.toUpperCase();
  return method === 'GET' || (method === 'POST' && READ_POSTS.test(pathOnly(e.path)));
}

const KVS_READS = new Set(['get', 'query', 'secret/get', 'entity/get', 'entity/query', 'batch/get', 'entity/batch/get']);

export function isKvsRead(e: Pick<KvsEntry, 'op'>): boolean {
  return KVS_READS.has(e.op) || e.op.endsWith('/get') || e.op.endsWith('/query');
}

export function productLabel(e: ProductEntry): string {
  return `${e.moduleKey} ${e.method} ${foldIds(e.path)}`;
}

/** With `touched` (bench/kvs-trace.ts) the label also names the records behind the operation. */
export function kvsLabel(e: KvsEntry & { touched?: string[] }): string {
  const status = e.status >= 400 ? ` (${e.status}${e.code ? ` ${e.code}` : ''})` : '';
  const touched = e.touched?.length ? ` → ${e.touched.join('; ')}` : '';
  return `${e.moduleKey} ${e.op}${status}${touched}`;
}

/** Counts of equal labels, most frequent first. */
export function countBy<T>(items: T[], label: (t: T) => string): Array<{ what: string; n: number }> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(label(i), (counts.get(label(i)) ?? 0) + 1);
  return [...counts].map(([what, n]) => ({ what, n })).sort((a, b) => b.n - a.n || a.what.localeCompare(b.what));
}
