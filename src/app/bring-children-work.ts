// The consumer of a bring-children work event (app/bring-children.ts pushes it): the children
// searched and each planned. A failed run is retried by the queue and finds the children brought
// so far already paired (nothing sent again).
import { connectionId, localIssueId } from '../core/ids';
import { bringChildren } from '../core/sync/bring-children';
import { syncDepsForProject } from './sync-deps';
import type { WorkEvent } from './work-queue';

export type BringChildrenWork = Extract<WorkEvent, { kind: 'bring-children' }>;

export async function runBringChildren(work: BringChildrenWork): Promise<void> {
  const deps = await syncDepsForProject(work.projectKey);
  const outcome = await bringChildren(deps, connectionId(work.connectionId), work.projectKey, localIssueId(work.issueId));
  if (outcome.capped) console.warn(`liaison: issue ${work.issueId} has more children than are brought along; the others follow their own changes`);
}
