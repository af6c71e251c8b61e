/** Three layers, run separately or together (`jest --selectProjects unit|workflows|integration`), and chaos. */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
// @fastify/static (under @fastify/swagger-ui) requires the ESM-only content-disposition 3; Node 20.19+
// loads it natively, jest's CommonJS runtime needs it compiled.
const esmOnly = ['content-disposition'];
transform[`node_modules/(${esmOnly.join('|')})/.+\\.js$`] = [
  'ts-jest',
  { diagnostics: false, tsconfig: { allowJs: true } },
];
const common = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
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
    // Crash and outage tests on private Temporal/Kafka/PostgreSQL instances (test/chaos); run on their own.
    { ...common, displayName: 'chaos', testMatch: ['<rootDir>/test/**/*.chaos.test.ts'] },
  ],
};
