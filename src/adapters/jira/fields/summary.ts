import { empty, SUMMARY_MAX, type JiraField } from './jira-field';

export const summary: JiraField = {
  shape: { kind: 'text', jira: 'string' },
  decode: (raw) => (typeof raw === 'string' && raw.length > 0 ? { kind: 'text', text: raw } : empty),
  constraint: () => ({ kind: 'text', maxLength: SUMMARY_MAX, required: true }),
};
