import { namedOption } from './jira-field';

export const issuetype = namedOption((meta) => ({ kind: 'option', options: meta.issueTypes }));
