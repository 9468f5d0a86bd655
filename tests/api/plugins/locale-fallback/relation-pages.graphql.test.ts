/**
 * `pageInfo` on the `…_connection` fields of to-many relations: the relation's own totals, with
 * and without `fallbackLocale`, counted in a fixed number of queries whatever the number of
 * parents.
 */
import { graphql, queriesOf } from '../../../helpers/api';
import { CITY, createDocument, deleteDocument } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';
import { seedData } from '../../../helpers/seed-data';

const CREATIVE_FIELD = 'api::creative-field.creative-field';
const FIELD = 'film';

/** How many cities of the seed belong to a creative field (the seed files, not the API). */
const seedCitiesOf = (field: string) =>
  seedData().cities.filter((city) => city.field === field).length;

/** A city published in de only, linked to FIELD (deleted in afterAll). */
let deOnly = '';

beforeAll(async () => {
  const film = (await getStrapi()
    .documents(CREATIVE_FIELD)
    .findFirst({
      locale: 'de',
      status: 'published',
      filters: { key: FIELD },
    } as never)) as unknown as {
    documentId: string;
  };
  deOnly = await createDocument(CITY, {
    de: {
      key: 'test-relpages-only-de',
      name: 'Aaaa Nur Deutsch',
      slug: 'aaaa-nur-deutsch',
      creativeField: { connect: [{ documentId: film.documentId, locale: 'de' }] },
    },
  });
});

afterAll(async () => {
  if (deOnly) await deleteDocument(CITY, deOnly);
});

const FIELD_CITIES = `
  query ($locale: I18NLocaleCode, $fallback: I18NLocaleCode, $key: String, $page: Int, $pageSize: Int) {
    creativeFields(locale: $locale, fallbackLocale: $fallback, filters: { key: { eq: $key } }) {
      cities_connection(sort: "name:asc", pagination: { page: $page, pageSize: $pageSize }) {
        nodes {
          name
          locale
        }
        pageInfo {
          total
          page
          pageSize
          pageCount
        }
      }
    }
  }
`;

async function fieldCities(variables: Record<string, unknown>) {
  const res = await graphql(FIELD_CITIES, { key: FIELD, ...variables });
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.creativeFields).toHaveLength(1);
  return res.body.data.creativeFields[0].cities_connection as {
    nodes: Array<{ name: string; locale: string }>;
    pageInfo: { total: number; page: number; pageSize: number; pageCount: number };
  };
}

describe('pageInfo of to-many relation connections', () => {
  it("counts the relation's own entries, in the locale asked for", async () => {
    const total = seedCitiesOf(FIELD);
    expect(total).toBeGreaterThan(25);

    const en = await fieldCities({ locale: 'en', page: 2, pageSize: 10 });
    expect(en.pageInfo).toEqual({
      total,
      page: 2,
      pageSize: 10,
      pageCount: Math.ceil(total / 10),
    });
    expect(en.nodes).toHaveLength(10);
    // The de-only city has no en version: not a member of the en field.
    const de = await fieldCities({ locale: 'de', page: 1, pageSize: 10 });
    expect(de.pageInfo).toEqual({
      total: total + 1,
      page: 1,
      pageSize: 10,
      pageCount: Math.ceil((total + 1) / 10),
    });
    expect(de.nodes[0]).toEqual({ name: 'Aaaa Nur Deutsch', locale: 'de' });
  });

  it('counts the merged list under fallbackLocale', async () => {
    const total = seedCitiesOf(FIELD) + 1;
    const first = await fieldCities({ locale: 'en', fallback: 'de', page: 1, pageSize: 10 });
    expect(first.pageInfo).toEqual({
      total,
      page: 1,
      pageSize: 10,
      pageCount: Math.ceil(total / 10),
    });
    expect(first.nodes[0]).toEqual({ name: 'Aaaa Nur Deutsch', locale: 'de' });

    const last = await fieldCities({
      locale: 'en',
      fallback: 'de',
      page: Math.ceil(total / 10),
      pageSize: 10,
    });
    expect(last.nodes).toHaveLength(total % 10 || 10);
  });

  it("applies the field's filters to the total", async () => {
    const res = await graphql(
      `{
        creativeFields(locale: "de", filters: { key: { eq: "${FIELD}" } }) {
          cities_connection(filters: { key: { startsWith: "test-relpages-" } }) {
            nodes { name }
            pageInfo { total pageCount }
          }
        }
      }`
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.creativeFields[0].cities_connection).toEqual({
      nodes: [{ name: 'Aaaa Nur Deutsch' }],
      pageInfo: { total: 1, pageCount: 1 },
    });
  });

  it('gives every parent its own total (countries)', async () => {
    const seed = seedData();
    const expected = seed.countries
      .map((country) => ({
        isoCode: country.isoCode,
        total: seed.cities.filter((city) => city.country === country.isoCode).length,
      }))
      .sort((a, b) => a.isoCode.localeCompare(b.isoCode));
    const res = await graphql(`
      {
        countries(locale: "en", sort: "isoCode:asc", pagination: { pageSize: 100 }) {
          isoCode
          cities_connection(pagination: { pageSize: 1 }) {
            pageInfo {
              total
            }
          }
        }
      }
    `);
    expect(res.body.errors).toBeUndefined();
    const served = res.body.data.countries.map(
      (country: { isoCode: string; cities_connection: { pageInfo: { total: number } } }) => ({
        isoCode: country.isoCode,
        total: country.cities_connection.pageInfo.total,
      })
    );
    expect(served).toEqual(expected.slice(0, 100));
  });

  it.each([
    ['without fallbackLocale', ''],
    ['with fallbackLocale', ', fallbackLocale: "de"'],
  ])('costs a fixed number of queries whatever the number of parents (%s)', async (_, fb) => {
    const cost = async (pageSize: number, pageInfo: boolean) => {
      const res = await graphql(`{
        countries(locale: "en"${fb}, sort: "isoCode:asc", pagination: { pageSize: ${pageSize} }) {
          isoCode
          cities_connection(pagination: { pageSize: 1 }) {
            nodes { name }
            ${pageInfo ? 'pageInfo { total page pageSize pageCount }' : ''}
          }
        }
      }`);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.countries).toHaveLength(pageSize);
      return queriesOf(res);
    };
    const few = (await cost(5, true)) - (await cost(5, false));
    const many = (await cost(50, true)) - (await cost(50, false));
    // The count of all parents' totals: two queries, not two per parent.
    expect(few).toBeLessThanOrEqual(2);
    expect(many).toBe(few);
  });
});
