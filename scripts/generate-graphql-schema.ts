/**
 * `npm run api:generate:graphql`: boots the app on a throw-away SQLite database and a free
 * loopback port, and writes the GraphQL schema it serves to graphql/schema.graphql.
 * `-- --check` writes nothing and exits 1 when the committed file differs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { compileApp } from './lib/compile-app';
import { GRAPHQL_SCHEMA_FILE, servedGraphqlSchema } from './lib/graphql-schema';

const secret = () => randomBytes(24).toString('base64');

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const dir = mkdtempSync(path.join(tmpdir(), 'graphql-schema-'));
  // What the schema depends on is the code, not the data or the secrets: a fresh database and
  // throw-away secrets keep the developer's .env and database out of it.
  Object.assign(process.env, {
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    // One request per type: the API's rate limit is not what this measures.
    API_RATELIMIT_ENABLED: 'false',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'schema.db'),
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  });
  try {
    const strapi = await createStrapi(await compileApp()).start();
    const { port } = strapi.server.httpServer.address() as AddressInfo;
    const schema = await servedGraphqlSchema(`http://127.0.0.1:${port}`);
    const relative = path.relative(process.cwd(), GRAPHQL_SCHEMA_FILE);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(GRAPHQL_SCHEMA_FILE, 'utf8');
      } catch {
        // missing: a drift like any other
      }
      if (committed !== schema) {
        console.error(
          `${relative} differs from the served schema: run npm run api:generate:graphql`
        );
        return 1;
      }
      console.log(`${relative} matches the served schema`);
      return 0;
    }
    writeFileSync(GRAPHQL_SCHEMA_FILE, schema);
    console.log(`Wrote ${relative} (${schema.split('\n').length} lines)`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// No strapi.destroy(): its background jobs can outlive it (see scripts/seed.ts); nothing is kept.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
