import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules the pure core may never import: it must run in a worker, in Node and in tests. */
const impureModules = [
  'react', 'react-dom', 'react-dom/*', 'electron', 'dexie', 'monaco-editor', 'monaco-editor/*',
  'wavesurfer.js', 'wavesurfer.js/*', 'zustand', 'zustand/*', '@xterm/*', 'comlink',
  'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'node:*',
];

export default tseslint.config(
  { ignores: ['.tmp/**', 'out/**', 'dist/**', 'dist-web/**', 'coverage/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: impureModules, message: 'shared/ is the pure core: no UI, Electron, storage or Node imports.' },
          { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ may not depend on renderer/ or electron/.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: ['electron', 'fs', 'path', 'os', 'child_process', 'worker_threads'].map((name) => ({
          name,
          message: 'The renderer talks to the host only through PlatformApi.',
        })),
        patterns: [
          { group: ['node:*', 'fs/*'], message: 'The renderer talks to the host only through PlatformApi.' },
          { group: ['**/electron/**'], message: 'The renderer may not import electron/ code.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', 'dexie'], message: 'electron/ is Node-side only.' }],
      }],
    },
  },
);
