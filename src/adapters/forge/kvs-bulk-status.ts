// Progress of a project's bulk sync, one small KVS record per (connection, project), so the admin
// page's progress bar and the queue worker read the same truth.
import { kvs } from '@forge/kvs';
import { keyOf } from './kvs-keys';

export type BulkRun = {
  runId: string;
  /** `failed`: a page kept failing; starting again resumes at `resumeToken`. */
  state: 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  queued: number;
  /** Of `queued`: acknowledged by the partner, and refused for good, as the pages sent them (absent on older runs). */
  delivered?: number;
  refused?: number;
  startedAt: number;
  finishedAt: number | null;
  startedBy: string;
  /** The page that failed (null = the first page), kept so a restart resumes there. */
  resumeToken?: string | null;
  /**
   * While running: the page queued next (null = the first) and when a page last finished, so the
   * five-minute maintenance can queue that page again if its queue event was lost (app/bulk-resume.ts).
   */
  nextPageToken?: string | null;
  touchedAt?: number;
  /**
   * Set when the page chain stopped short of Forge's cyclic invocation limit, or the queue refused
   * the next page for its rate limit: the next maintenance run (a fresh invocation) queues
   * `nextPageToken` at once, unless the refused page's own retry did it first.
   */
  handoffAt?: number;
  /**
   * The page that handed the run over because the queue refused to take the next one for its rate
   * limit: that page's own retry queues `nextPageToken` (null: the first page).
   */
  handoffFrom?: string | null;
  error?: string;
};

const key = (connectionId: string, projectKey: string) => keyOf('bulk', connectionId, projectKey);

export class KvsBulkStatus {
  /** The record's key, for a caller reading it in a batch with others. */
  static key = key;

  async get(connectionId: string, projectKey: string): Promise<BulkRun | null> {
    return (await kvs.get<BulkRun>(key(connectionId, projectKey))) ?? null;
  }

  async put(connectionId: string, projectKey: string, run: BulkRun): Promise<void> {
    await kvs.set(key(connectionId, projectKey), run);
  }
}
