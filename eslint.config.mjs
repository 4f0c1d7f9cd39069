// Flat ESLint config: typescript-eslint's recommended rules over every TypeScript file we own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'static/*/build/', '.sandbox/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The pure core must never reach for the platform (see BRIEF.md, Architecture).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*', '**/adapters/**', '**/entry/**', '**/sandbox/**'] }],
    },
  },
  {
    // The deployed app must never import the emulated platform.
    files: ['src/**/*.ts'],
    ignores: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/sandbox/**', '**/test/**'] }],
    },
  },
);
