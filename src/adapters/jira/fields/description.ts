import { adfToRich } from '../adf/adf-to-rich';
import { empty, RICH_TEXT_MAX, type JiraField } from './jira-field';

export const description: JiraField = {
  shape: { kind: 'rich', jira: 'doc' },
  decode: (raw) => (raw === null || raw === undefined ? empty : { kind: 'rich', doc: adfToRich(raw) }),
  constraint: (meta) => ({ kind: 'rich', maxLength: RICH_TEXT_MAX, ...meta.required('description') }),
};
