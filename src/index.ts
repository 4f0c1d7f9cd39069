// Export barrel for every Forge handler named in manifest.yml, grouped by module type.

// Product triggers
export { onIssueEvent } from './entry/triggers/issue-events';
export { onWorklogEvent } from './entry/triggers/worklog-events';
export { onIssueLinkEvent } from './entry/triggers/issue-link-events';
export { onAppLifecycle } from './entry/triggers/app-lifecycle';

// Queue consumers
export { sendOutbox } from './entry/consumers/outbox-sender';
export { doWork } from './entry/consumers/work';

// Web triggers
export { partnerInbox } from './entry/webtriggers/partner-inbox';
export { serviceNowNotice } from './entry/webtriggers/servicenow-notice';

// Scheduled triggers
export { maintenance } from './entry/scheduled/maintenance';
export { personalDataReport } from './entry/scheduled/personal-data-report';

// Custom UI resolvers (issue panel, admin page, project settings page)
export { handler as resolver } from './entry/resolvers';
