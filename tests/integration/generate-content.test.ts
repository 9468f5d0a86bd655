/**
 * The scale bench's generator (bench/generate-content.ts) on a throw-away PostgreSQL database:
 * seeded, grown to 2× by bulk SQL copies, the copies are what the app serves like authored
 * content (REST in both locales with their relations, search); and it refuses a database with
 * content that is neither the seed nor generated, writing nothing.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import seedCities from '../../database/seed/cities.json';
import { databaseEnv, postgresServer, runOnPostgresServer } from '../../scripts/lib/database-env';
import { startInstance, stop, type Instance } from '../helpers/app-instances';

const APP_DIR = path.resolve(__dirname, '..', '..');
const DATABASE = `test_generate_${process.pid}`;

jest.setTimeout(900_000);

function generate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(APP_DIR, 'bench', 'generate-content.ts'), ...args],
    {
      cwd: APP_DIR,
      env: { ...process.env, ...databaseEnv(`postgres:${DATABASE}`), NODE_ENV: 'production' },
      encoding: 'utf8',
    }
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function sql<T>(text: string): Promise<T[]> {
  const client = new Client({ ...postgresServer, database: DATABASE });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

interface City {
  name: string;
  slug: string;
  key: string;
  country: { isoCode: string } | null;
  creativeField: { key: string } | null;
}

async function cityByKey(app: Instance, key: string, locale: string): Promise<City | undefined> {
  const response = await fetch(
    `${app.url}/api/cities?locale=${locale}&filters[key][$eq]=${key}&populate[0]=country&populate[1]=creativeField`
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: City[] }).data[0];
}

describe('bench/generate-content.ts', () => {
  let app: Instance | undefined;

  beforeAll(async () => {
    await runOnPostgresServer(`CREATE DATABASE ${DATABASE}`);
    // The first boot seeds the database.
    app = await startInstance(DATABASE, { SEED_ON_BOOTSTRAP: 'true' });
    await stop(app.child);
    app = undefined;
  });

  afterAll(async () => {
    await stop(app?.child);
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  });

  it('grows the seed to 2× cities per locale, served like authored ones', async () => {
    const result = generate('2');
    expect(result.status).toBe(0);
    // Its report is the last line (Strapi may log before it).
    expect(JSON.parse(result.stdout.trim().split('\n').pop() ?? '')).toMatchObject({
      factor: 2,
      before: seedCities.length,
      after: 2 * seedCities.length,
    });
    // Draft and published rows in both locales, each with its two links.
    const [rows] = await sql<{ cities: string; countries: string; fields: string }>(
      `SELECT (SELECT count(*) FROM cities) AS cities,
              (SELECT count(*) FROM cities_country_lnk) AS countries,
              (SELECT count(*) FROM cities_creative_field_lnk) AS fields`
    );
    expect(Number(rows.cities)).toBe(2 * seedCities.length * 4);
    expect(Number(rows.countries)).toBe(Number(rows.cities));
    expect(Number(rows.fields)).toBe(Number(rows.cities));

    app = await startInstance(DATABASE);
    const list = await fetch(`${app.url}/api/cities?locale=en&pagination[pageSize]=1`);
    expect(
      ((await list.json()) as { meta: { pagination: { total: number } } }).meta.pagination.total
    ).toBe(2 * seedCities.length);

    const original = await cityByKey(app, 'krakow', 'de');
    const german = await cityByKey(app, 'krakow-g1', 'de');
    const english = await cityByKey(app, 'krakow-g1', 'en');
    expect(german).toMatchObject({ name: 'Neu Krakau', slug: 'neu-krakau' });
    expect(english).toMatchObject({ name: 'New Kraków', slug: 'new-krakow' });
    expect(german?.country?.isoCode).toBe(original?.country?.isoCode);
    expect(german?.creativeField?.key).toBe(original?.creativeField?.key);
    expect(english?.country).not.toBeNull();

    const search = await fetch(`${app.url}/api/search?q=Neu%20Krakau&locale=de&types=cities`);
    expect(search.status).toBe(200);
    expect(JSON.stringify(await search.json())).toContain('Neu Krakau');
    await stop(app.child);
    app = undefined;
  });

  it('refuses a database with real content and writes nothing', async () => {
    await sql(
      `INSERT INTO cities (document_id, key, name, slug, locale) VALUES ('realcity0000000000000000', 'my-own-city', 'Meine Stadt', 'meine-stadt', 'de')`
    );
    const [before] = await sql<{ count: string }>('SELECT count(*) FROM cities');
    const result = generate('3');
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('Refusing to generate content');
    expect(result.stderr).toContain('--into-existing');
    const [after] = await sql<{ count: string }>('SELECT count(*) FROM cities');
    expect(after.count).toBe(before.count);
  });
});
