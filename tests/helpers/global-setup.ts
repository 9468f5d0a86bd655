/**
 * Boots the real app once per jest run: compiles the TypeScript project, starts Strapi on a
 * free loopback port against a throw-away database, and hands the URL and an API token to the
 * test files through the environment (jest runs in band, so they share this process).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStrapi, type Core } from '@strapi/strapi';
import { compileApp } from '../../scripts/lib/compile-app';
import { ensureThrowAwaySecrets } from '../../scripts/lib/database-env';
import { trackRequestsInFlight } from './requests-in-flight';

const APP_DIR = path.resolve(__dirname, '..', '..');

export interface TestGlobals {
  strapi?: Core.Strapi;
  databaseFile?: string;
  /** How many requests the app is still handling (see requests-in-flight.ts). */
  requestsInFlight?: () => number;
}

export const testGlobals = globalThis as typeof globalThis & { __CCN_TEST__?: TestGlobals };

export default async function globalSetup(): Promise<void> {
  ensureThrowAwaySecrets();
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.BROWSER = 'none';
  process.env.HOST = '127.0.0.1';
  process.env.PORT = '0';
  // Query-count tests read the per-request count (tests/helpers/api.ts `queriesOf`).
  process.env.QUERY_COUNT_HEADER = 'true';
  process.env.STRAPI_LOG_LEVEL ??= 'warn';
  // One instance: it hears of every locale change through its own writes (or, on PostgreSQL, its
  // bus). The timed re-read for instances without a bus (1 s by default, docs/operations.md)
  // would add the locale queries to a query-count test at random.
  process.env.LOCALE_SETTINGS_RECHECK_MS ??= '3600000';
  // The whole suite talks from one address: limits no test reaches by accident. The tests of the
  // limits themselves lower them at run time (tests/api/plugins/api-guards/miss-path.test.ts).
  process.env.API_RATELIMIT_RATE ??= '100000';
  process.env.API_RATELIMIT_BURST ??= '100000';
  process.env.API_MAX_IN_FLIGHT ??= '64';
  process.env.API_MAX_IN_FLIGHT_PER_CLIENT ??= '64';
  process.env.API_QUEUE_SIZE ??= '1000';
  process.env.API_QUEUE_TIMEOUT_MS ??= '30000';
  // Jest shares the server's event loop (saturated at times): no fair-share refusals by accident,
  // and no refusal held. tests/api/plugins/api-guards/miss-path.test.ts tests both.
  process.env.API_FAIR_SHARE_MIN ??= '1000000';
  process.env.API_TARPIT_MS ??= '0';

  const globals: TestGlobals = {};
  if ((process.env.DATABASE_CLIENT ?? 'sqlite') === 'sqlite') {
    mkdirSync(path.join(APP_DIR, '.tmp'), { recursive: true });
    globals.databaseFile = path.join(APP_DIR, '.tmp', `test-${process.pid}.db`);
    rmSync(globals.databaseFile, { force: true });
    process.env.DATABASE_FILENAME = globals.databaseFile;
  }

  const started = Date.now();
  const appContext = await compileApp({ appDir: APP_DIR });
  const app = createStrapi(appContext);
  // Keep the warnings of the boot, so a test can assert that configuration is complete
  // (e.g. no "GraphQL operation limits are unbounded").
  const bootWarnings: string[] = [];
  const warn = app.log.warn.bind(app.log);
  app.log.warn = ((message: unknown, ...rest: unknown[]) => {
    bootWarnings.push(String(message));
    return warn(message as string, ...(rest as []));
  }) as typeof app.log.warn;
  const strapi = await app.start();
  process.env.TEST_BOOT_WARNINGS = JSON.stringify(bootWarnings);
  globals.strapi = strapi;
  globals.requestsInFlight = trackRequestsInFlight(strapi.server.httpServer);
  testGlobals.__CCN_TEST__ = globals;

  const { port } = strapi.server.httpServer.address() as AddressInfo;
  process.env.TEST_BASE_URL = `http://127.0.0.1:${port}`;

  const token = await strapi.service('admin::api-token').create({
    name: 'jest full access',
    type: 'full-access',
    lifespan: null,
  });
  process.env.TEST_API_TOKEN = token.accessKey;

  // The boot seeded the empty database; a second run must find nothing to do.
  const { runSeed } = await import('../../src/seed');
  process.env.TEST_RESEED_REPORT = JSON.stringify(await runSeed(strapi));

  console.log(`\nStrapi up at ${process.env.TEST_BASE_URL} in ${Date.now() - started} ms`);
}
