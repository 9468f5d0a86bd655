/**
 * Test tiers:
 * - `npm test` runs `unit` (pure modules, no Strapi) and `api` (the real app booted once per run by
 *   tests/helpers/global-setup.ts, talked to over HTTP). It needs nothing but Node.
 * - `npm run test:integration` runs `integration`: what needs PostgreSQL, Redis, xmllint, Translate
 *   Toolkit or child processes (see scripts/test-integration.ts).
 * Each plugin keeps its own tests beside its code: src/plugins/<name>/tests/{unit,api,integration}.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }];
const bootedApp = {
  testEnvironment: '<rootDir>/tests/helpers/strapi-environment.js',
  transform: { '^.+\\.ts$': tsJest },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: [
        '<rootDir>/tests/unit/**/*.test.ts',
        '<rootDir>/src/plugins/*/tests/unit/**/*.test.ts',
      ],
    },
    {
      displayName: 'api',
      ...bootedApp,
      testMatch: [
        '<rootDir>/tests/api/**/*.test.ts',
        '<rootDir>/src/plugins/*/tests/api/**/*.test.ts',
      ],
    },
    {
      displayName: 'integration',
      ...bootedApp,
      testMatch: [
        '<rootDir>/tests/integration/**/*.test.ts',
        '<rootDir>/src/plugins/*/tests/integration/**/*.test.ts',
      ],
    },
  ],
};
