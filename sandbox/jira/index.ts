// Public surface of the Jira Cloud site emulator.
export { JiraSite, type JiraSiteOptions } from './jira-site';
export { defaultSeed, DEFAULT_WORKFLOW } from './seed';
export { SiteFaults, type FaultWindow, type RateLimitFault, type ServerErrorFault } from './faults';
export { JiraRateLimits, DEFAULT_RATE_LIMITS, type RateLimitConfig, type RateLimitReason, type RateLimitStats } from './rate-limits';
export { pointCost } from './point-cost';
export { adfFromText, adfToText, isAdfDoc } from './adf';
export { SD_PUBLIC_COMMENT } from './record-views';
export type {
  Actor,
  AdfDoc,
  CustomFieldSeed,
  IssueSeed,
  IssueTypeSeed,
  PrioritySeed,
  ProjectSeed,
  SiteEvent,
  SiteRequest,
  SiteResponse,
  SiteSeed,
  StatusSeed,
  TransitionSeed,
  UserSeed,
  WorkflowSeed,
} from './types';
