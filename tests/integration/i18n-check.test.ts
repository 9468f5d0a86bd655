/**
 * `npm run i18n:check` reads the database without booting Strapi (the schema files, the app's
 * database config): it must list exactly what the booted shared-relations service lists.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { UID } from '@strapi/strapi';
import { CITY, COUNTRY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';

const APP_DIR = path.resolve(__dirname, '..', '..');
const CLI = path.join(APP_DIR, 'src', 'plugins', 'translations', 'bin', 'strapi-translations.js');

const check = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, 'check', ...args], {
    cwd: APP_DIR,
    env: process.env,
    encoding: 'utf8',
  });

const created: Array<[string, string]> = [];

afterAll(async () => {
  for (const [uid, documentId] of created.reverse()) await deleteDocument(uid, documentId);
});

describe('npm run i18n:check (no boot)', () => {
  it('lists what the booted service lists, in text and in JSON, with exit code 1', async () => {
    const strapi = getStrapi();
    const country = (isoCode: string, de: string, en: string) =>
      createDocument(COUNTRY, { de: { name: de, isoCode }, en: { name: en, isoCode } });
    const north = await country('XN', 'Nordland (Test)', 'Northland (test)');
    const south = await country('XS', 'Südland (Test)', 'Southland (test)');
    created.push([COUNTRY, north], [COUNTRY, south]);
    const city = await createDocument(CITY, {
      de: { name: 'Prüfstadt', key: 'check-cli', memberSince: 2020, country: north },
      en: { name: 'Checktown', key: 'check-cli', memberSince: 2020 },
    });
    created.push([CITY, city]);
    // As data from before the declaration: the English versions alone link another country.
    const english = (await strapi.db.query(CITY as UID.ContentType).findMany({
      where: { documentId: city, locale: 'en' },
      select: ['id', 'publishedAt'],
    })) as Array<{ id: number; publishedAt: unknown }>;
    const southEnglish = (await strapi.db.query(COUNTRY as UID.ContentType).findMany({
      where: { documentId: south, locale: 'en' },
      select: ['id', 'publishedAt'],
    })) as Array<{ id: number; publishedAt: unknown }>;
    for (const row of english)
      await strapi.db
        .connection('cities_country_lnk')
        .where({ city_id: row.id })
        .update({
          country_id: southEnglish.find(
            (target) => (target.publishedAt === null) === (row.publishedAt === null)
          )?.id,
        });

    const expected = await strapi.plugin('translations').service('shared-relations').differences();
    expect(expected).toContainEqual(expect.objectContaining({ documentId: city }));

    const json = check('--json');
    expect(json.stderr).toBe('');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).differing).toEqual(expected);

    const text = check();
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(
      `api::city.city "Prüfstadt" (${city}) country: de → Nordland (Test); en → Südland (Test)`
    );
    expect(text.stdout).toContain(`${expected.length} shared relation(s) differ between locales`);
  }, 120_000);
});
