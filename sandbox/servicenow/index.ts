// Public surface of the ServiceNow instance emulator.
export { ServiceNowInstance, type AccessDenial, type ServiceNowInstanceOptions } from './servicenow-instance';
export { defaultServiceNowSeed } from './seed';
export {
  signNotice,
  noticeHeaders,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type BusinessRuleConfig,
  type ChangeNotice,
  type NoticePoster,
} from './business-rule';
export type { NoticeLog } from './change-dispatch';
export { parseQuery, type ParsedQuery, type Condition, type Operator } from './query';
export { glideDateTime } from './time';
export { INCIDENT_STATES, PRIORITY_CHOICES, TASK_TABLES, defaultPriorityLookup } from './schema';
export { CLIENT_CREDENTIALS_PROPERTY } from './instance-config';
export type {
  OAuthClientSeed,
  RecordChange,
  RecordChangeListener,
  RecordOperation,
  ServiceNowSeed,
  SnRecord,
  SnRequest,
  SnResponse,
  TaskSeed,
  UserSeed,
} from './types';
