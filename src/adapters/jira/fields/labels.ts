import type { JiraField } from './jira-field';

export const labels: JiraField = {
  shape: { kind: 'options', jira: 'strings' },
  decode: (raw) => ({ kind: 'options', names: Array.isArray(raw) ? raw.filter((l): l is string => typeof l === 'string') : [] }),
  constraint: (meta) => ({ kind: 'options', ...meta.required('labels') }),
};
