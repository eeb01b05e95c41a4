// Layers are enforced here as well as by TypeScript project references (see STYLE.md):
// shared/ imports no Node, DOM or other layer; renderer/ never imports main/, electron or node:*;
// only main/electron/ imports electron.
import tseslint from 'typescript-eslint';

/** A string that starts like an SQL statement. */
const SQL = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|WITH|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\\s/';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'zlib', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tsbuild/**', 'out/**', '.cache/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'shared/ is pure: no Node modules.' },
        { group: ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**'], message: 'shared/ imports no other layer.' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'The renderer never imports Node modules.' },
        { group: ['electron', '**/main/**'], message: 'The renderer talks to main only through renderer/src/api.' },
      ] }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron'], message: 'Only main/electron/ imports electron; main/core runs in plain Node.' },
        { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
      ] }],
    },
  },
  {
    // Each feature in main/core uses another only through that feature's index.ts.
    files: ['main/core/*/**/*.ts'],
    ignores: ['main/core/store/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron'], message: 'Only main/electron/ imports electron; main/core runs in plain Node.' },
        { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
        { regex: '^\\.\\./(?!store/)[^./][^/]*/.+', message: 'Use another feature through its index.ts (import from "../feature"), not its files.' },
      ] }],
    },
  },
  {
    // An export turns a model into bytes: no database and no other feature. Its handlers.ts
    // gathers the model (the appendix, the trends) and writes the file.
    files: ['main/core/exports/**/*.ts'],
    ignores: ['main/core/exports/handlers.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron'], message: 'Only main/electron/ imports electron; main/core runs in plain Node.' },
        { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
        { regex: '^\\.\\./(?!errors$|paths$|\\.\\./)', message: 'An export is a model in, bytes out: the database and other features are reached in exports/handlers.ts, which passes the model in.' },
      ] }],
    },
  },
  {
    // SQL lives in the store and in each feature's repository (repo.ts, *-repo.ts), nowhere else.
    files: ['main/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['main/core/store/**', 'main/core/**/repo.ts', 'main/core/**/*-repo.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: `Literal[value=${SQL}]`, message: 'SQL belongs in the feature\'s repo.ts (or the store), not here.' },
        { selector: `TemplateElement[value.raw=${SQL}]`, message: 'SQL belongs in the feature\'s repo.ts (or the store), not here.' },
      ],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'shared/ is pure: no Node modules.' },
        { group: ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**'], message: 'shared/ imports no other layer.' },
        { group: ['**/api/**', '../api'], message: 'shared/domain is the analysts\' vocabulary and rules; it imports nothing from shared/api.' },
      ] }],
    },
  },
);
