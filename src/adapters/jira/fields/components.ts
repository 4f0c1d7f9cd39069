import { projectPart } from './project-part';

export const components = projectPart('components', 'components');
