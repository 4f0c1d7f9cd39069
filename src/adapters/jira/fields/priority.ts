import { namedOption } from './jira-field';

export const priority = namedOption((meta) => ({ kind: 'option', options: meta.priorities, ...meta.required('priority') }));
