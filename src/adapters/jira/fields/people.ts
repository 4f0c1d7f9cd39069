import { person } from './jira-field';

export const assignee = person('assignee');
export const reporter = person('reporter');
