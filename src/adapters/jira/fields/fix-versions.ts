import { projectPart } from './project-part';

export const fixVersions = projectPart('fixVersions', 'versions');
