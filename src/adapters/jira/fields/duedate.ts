import { DATE, empty, type JiraField } from './jira-field';

export const duedate: JiraField = {
  shape: { kind: 'date', jira: 'date' },
  decode: (raw) => (typeof raw === 'string' && DATE.test(raw) ? { kind: 'date', date: raw } : empty),
  constraint: (meta) => ({ kind: 'date', ...meta.required('duedate') }),
};
