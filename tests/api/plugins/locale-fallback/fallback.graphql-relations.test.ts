import { graphql, queriesOf } from '../../../helpers/api';
import { CITY, COUNTRY, createDocument, deleteDocument } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';
import { seedData } from '../../../helpers/seed-data';

const CREATIVE_FIELD = 'api::creative-field.creative-field';
const PREFIX = 'test-gqlrel-';

interface Version {
  documentId: string;
  key?: string;
  name?: string;
  locale: string;
}

/**
 * Test documents (deleted in afterAll), next to the seed:
 * - country: published in de only
 * - alpha: city published in de and en; de links `country` (which has no en version, so the en
 *   version has no country) and the seed creative field music; en links music (en)
 * - beta: city published in de only; links the seed country Germany (de) and music (de)
 */
const ids = { country: '', alpha: '', beta: '' };
let germany: { de: Version; en: Version };
let music: { de: Version; en: Version };

async function seedVersions(uid: string, filters: Record<string, unknown>) {
  const find = (locale: string) =>
    getStrapi()
      .documents(uid as never)
      .findFirst({ locale, status: 'published', filters } as never) as unknown as Promise<Version>;
  return { de: await find('de'), en: await find('en') };
}

beforeAll(async () => {
  germany = await seedVersions(COUNTRY, { isoCode: 'DE' });
  music = await seedVersions(CREATIVE_FIELD, { key: 'music' });
  ids.country = await createDocument(COUNTRY, {
    de: { isoCode: 'ZX', name: 'Testland Drei', slug: 'testland-drei' },
  });
  ids.alpha = await createDocument(CITY, {
    de: {
      key: `${PREFIX}alpha`,
      name: 'Aaga Alpha',
      slug: 'aaga-alpha',
      country: { connect: [{ documentId: ids.country, locale: 'de' }] },
      creativeField: { connect: [{ documentId: music.de.documentId, locale: 'de' }] },
    },
    en: {
      name: 'Aaga Alpha (en)',
      slug: 'aaga-alpha-en',
      creativeField: { connect: [{ documentId: music.en.documentId, locale: 'en' }] },
    },
  });
  ids.beta = await createDocument(CITY, {
    de: {
      key: `${PREFIX}beta`,
      name: 'Aagb Beta',
      slug: 'aagb-beta',
      country: { connect: [{ documentId: germany.de.documentId, locale: 'de' }] },
      creativeField: { connect: [{ documentId: music.de.documentId, locale: 'de' }] },
    },
  });
});

afterAll(async () => {
  for (const id of [ids.alpha, ids.beta]) if (id) await deleteDocument(CITY, id);
  if (ids.country) await deleteDocument(COUNTRY, ids.country);
});

const CITIES = `
  query ($prefix: String, $fallback: I18NLocaleCode) {
    cities(
      locale: "en"
      fallbackLocale: $fallback
      filters: { key: { startsWith: $prefix } }
      sort: "name:asc"
    ) {
      name
      locale
      fallback
      country {
        name
        locale
        fallback
      }
      creativeField {
        key
        locale
        fallback
        cities(filters: { key: { startsWith: $prefix } }, sort: "name:asc") {
          name
          locale
          fallback
        }
      }
    }
  }
`;

describe('locale fallback on GraphQL relations', () => {
  it('serves each related document in locale when published there, else in fallbackLocale', async () => {
    const res = await graphql(CITIES, { prefix: PREFIX, fallback: 'de' });
    expect(res.body.errors).toBeUndefined();
    const musicEn = {
      key: 'music',
      locale: 'en',
      fallback: false,
      // Music's en version links only alpha (en); beta has no en version, so the link on the
      // de version counts: beta comes in de.
      cities: [
        { name: 'Aaga Alpha (en)', locale: 'en', fallback: false },
        { name: 'Aagb Beta', locale: 'de', fallback: true },
      ],
    };
    expect(res.body.data.cities).toEqual([
      {
        name: 'Aaga Alpha (en)',
        locale: 'en',
        fallback: false,
        // Only the de version links the country, which has no en version.
        country: { name: 'Testland Drei', locale: 'de', fallback: true },
        creativeField: musicEn,
      },
      {
        name: 'Aagb Beta',
        locale: 'de',
        fallback: true,
        // Served in de, yet its country and creative field have en versions: those come.
        country: { name: germany.en.name, locale: 'en', fallback: false },
        creativeField: musicEn,
      },
    ]);
  });

  it('changes nothing without fallbackLocale', async () => {
    const res = await graphql(CITIES, { prefix: PREFIX });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cities).toEqual([
      {
        name: 'Aaga Alpha (en)',
        locale: 'en',
        fallback: false,
        country: null,
        creativeField: {
          key: 'music',
          locale: 'en',
          fallback: false,
          cities: [{ name: 'Aaga Alpha (en)', locale: 'en', fallback: false }],
        },
      },
    ]);
  });

  it('applies the rule on single-document queries and from the other locale', async () => {
    const one = await graphql(
      `
        query ($id: ID!) {
          city(documentId: $id, locale: "en", fallbackLocale: "de") {
            locale
            fallback
            country {
              name
              locale
              fallback
            }
          }
        }
      `,
      { id: ids.beta }
    );
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data.city).toEqual({
      locale: 'de',
      fallback: true,
      country: { name: germany.en.name, locale: 'en', fallback: false },
    });

    // de with fallback en: alpha is published in de, its de relations are served as they are.
    const de = await graphql(
      `
        query ($id: ID!) {
          city(documentId: $id, locale: "de", fallbackLocale: "en") {
            name
            locale
            fallback
            country {
              name
              locale
              fallback
            }
          }
        }
      `,
      { id: ids.alpha }
    );
    expect(de.body.errors).toBeUndefined();
    expect(de.body.data.city).toEqual({
      name: 'Aaga Alpha',
      locale: 'de',
      fallback: false,
      country: { name: 'Testland Drei', locale: 'de', fallback: false },
    });
  });

  it('keeps the locales of aliased root queries apart in one request', async () => {
    const res = await graphql(
      `
        query ($id: ID!) {
          en: city(documentId: $id, locale: "en", fallbackLocale: "de") {
            country {
              locale
              fallback
            }
          }
          de: city(documentId: $id, locale: "de", fallbackLocale: "en") {
            country {
              locale
              fallback
            }
          }
        }
      `,
      { id: ids.alpha }
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      en: { country: { locale: 'de', fallback: true } },
      de: { country: { locale: 'de', fallback: false } },
    });
  });

  it('applies the rule to …_connection relation fields', async () => {
    const query = `
      query ($prefix: String, $fallback: I18NLocaleCode) {
        countries(locale: "en", fallbackLocale: $fallback, filters: { isoCode: { eq: "ZX" } }) {
          locale
          cities_connection {
            nodes {
              name
              locale
              fallback
            }
          }
        }
        creativeFields(locale: "en", fallbackLocale: $fallback, filters: { key: { eq: "music" } }) {
          cities_connection(filters: { key: { startsWith: $prefix } }, sort: "name:asc") {
            nodes {
              name
              locale
              fallback
            }
          }
        }
      }
    `;
    const res = await graphql(query, { prefix: PREFIX, fallback: 'de' });
    expect(res.body.errors).toBeUndefined();
    // The country is served in de; its de version links alpha, which has an en version.
    expect(res.body.data.countries).toEqual([
      {
        locale: 'de',
        cities_connection: { nodes: [{ name: 'Aaga Alpha (en)', locale: 'en', fallback: false }] },
      },
    ]);
    expect(res.body.data.creativeFields[0].cities_connection.nodes).toEqual([
      { name: 'Aaga Alpha (en)', locale: 'en', fallback: false },
      { name: 'Aagb Beta', locale: 'de', fallback: true },
    ]);

    const stock = await graphql(query, { prefix: PREFIX });
    expect(stock.body.errors).toBeUndefined();
    expect(stock.body.data.countries).toEqual([]);
    expect(stock.body.data.creativeFields[0].cities_connection.nodes).toEqual([
      { name: 'Aaga Alpha (en)', locale: 'en', fallback: false },
    ]);
  });

  it('sorts and pages a to-many relation over the versions served', async () => {
    const page = async (number: number) => {
      const res = await graphql(
        `
          query ($prefix: String, $page: Int) {
            creativeFields(locale: "en", fallbackLocale: "de", filters: { key: { eq: "music" } }) {
              cities(
                filters: { key: { startsWith: $prefix } }
                sort: "name:desc"
                pagination: { page: $page, pageSize: 1 }
              ) {
                name
                locale
              }
              cities_connection(
                filters: { key: { startsWith: $prefix } }
                sort: "name:desc"
                pagination: { page: $page, pageSize: 1 }
              ) {
                nodes {
                  name
                }
              }
            }
          }
        `,
        { prefix: PREFIX, page: number }
      );
      expect(res.body.errors).toBeUndefined();
      const [field] = res.body.data.creativeFields;
      expect(field.cities_connection.nodes).toEqual(
        field.cities.map(({ name }: Version) => ({ name }))
      );
      return field.cities as Version[];
    };
    expect(await page(1)).toEqual([{ name: 'Aagb Beta', locale: 'de' }]);
    expect(await page(2)).toEqual([{ name: 'Aaga Alpha (en)', locale: 'en' }]);
    expect(await page(3)).toEqual([]);
  });

  it('follows the rule down to the depth limit', async () => {
    const res = await graphql(
      `
        query ($prefix: String) {
          countries(locale: "en", fallbackLocale: "de", filters: { isoCode: { eq: "ZX" } }) {
            cities {
              name
              country {
                name
                locale
                fallback
              }
              creativeField {
                locale
                cities_connection(filters: { key: { startsWith: $prefix } }, sort: "name:asc") {
                  nodes {
                    name
                    locale
                  }
                }
              }
            }
          }
        }
      `,
      { prefix: PREFIX }
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.countries).toEqual([
      {
        cities: [
          {
            name: 'Aaga Alpha (en)',
            // Alpha's en version has no country: the link of its de version is served.
            country: { name: 'Testland Drei', locale: 'de', fallback: true },
            creativeField: {
              locale: 'en',
              cities_connection: {
                nodes: [
                  { name: 'Aaga Alpha (en)', locale: 'en' },
                  { name: 'Aagb Beta', locale: 'de' },
                ],
              },
            },
          },
        ],
      },
    ]);
  });

  it('changes nothing in to-many relations where every document is translated', async () => {
    const query = `
      query ($fallback: I18NLocaleCode) {
        creativeFields(locale: "en", fallbackLocale: $fallback, sort: "key:asc") {
          key
          cities(pagination: { pageSize: 100 }) {
            key
            locale
          }
          sorted: cities(pagination: { pageSize: 100 }, sort: "name:desc") {
            key
          }
        }
      }
    `;
    const seedOnly = (fields: { key: string; cities: Version[]; sorted: Version[] }[]) =>
      fields.map(({ key, cities, sorted }) => ({
        key,
        cities: cities.filter((city) => !String(city.key).startsWith(PREFIX)),
        sorted: sorted.filter((city) => !String(city.key).startsWith(PREFIX)),
      }));
    const stock = await graphql(query, {});
    const withFallback = await graphql(query, { fallback: 'de' });
    expect(stock.body.errors).toBeUndefined();
    expect(withFallback.body.errors).toBeUndefined();
    const fields = seedOnly(withFallback.body.data.creativeFields);
    expect(fields).toEqual(seedOnly(stock.body.data.creativeFields));
    // The seed's cities, each under its field, all in English.
    expect(fields.flatMap((field) => field.cities)).toHaveLength(seedData().cities.length);
    expect(fields.every((field) => field.cities.every((city) => city.locale === 'en'))).toBe(true);
  });

  it.each(['sort: "nonexistent:asc"', 'sort: "name:sideways"'])(
    'answers a bad argument on a to-many relation (%s) as without fallbackLocale',
    async (argument) => {
      const query = (fallback: string) =>
        graphql(
          `{ creativeFields(locale: "en"${fallback}, filters: { key: { eq: "film" } }) { cities(${argument}) { name } cities_connection(${argument}) { nodes { name } } } }`
        );
      const stock = await query('');
      const withFallback = await query(', fallbackLocale: "de"');
      const errors = (res: { body: { errors?: { message: string; extensions: object }[] } }) =>
        (res.body.errors ?? []).map(({ message, extensions }) => ({
          message,
          code: (extensions as { code?: string }).code,
        }));
      expect(errors(stock)).toHaveLength(2);
      expect(errors(stock)[0].code).toBe('BAD_USER_INPUT');
      expect(errors(withFallback)).toEqual(errors(stock));
    }
  );

  it('does not grow the number of SQL queries with the page size', async () => {
    const count = async (pageSize: number) => {
      const res = await graphql(
        `
          query ($pageSize: Int) {
            cities(
              locale: "en"
              fallbackLocale: "de"
              sort: "name:asc"
              pagination: { pageSize: $pageSize }
            ) {
              name
              fallback
              country {
                name
                fallback
              }
              creativeField {
                name
                fallback
                cities(pagination: { pageSize: 5 }) {
                  name
                  fallback
                }
              }
              country {
                cities_connection(sort: "name:asc") {
                  nodes {
                    name
                    fallback
                  }
                }
              }
            }
          }
        `,
        { pageSize }
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.cities).toHaveLength(pageSize);
      return queriesOf(res);
    };
    // The first read after a write reloads the locale list: measure the steady state.
    await count(5);
    const small = await count(10);
    const large = await count(100);
    expect(large).toBe(small);
  });
});
