// Filtering, paging and progress for the admin lists (queue, errors, audit log, bulk sync).
import type { BulkStatus, SyncErrorView } from '../../../../src/shared/resolver-contract';

export type ErrorFilter = { text: string; retryableOnly: boolean };

/** Case-insensitive match on what an admin remembers about an error: its words, field, value, issues. */
export function filterErrors(errors: readonly SyncErrorView[], filter: ErrorFilter): SyncErrorView[] {
  const needle = filter.text.trim().toLowerCase();
  return errors.filter((e) => {
    if (filter.retryableOnly && !e.retryable) return false;
    if (!needle) return true;
    const words = [e.wording?.title ?? '', e.wording?.what ?? '', e.fieldName ?? '', e.issue?.localKey ?? '', e.issue?.partnerKey ?? ''];
    return [e.field, e.value, e.reason, ...words].some((s) => s.toLowerCase().includes(needle));
  });
}

export type ErrorGroup = { key: string; what: string; fixBy: 'us' | 'partner' | 'nobody' | null; errors: SyncErrorView[] };

/**
 * Errors with the same explanation together (one cause, same specifics), the largest group first;
 * an error without wording (an older backend) is its own group under its reason.
 */
export function groupErrors(errors: readonly SyncErrorView[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const e of errors) {
    const what = e.wording?.what ?? e.reason;
    const key = `${e.wording?.cause ?? 'other'}|${what}`;
    const g = groups.get(key) ?? { key, what, fixBy: e.wording?.fixBy ?? null, errors: [] };
    g.errors.push(e);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.errors.length - a.errors.length || a.what.localeCompare(b.what));
}

/** Audit paging is cursor-based forwards only, so "previous" walks back a stack of cursors. */
export type Pager = { stack: Array<string | undefined>; current: string | undefined };

export const firstPage = (): Pager => ({ stack: [], current: undefined });
export const nextPage = (p: Pager, cursor: string): Pager => ({ stack: [...p.stack, p.current], current: cursor });
export const previousPage = (p: Pager): Pager => (p.stack.length === 0 ? p : { stack: p.stack.slice(0, -1), current: p.stack[p.stack.length - 1] });
export const pageNumber = (p: Pager): number => p.stack.length + 1;

export type Progress = { fraction: number; label: string; running: boolean };

export function bulkProgress(status: BulkStatus | null): Progress {
  if (!status || status.state === 'idle') return { fraction: 0, label: 'Not started', running: false };
  const fraction = status.total > 0 ? Math.min(1, status.processed / status.total) : status.state === 'done' ? 1 : 0;
  const counts = `${status.processed} of ${status.total} issues checked, ${status.queued} to send${outcomeText(status)}`;
  if (status.state === 'failed') return { fraction, label: `Stopped: ${counts}. ${status.error ?? 'A page kept failing'}. Start again to resume.`, running: false };
  return { fraction, label: status.state === 'done' ? `Done: ${counts}` : `Running: ${counts}`, running: status.state === 'running' };
}

/** What became of the changes a bulk sync sent: delivered, refused by the partner, still waiting. */
export function outcomeText(status: BulkStatus): string {
  if (status.delivered === undefined || status.queued === 0) return '';
  const parts = [`${status.delivered} delivered`, `${status.refused ?? 0} refused by the partner`, `${status.waiting ?? 0} waiting in the queue`];
  if (status.throughQueue) parts.push(`${status.throughQueue} went through the queue since (see Queue and errors)`);
  return `: ${parts.join(', ')}`;
}
