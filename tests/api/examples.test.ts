/**
 * The typed client examples (examples/) run against the app, as a website would use them:
 * openapi-fetch with the types openapi-typescript generates from the public spec, and
 * @strapi/client. Type-checked by examples/tsconfig.json (`npm run typecheck`).
 */
import { createWebsiteClient as openapiFetchClient } from '../../examples/openapi-fetch/client';
import {
  ContentApiError,
  createWebsiteClient as strapiClient,
} from '../../examples/strapi-client/client';
import { baseUrl } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';

const KEY = 'test-examples-de-only';
const DE_ONLY = 'Nur-Deutsch-Literaturstadt';
const UNKNOWN_LOCALE = 'Unknown locale "fr". Available locales: de, en.';

let deOnly: string | undefined;

beforeAll(async () => {
  const literature = (await getStrapi()
    .documents('api::creative-field.creative-field')
    .findFirst({ locale: 'de', status: 'published', filters: { key: 'literature' } })) as {
    documentId: string;
  } | null;
  if (!literature) throw new Error('the seed has no literature field');
  deOnly = await createDocument(CITY, {
    de: {
      key: KEY,
      name: DE_ONLY,
      slug: 'nur-deutsch-literaturstadt',
      creativeField: { connect: [{ documentId: literature.documentId, locale: 'de' }] },
    },
  });
});

afterAll(async () => {
  if (deOnly) await deleteDocument(CITY, deOnly);
});

describe('openapi-fetch client (examples/openapi-fetch)', () => {
  const client = () => openapiFetchClient(baseUrl());

  it('lists the literature cities in de and en with their country, only the asked fields', async () => {
    const de = await client().listCities({ locale: 'de', creativeField: 'literature' });
    const en = await client().listCities({ locale: 'en', creativeField: 'literature' });
    const krakau = de.cities.find((city) => city.slug === 'krakau');
    expect(krakau).toMatchObject({ name: 'Krakau', memberSince: 2013 });
    expect(krakau?.country).toMatchObject({ name: 'Polen', isoCode: 'PL' });
    expect(krakau).not.toHaveProperty('unescoUrl');
    expect(de.cities.map((city) => city.name)).toEqual(
      expect.arrayContaining(['Heidelberg', 'Krakau', DE_ONLY])
    );
    expect(en.cities.find((city) => city.slug === 'krakow')).toMatchObject({
      name: 'Kraków',
      country: { name: 'Poland', isoCode: 'PL' },
    });
    expect(en.cities.map((city) => city.name)).not.toContain(DE_ONLY);
    expect(de.total).toBe(Number(en.total) + 1);
  });

  it('serves the German-only city in en with fallbackLocale, flagged', async () => {
    const { cities, total } = await client().listCities({
      locale: 'en',
      fallbackLocale: 'de',
      creativeField: 'literature',
    });
    expect(cities.find((city) => city.name === DE_ONLY)).toMatchObject({ fallback: true });
    expect(cities.find((city) => city.name === 'Kraków')).toMatchObject({ fallback: false });
    expect(cities.find((city) => city.name === 'Heidelberg')).toMatchObject({ fallback: false });
    expect(total).toBe(cities.length);
  });

  it('fetches one city with its country, by slug and by documentId', async () => {
    const krakow = await client().cityBySlug('krakow', 'en');
    expect(krakow).toMatchObject({ name: 'Kraków', locale: 'en', country: { name: 'Poland' } });
    const krakau = await client().city(krakow?.documentId ?? '', 'de');
    expect(krakau).toMatchObject({ name: 'Krakau', locale: 'de', country: { name: 'Polen' } });
  });

  it('reads the locales', async () => {
    const locales = await client().locales();
    expect(
      locales
        .map(({ code, isDefault }) => ({ code, isDefault }))
        .sort((a, b) => a.code.localeCompare(b.code))
    ).toEqual([
      { code: 'de', isDefault: true },
      { code: 'en', isDefault: false },
    ]);
  });

  it("throws Strapi's message for an unknown locale", async () => {
    await expect(client().listCities({ locale: 'fr' })).rejects.toThrow(UNKNOWN_LOCALE);
  });
});

describe('@strapi/client client (examples/strapi-client)', () => {
  const client = () => strapiClient(baseUrl());

  it('lists cities in de and en with their country', async () => {
    const filters = { key: { $in: ['heidelberg', 'krakow'] } };
    const de = await client().listCities({ locale: 'de', filters });
    const en = await client().listCities({ locale: 'en', filters });
    expect(de.cities.map(({ name, country }) => ({ name, country: country?.name }))).toEqual([
      { name: 'Heidelberg', country: 'Deutschland' },
      { name: 'Krakau', country: 'Polen' },
    ]);
    expect(en.cities.map(({ name, country }) => ({ name, country: country?.name }))).toEqual([
      { name: 'Heidelberg', country: 'Germany' },
      { name: 'Kraków', country: 'Poland' },
    ]);
    expect(de.total).toBe(2);
  });

  it('passes the typed fallbackLocale: the German-only city comes flagged', async () => {
    const { cities } = await client().listCities({
      locale: 'en',
      fallbackLocale: 'de',
      filters: { key: { $in: ['krakow', KEY] } },
    });
    expect(cities.map(({ name, locale, fallback }) => ({ name, locale, fallback }))).toEqual([
      { name: 'Kraków', locale: 'en', fallback: false },
      { name: DE_ONLY, locale: 'de', fallback: true },
    ]);
  });

  it('fetches one city by documentId with its country', async () => {
    const { cities } = await client().listCities({
      locale: 'de',
      filters: { key: { $eq: 'krakow' } },
    });
    const city = await client().city(cities[0].documentId, 'en');
    expect(city).toMatchObject({ name: 'Kraków', country: { name: 'Poland', isoCode: 'PL' } });
  });

  it("rethrows errors with Strapi's message instead of the status line", async () => {
    const failure = client().listCities({ locale: 'fr' });
    await expect(failure).rejects.toBeInstanceOf(ContentApiError);
    await expect(failure).rejects.toMatchObject({
      message: UNKNOWN_LOCALE,
      status: 400,
      errorName: 'ValidationError',
    });
  });
});
