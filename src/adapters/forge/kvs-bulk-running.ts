// Whether any bulk sync is running on this installation, in one storage query over the bulk status
// records (kvs-bulk-status.ts keys them `bulk:<connection>:<project>`). The maintenance asks this
// before it looks for stalled runs (app/bulk-resume.ts), which reads each connection's rules and a
// status per shared project: an installation with no run going pays one query per run, whatever
// its number of connections and projects. The query may trail a run started a second ago; that run
// is not stalled yet, and the next maintenance sees it.
import { kvs, WhereConditions } from '@forge/kvs';

const PREFIX = 'bulk:';
const PAGE = 100;

export async function anyBulkRunning(): Promise<boolean> {
  let cursor: string | undefined;
  do {
    let q = kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(PAGE);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<{ state?: unknown }>();
    if (page.results.some((r) => r.value?.state === 'running')) return true;
    cursor = page.nextCursor;
  } while (cursor);
  return false;
}
