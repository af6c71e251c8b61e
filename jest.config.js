/** Three layers, run separately or together (`jest --selectProjects unit|workflows|integration`). */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.test.ts'] },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/test/**/*.workflow.test.ts'],
      setupFiles: ['<rootDir>/test/support/temporal-runtime.ts'],
      testTimeout: 120_000,
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int.test.ts'],
      setupFiles: ['<rootDir>/test/support/temporal-runtime.ts'],
      testTimeout: 180_000,
    },
  ],
};
