import { namedOption } from './jira-field';

export const status = namedOption((meta) => ({ kind: 'option', options: meta.statuses }), 'status changes only through workflow transitions');
