// Filtering, paging and progress for the admin lists (queue, errors, audit log, bulk sync).
import type { BulkStatus, SyncErrorView } from '../../../../src/shared/resolver-contract';

export type ErrorFilter = { text: string; retryableOnly: boolean };

/** Case-insensitive match on field, value and reason: what an admin remembers about an error. */
export function filterErrors(errors: readonly SyncErrorView[], filter: ErrorFilter): SyncErrorView[] {
  const needle = filter.text.trim().toLowerCase();
  return errors.filter((e) => {
    if (filter.retryableOnly && !e.retryable) return false;
    if (!needle) return true;
    return [e.field, e.value, e.reason, e.pairId ?? ''].some((s) => s.toLowerCase().includes(needle));
  });
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
  const counts = `${status.processed} of ${status.total} issues checked, ${status.queued} queued`;
  if (status.state === 'failed') return { fraction, label: `Stopped: ${counts}. ${status.error ?? 'A page kept failing'}. Start again to resume.`, running: false };
  return { fraction, label: status.state === 'done' ? `Done: ${counts}` : `Running: ${counts}`, running: status.state === 'running' };
}
