// The Jira Cloud adapter: the core's Tracker port on REST v3, and ADF ⇄ neutral rich text.
export { JiraTracker, type JiraTrackerOptions } from './jira-tracker';
export { forgeJiraHttp } from './forge-jira-http';
export type { HttpMethod, JiraHttp, JiraHttpResponse, JiraRequestBody } from './jira-http';
export { JiraApiError, retryAfterMs } from './jira-errors';
export { FULL_READ, readPlanFor, type ReadPlan } from './read-plan';
export { adfToRich } from './adf/adf-to-rich';
export { richToAdf } from './adf/rich-to-adf';
export type { AdfDoc, AdfNode } from './adf/adf-node';
export type { AttachmentSlice, AttachmentSource } from './attachment-writer';
export { remoteLinkGlobalId, type PartnerLink } from './remote-link';
export { PAIR_PROPERTY, pairJql } from './issue-writer';
export { jiraFieldId, fieldKeyOf } from './field-ids';
export { projectIssuePage, projectIssueCount, type IssueIdPage } from './issue-search';
export { updatedIssuePage, parseJiraTime, type UpdatedIssuePage } from './updated-search';
export { userPermissions, type JiraPermission } from './user-permissions';
export { listJiraProjects } from './projects';
export type { CachedMetadata, MetadataCache } from './metadata-cache';
