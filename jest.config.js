/** Three layers, run separately or together (`jest --selectProjects unit|workflows|integration`). */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.test.ts'] },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/test/**/*.workflow.test.ts'],
      setupFiles: ['<rootDir>/test/support/temporal-runtime.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int.test.ts'],
      setupFiles: ['<rootDir>/test/support/temporal-runtime.ts'],
    },
  ],
};
