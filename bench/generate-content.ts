/**
 * `tsx bench/generate-content.ts <factor> [--into-existing]`: grows the configured database (the
 * DATABASE_* variables, SQLite or PostgreSQL) to `factor` times the seed's cities per locale by
 * copying rows in bulk, inside one transaction, through Strapi's knex connection: every draft and
 * published row of every locale of every seeded city, with its country and creative-field link
 * rows, is copied `factor - 1` times (deterministic names, slugs, keys, document ids and
 * coordinates; the description as the source's). Then the search index is rebuilt (the
 * `search:reindex` path), since raw SQL bypasses the writes that keep it in step. Copies already
 * there (a run at a lower factor) are kept, so 10 then 100 adds only the difference.
 *
 * Refuses (exit code 3, nothing written) when the database holds content that is neither the seed
 * nor generated, unless `--into-existing`: a bench never multiplies someone's real content.
 *
 * Prints one JSON line: `{ factor, before, after, seconds, indexSeconds }` (cities per locale).
 */
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import seedCities from '../database/seed/cities.json';
import { ensureThrowAwaySecrets } from '../scripts/lib/database-env';
import { copyName, generatedDocumentId, GENERATED_PREFIX, shifted, slugOf } from './scale';

const CITIES = 'cities';
const LINKS = [
  { table: 'cities_country_lnk', target: 'country_id' },
  { table: 'cities_creative_field_lnk', target: 'creative_field_id' },
] as const;
/** Rows per INSERT: below SQLite's 32,766 bound variables with 18 columns. */
const BATCH = 500;

interface CityRow {
  id: number;
  document_id: string;
  key: string | null;
  name: string | null;
  slug: string | null;
  latitude: number | null;
  longitude: number | null;
  locale: string | null;
  [column: string]: unknown;
}

type Knex = Core.Strapi['db']['connection'];

/** Exit code of a refusal (real content without `--into-existing`). */
export const REFUSED = 3;

/** Cities that are neither seeded (by key) nor generated (by document id): real content. */
async function realCities(knex: Knex): Promise<number> {
  const seedKeys = new Set(seedCities.map((city) => city.key));
  const rows = (await knex(CITIES)
    .select('key')
    .whereNot('document_id', 'like', `${GENERATED_PREFIX}%`)) as Array<{ key: string | null }>;
  return rows.filter((row) => row.key === null || !seedKeys.has(row.key)).length;
}

/** The highest copy number already generated (0: none). */
async function copiesThere(knex: Knex): Promise<number> {
  const rows = (await knex(CITIES)
    .distinct('key')
    .where('document_id', 'like', `${GENERATED_PREFIX}%`)) as Array<{ key: string | null }>;
  let highest = 0;
  for (const { key } of rows) {
    const match = /-g(\d+)$/.exec(key ?? '');
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

async function citiesPerLocale(knex: Knex): Promise<number> {
  const [{ count }] = (await knex(CITIES)
    .where({ locale: 'de' })
    .whereNotNull('published_at')
    .count({ count: '*' })) as Array<{ count: number | string }>;
  return Number(count);
}

async function insertInBatches(
  trx: Knex,
  table: string,
  rows: Array<Record<string, unknown>>
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH)
    await trx(table).insert(rows.slice(start, start + BATCH));
}

/** Copies `from + 1` to `factor - 1` of every source city row with its link rows, in `trx`. */
async function copyCities(trx: Knex, from: number, factor: number): Promise<void> {
  const sources = (await trx(CITIES)
    .select('*')
    .whereNot('document_id', 'like', `${GENERATED_PREFIX}%`)
    .orderBy('id')) as CityRow[];
  const links = new Map<string, Array<{ city_id: number; target: number }>>();
  for (const { table, target } of LINKS) {
    const rows = (await trx(table)
      .select('city_id', `${target} as target`)
      .whereIn(
        'city_id',
        sources.map((row) => row.id)
      )) as Array<{ city_id: number; target: number }>;
    links.set(table, rows);
  }
  const [{ maxId }] = (await trx(CITIES).max({ maxId: 'id' })) as Array<{ maxId: number | null }>;
  let nextId = Number(maxId ?? 0);
  for (let v = from + 1; v < factor; v++) {
    const idOf = new Map<number, number>();
    const copies = sources.map((row) => {
      nextId += 1;
      idOf.set(row.id, nextId);
      const name = copyName(row.name ?? '', v, row.locale ?? 'de');
      return {
        ...row,
        id: nextId,
        document_id: generatedDocumentId(row.document_id, v),
        key: row.key === null ? null : `${row.key}-g${v}`,
        name,
        slug: row.slug === null ? null : slugOf(name),
        // pg reads a json column as a value and would write a JavaScript array as a SQL array.
        description:
          typeof row.description === 'object' && row.description !== null
            ? JSON.stringify(row.description)
            : row.description,
        latitude: shifted(row.latitude, v),
        longitude: shifted(row.longitude, v),
      };
    });
    await insertInBatches(trx, CITIES, copies);
    for (const { table, target } of LINKS) {
      const rows = (links.get(table) ?? []).map((link) => ({
        city_id: idOf.get(link.city_id),
        [target]: link.target,
        city_ord: v + 1,
      }));
      await insertInBatches(trx, table, rows);
    }
  }
  // PostgreSQL's serial sequence does not see explicit ids: the next authored city must not collide.
  if (trx.client.config.client === 'postgres' || trx.client.config.client === 'pg')
    await trx.raw(`SELECT setval(pg_get_serial_sequence('${CITIES}', 'id'), ?)`, [nextId]);
}

async function main(): Promise<void> {
  const factor = Number(process.argv[2]);
  const intoExisting = process.argv.includes('--into-existing');
  if (!Number.isInteger(factor) || factor < 1 || factor > 1000) {
    console.error('generate-content takes a whole factor from 1 to 1000');
    process.exit(2);
  }
  ensureThrowAwaySecrets();
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.STRAPI_DISABLE_UPDATE_NOTIFICATION = 'true';
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  const appDir = path.resolve(__dirname, '..');
  // The compiled app (dist/), as the bench compiles it before it starts anything: compiling here
  // again would rewrite the files of instances that are running.
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.log.level = process.env.STRAPI_LOG_LEVEL;
  const knex = strapi.db.connection;

  const real = await realCities(knex);
  if (real > 0 && !intoExisting) {
    console.error(
      `Refusing to generate content: the database holds ${real} city rows that are neither the seed nor generated (real content?). Run against a throw-away database, or pass --into-existing to add copies anyway.`
    );
    process.exit(REFUSED);
  }
  const started = Date.now();
  const before = await citiesPerLocale(knex);
  const from = await copiesThere(knex);
  if (factor - 1 > from) await knex.transaction((trx) => copyCities(trx, from, factor));
  const seconds = (Date.now() - started) / 1000;
  const indexStarted = Date.now();
  if (factor - 1 > from) await strapi.plugin('search').service('indexer').rebuild();
  const indexSeconds = (Date.now() - indexStarted) / 1000;
  const after = await citiesPerLocale(knex);
  console.log(JSON.stringify({ factor, before, after, seconds, indexSeconds }));
  // No strapi.destroy(), as in scripts/search-reindex.ts: the work is committed.
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  }
);
