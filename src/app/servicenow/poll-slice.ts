// How big one slice of a ServiceNow poll run is (see poll-work.ts). Each record costs a few Table
// API reads and the Jira writes of its change, so a slice stays well inside the work consumer's
// time limit. Its own module, free of platform imports, so tests can shrink it.
export const POLL_SLICE = {
  pageSize: 50,
  pagesPerSlice: 2,
  /** Messages to Jira sent per slice (the records of its pages, and any backlog). */
  flushMax: 100,
  /** A run longer than this ends; the next scheduled trigger continues from its watermark. */
  maxSlices: 50,
  /** Longer than a slice may run (the consumer's timeout), so a slice that died frees the connection. */
  holdMs: 10 * 60_000,
};
