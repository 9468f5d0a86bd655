/**
 * `npm run seed`: re-syncs `database/seed/*.json` into the configured database (SQLite by
 * default, PostgreSQL with DATABASE_CLIENT=postgres). Idempotent: a second run changes nothing.
 */
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { runSeed } from '../src/seed';

async function main(): Promise<void> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const appDir = path.resolve(__dirname, '..');
  const strapi = await createStrapi(await compileStrapi({ appDir })).load();
  try {
    const report = await runSeed(strapi);
    console.log(
      `Seed: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`
    );
  } finally {
    await strapi.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
