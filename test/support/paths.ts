import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Absolute path of the repository root (the Forge app directory). */
export const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
