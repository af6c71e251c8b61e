// Type-aware lint. Workflow code runs in Temporal's deterministic sandbox: it may not reach the
// world (Node built-ins, Kafka, loggers) nor the client/worker/activity halves of the SDK.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

/** What deterministic code (workflows, domain) may not import. */
const sandboxPaths = [
  ...nodeBuiltins.map((name) => ({
    name,
    message: 'workflow/domain code is deterministic: no Node built-ins',
  })),
  { name: 'kafkajs', message: 'publish from an activity, not from workflow code' },
  { name: 'pino', message: 'use the workflow logger (log from @temporalio/workflow)' },
  { name: '@temporalio/client', message: 'not available in the workflow sandbox' },
  { name: '@temporalio/activity', message: 'not available in the workflow sandbox' },
  { name: '@temporalio/worker', message: 'not available in the workflow sandbox' },
];
const activityTypesOnly = {
  group: ['**/activities/*', '!**/activities/*.types'],
  allowTypeImports: true,
  message: 'workflows import activities as types only',
};
/** Layers (test/layers.unit.test.ts checks every folder): domain and platform sit at the bottom. */
const bottomLayer = {
  group: [
    '**/clients/**',
    '**/workflows/**',
    '**/workers/**',
    '**/activities/**',
    '**/inventory/**',
    '**/bench/**',
  ],
  message: 'domain/ and platform/ are the bottom layers: they import nothing from the layers above',
};
const noRandom = {
  object: 'Math',
  property: 'random',
  message: 'randomness breaks replay; use workflow uuid4() or pass it in',
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.infra/**', 'dist/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: sandboxPaths, patterns: [activityTypesOnly] }],
      'no-restricted-properties': ['error', noRandom],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: sandboxPaths, patterns: [bottomLayer] }],
      'no-restricted-properties': ['error', noRandom],
    },
  },
  {
    files: ['platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [bottomLayer] }] },
  },
  {
    // Workflow code may read the SDK's deterministic clock (workflows/shell/clock.ts); domain code
    // never reads a clock: time is passed in.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time is passed in by the caller, never read here' },
        { object: 'Math', property: 'random', message: 'randomness breaks replay; pass it in' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
