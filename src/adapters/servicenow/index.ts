// The ServiceNow adapter's building blocks: Table API transport and client, error taxonomy and
// connection diagnosis, HTML/journal text ⇄ rich text, value maps, record ⇄ snapshot, and the
// polling watermark. (The partner-side tracker that composes them is not here yet.)
export { forgeServiceNowHttp, instanceOrigin, jsonBody, type HttpMethod, type ServiceNowAuth, type ServiceNowHttp, type ServiceNowHttpResponse, type ServiceNowRequestBody } from './servicenow-http';
export type { FetchLike } from './oauth-token';
export { ServiceNowClient, parseAnswer, tablePath, type DisplayMode, type ListOptions, type ListPage, type ReadOptions } from './servicenow-client';
export { ServiceNowApiError, errorFromFailure, errorFromResponse, retryAfterMs, serviceNowFailure, type ColumnFields } from './servicenow-errors';
export type { AttachmentMeta, JournalEntry, SnRecord, SnUser } from './servicenow-schemas';
export { diagnoseConnection, type ConnectionDiagnosis, type ConnectionProblem } from './connection-diagnosis';
export { htmlToRich, journalToRich, plainToRich, richToHtml, richToJournal, richToPlain } from './html-richtext';
export * from './value-maps';
export { columnOf, readColumns, SYSTEM_COLUMNS } from './record-columns';
export { cell, valueOf, type Cell } from './record-fields';
export { JOURNAL_ELEMENTS, recordToSnapshot, recordUrl, type SnapshotInput } from './record-snapshot';
export { commentPatch, editsToPatch, peopleToResolve, type Patch, type PatchContext } from './record-patch';
export { formatSnTime, isSnTime, parseSnTime } from './sn-time';
export { queryValue } from './encoded-query';
export { foldPage, initialWatermark, pageQuery, POLL_FIELDS, startRun, updateKey, type FoldResult, type PolledRecord, type PollCursor, type Watermark } from './watermark';
