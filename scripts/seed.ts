/**
 * `npm run seed`: re-syncs `database/seed/*.json` into the configured database (SQLite by
 * default, PostgreSQL with DATABASE_CLIENT=postgres). Idempotent: a second run changes nothing.
 */
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { compileApp } from './lib/compile-app';
import { runSeed } from '../src/seed';

async function main(): Promise<void> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const appDir = path.resolve(__dirname, '..');
  const strapi = await createStrapi(await compileApp({ appDir })).load();
  const report = await runSeed(strapi);
  console.log(
    `Seed: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ` +
      `${report.kept} with an editor's change kept`
  );
  // No strapi.destroy(): on PostgreSQL it aborts queries that Strapi's own background jobs
  // still have queued and crashes with "aborted". The seed ran in one committed transaction,
  // so exiting here loses nothing.
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
