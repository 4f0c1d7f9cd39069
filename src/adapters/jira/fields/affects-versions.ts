import { projectPart } from './project-part';

/** Jira calls the affects versions field `versions`. */
export const versions = projectPart('versions', 'versions');
