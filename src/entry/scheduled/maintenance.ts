// The five-minute scheduled trigger: the whole run is the app's (app/maintenance-run.ts says what
// it does and what an idle run costs). The ServiceNow poll rides here rather than on a five-minute
// trigger of its own: a site with no ServiceNow connection pays nothing for it (the connection list
// is read once per run anyway), where its own trigger cost 12 invocations and 12 index queries an hour.
import { runMaintenance } from '../../app/maintenance-run';

export async function maintenance(): Promise<void> {
  await runMaintenance();
}
