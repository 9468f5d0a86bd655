/**
 * `npm run api:generate`: writes the API artifacts websites build on, exactly as the app serves
 * them, into the repository (tests/api/contract-artifacts.test.ts and
 * tests/integration/openapi-artifacts.test.ts fail when they drift). Boots
 * the app in-process on a throw-away SQLite database (the artifacts depend on the schemas, the
 * configuration and the locales, not on the content). Add an artifact to ARTIFACTS.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { APP_DIR, compileApp } from './lib/compile-app';
import { renderOpenApiTypes } from './lib/openapi-types';
import { servedOpenApi } from '../src/website-api/openapi';

interface Artifact {
  /** Path inside the repository. */
  file: string;
  /** The artifact's text, as the app serves it. */
  render(strapi: Core.Strapi): Promise<string>;
}

export const ARTIFACTS: Artifact[] = [
  {
    file: 'openapi/openapi.json',
    render: async (strapi) => `${JSON.stringify(await servedOpenApi(strapi), null, 2)}\n`,
  },
  {
    // The types of the openapi-fetch example client (examples/openapi-fetch).
    file: 'examples/openapi-fetch/api.d.ts',
    render: async (strapi) => renderOpenApiTypes(await servedOpenApi(strapi)),
  },
];

async function main(): Promise<void> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.STRAPI_LOG_LEVEL ??= 'warn';
  process.env.SEED_ON_BOOTSTRAP = 'false';
  for (const name of [
    'API_TOKEN_SALT',
    'ADMIN_JWT_SECRET',
    'TRANSFER_TOKEN_SALT',
    'JWT_SECRET',
    'ENCRYPTION_KEY',
  ]) {
    process.env[name] ??= randomBytes(16).toString('base64');
  }
  process.env.APP_KEYS ??= `${randomBytes(16).toString('base64')},${randomBytes(16).toString('base64')}`;
  process.env.DATABASE_CLIENT = 'sqlite';
  mkdirSync(path.join(APP_DIR, '.tmp'), { recursive: true });
  const databaseFile = path.join('.tmp', `api-generate-${process.pid}.db`);
  process.env.DATABASE_FILENAME = databaseFile;

  try {
    const strapi = await createStrapi(await compileApp({ appDir: APP_DIR })).load();
    for (const artifact of ARTIFACTS) {
      const target = path.join(APP_DIR, artifact.file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, await artifact.render(strapi));
      console.log(`wrote ${artifact.file}`);
    }
  } finally {
    rmSync(path.join(APP_DIR, databaseFile), { force: true });
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    }
  );
}
