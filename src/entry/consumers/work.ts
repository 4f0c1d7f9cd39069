// Queue consumer for background work: deferred re-checks and bulk-sync pages.
import { onIssueChanged } from '../../app/issue-changed';
import { runBulkPage } from '../../app/bulk-sync';
import { parseWorkEvent, type WorkEvent } from '../../app/work-queue';

export async function doWork(event: { body?: unknown }): Promise<void> {
  let work: WorkEvent;
  try {
    work = parseWorkEvent(event?.body);
  } catch (e) {
    console.error(`liaison: dropped a malformed work event: ${(e as Error).message}`);
    return;
  }
  if (work.kind === 'recheck') await onIssueChanged({ kind: 'changed', issueId: work.issueId, projectKey: work.projectKey, actor: null });
  else await runBulkPage(work);
}
