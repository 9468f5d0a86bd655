/**
 * Two projects: `unit` tests pure modules without Strapi; `api` boots the real app once per run
 * (tests/helpers/global-setup.ts) and talks to it over HTTP.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      displayName: 'api',
      testEnvironment: '<rootDir>/tests/helpers/strapi-environment.js',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
    },
  ],
};
