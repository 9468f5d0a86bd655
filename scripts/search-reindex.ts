/**
 * `npm run search:reindex`: rebuilds the search index (src/plugins/search) of the configured
 * database from the published content. Writes keep it in step anyway; this is for an index that
 * lost entries (a restore of the content tables alone, writes made with raw SQL) or a check.
 * Answers a running instance has already cached stay until its next content write.
 */
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';

async function main(): Promise<void> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.STRAPI_DISABLE_UPDATE_NOTIFICATION = 'true';
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  const appDir = path.resolve(__dirname, '..');
  const strapi = await createStrapi(await compileStrapi({ appDir })).load();
  strapi.log.level = process.env.STRAPI_LOG_LEVEL;
  const entries: number = await strapi.plugin('search').service('indexer').rebuild();
  console.log(`Search index rebuilt: ${entries} entries`);
  // No strapi.destroy(), as in scripts/seed.ts: on PostgreSQL it aborts Strapi's own queued
  // background queries. The rebuild ran in one committed transaction.
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
