import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { uiConfig } from '../vite-ui-config.mts';

export default defineConfig(uiConfig(fileURLToPath(new URL('.', import.meta.url))));
