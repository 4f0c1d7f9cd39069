// Every few minutes: start a poll run for each active ServiceNow connection. The runs go through
// the work queue a slice at a time (app/servicenow/poll-work.ts), so this invocation only queues
// them, and one connection failing (instance asleep, credentials revoked) does not touch the others.
import { startServiceNowPolls } from '../../app/servicenow/poll-work';
import { syncDeps } from '../../app/sync-deps';

export async function pollServiceNowPartners(): Promise<void> {
  await startServiceNowPolls(syncDeps());
}
