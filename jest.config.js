/**
 * Test tiers:
 * - `npm test` runs `unit` (pure modules, no Strapi, including the tests of the packages the
 *   plugins share, packages/<name>/tests) and `api` (the real app booted once per run by
 *   tests/helpers/global-setup.ts, talked to over HTTP). It needs nothing but Node.
 * - `npm run test:integration` runs `integration`: what needs PostgreSQL, Redis, xmllint, Translate
 *   Toolkit or child processes (see scripts/test-integration.ts).
 * - `host` (in `npm run test:packages`, or alone with `npx jest --selectProjects host`) runs each
 *   plugin's own API tests against the plugin host (tests/plugin-host, started once per run by
 *   tests/helpers/host-setup.ts), a second app with none of this app's content.
 * - `host-internals` (also in `npm run test:packages`) runs each plugin's contract tests of the
 *   Strapi internals it uses (src/plugins/<name>/tests/host/*.contract.test.ts) against the plugin
 *   host booted inside the jest process (tests/helpers/host-internals-setup.ts): they call
 *   Strapi's services directly.
 * Each plugin keeps its own tests beside its code: src/plugins/<name>/tests/{unit,host}, which need
 * nothing but the plugin and the plugin host. Its tests that need this app (its cities, roles and
 * seed, or app instances in child processes) live in tests/api/plugins/<name>/, and those that also
 * need a tool or service of the integration tier in tests/integration/plugins/<name>/.
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
  testSequencer: '<rootDir>/tests/helpers/test-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: [
        '<rootDir>/tests/unit/**/*.test.ts',
        '<rootDir>/src/plugins/*/tests/unit/**/*.test.ts',
        '<rootDir>/packages/*/tests/**/*.test.ts',
      ],
    },
    {
      displayName: 'api',
      ...bootedApp,
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      ...bootedApp,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
    {
      displayName: 'host',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/tests/helpers/host-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/host-teardown.ts',
      testMatch: ['<rootDir>/src/plugins/*/tests/host/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.contract\\.test\\.ts$'],
    },
    {
      displayName: 'host-internals',
      testEnvironment: '<rootDir>/tests/helpers/host-internals-environment.js',
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/tests/helpers/host-internals-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/host-internals-teardown.ts',
      testMatch: ['<rootDir>/src/plugins/*/tests/host/**/*.contract.test.ts'],
    },
  ],
};
