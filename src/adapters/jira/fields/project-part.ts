// Components and versions: values the project defines, written and read by name (`[{ name }]`),
// allowed as createmeta lists them; a missing one may be created first (../project-parts.ts).
import { named, type JiraField } from './jira-field';

export function projectPart(jiraFieldId: string, part: 'components' | 'versions'): JiraField {
  return {
    shape: { kind: 'options', jira: 'names' },
    decode: (raw) => ({ kind: 'options', names: Array.isArray(raw) ? raw.map(named).filter((n): n is string => n !== undefined && n.length > 0) : [] }),
    constraint: (meta) => ({ kind: 'options', options: meta.allowed(jiraFieldId), ...meta.required(jiraFieldId) }),
    part,
  };
}
