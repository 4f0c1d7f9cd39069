// Time spent, in seconds: Jira's own `timespent`, the total of the worklogs, read in the one
// issue GET. Jira computes it, so no write sets it (worklogs travel on their own); a partner that
// keeps a total rather than worklogs (ServiceNow's time worked) takes it from here.
import { empty, type JiraField } from './jira-field';

export const timespent: JiraField = {
  shape: { kind: 'number', jira: 'number' },
  decode: (raw) => (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? { kind: 'number', value: raw } : empty),
  constraint: () => ({ kind: 'number', min: 0, integer: true }),
  notWritable: 'Jira adds up time spent from worklogs; it cannot be set',
};
