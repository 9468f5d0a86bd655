import { anonymous, graphql, queriesOf, tokenHeader } from '../../../helpers/api';
import { CITY, COUNTRY, NETWORK, createDocument, deleteDocument } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';
import { seedData } from '../../../helpers/seed-data';

interface Entry {
  documentId: string;
  key?: string;
  name?: string;
  locale: string;
  fallback?: boolean;
  country?: { isoCode: string; locale: string; fallback: boolean } | null;
}

/**
 * Test documents (deleted in afterAll):
 * - country: country published in de only (user-assigned ISO code ZZ)
 * - onlyDe: city published in de only, linked to `country`
 * - unpublishedEn: city published in de, its en version unpublished (draft only)
 * - linked: city published in de and en; its de version links to `country`, which has no en
 *   version, so its en version has no country
 */
const ids = { country: '', onlyDe: '', unpublishedEn: '', linked: '' };
const PREFIX = 'test-fallback-';

beforeAll(async () => {
  ids.country = await createDocument(COUNTRY, {
    de: { isoCode: 'ZZ', name: 'Testland', slug: 'testland' },
  });
  const country = { connect: [{ documentId: ids.country, locale: 'de' }] };
  ids.onlyDe = await createDocument(CITY, {
    de: {
      key: `${PREFIX}only-de`,
      name: 'Aaaa Nur Deutsch',
      slug: 'aaaa-nur-deutsch',
      country,
    },
  });
  ids.unpublishedEn = await createDocument(CITY, {
    de: { key: `${PREFIX}unpublished-en`, name: 'Aaab Teststadt', slug: 'aaab-teststadt' },
    en: { name: 'Aaab Test City', slug: 'aaab-test-city' },
  });
  await getStrapi().documents(CITY).unpublish({ documentId: ids.unpublishedEn, locale: 'en' });
  ids.linked = await createDocument(CITY, {
    de: {
      key: `${PREFIX}linked`,
      name: 'Aaac Verknüpft',
      slug: 'aaac-verknuepft',
      country,
    },
    en: { name: 'Aaac Linked', slug: 'aaac-linked' },
  });
});

afterAll(async () => {
  for (const id of [ids.onlyDe, ids.unpublishedEn, ids.linked])
    if (id) await deleteDocument(CITY, id);
  if (ids.country) await deleteDocument(COUNTRY, ids.country);
});

const ours = { 'filters[key][$startsWith]': PREFIX };

async function allPages(
  query: Record<string, string | number>,
  path = '/api/cities'
): Promise<{ entries: Entry[]; total: number }> {
  const entries: Entry[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const res = await anonymous()
      .get(path)
      .query({ ...query, 'pagination[page]': page, 'pagination[pageSize]': 100 });
    expect(res.status).toBe(200);
    entries.push(...res.body.data);
    total = res.body.meta.pagination.total;
    if (page >= res.body.meta.pagination.pageCount) break;
  }
  return { entries, total };
}

describe('locale fallback over REST', () => {
  it('changes nothing without fallbackLocale', async () => {
    const res = await anonymous()
      .get('/api/cities')
      .query({ locale: 'en', ...ours, sort: 'name:asc' });
    expect(res.status).toBe(200);
    expect(res.body.data.map((city: Entry) => [city.name, city.locale])).toEqual([
      ['Aaac Linked', 'en'],
    ]);
    expect(res.body.data[0]).not.toHaveProperty('fallback');
    expect(res.body.meta.pagination.total).toBe(1);
  });

  it('serves documents without a published en version in de, marked', async () => {
    const res = await anonymous()
      .get('/api/cities')
      .query({ locale: 'en', fallbackLocale: 'de', ...ours, sort: 'name:asc' });
    expect(res.status).toBe(200);
    expect(
      res.body.data.map((city: Entry) => [city.key, city.name, city.locale, city.fallback])
    ).toEqual([
      [`${PREFIX}only-de`, 'Aaaa Nur Deutsch', 'de', true],
      [`${PREFIX}unpublished-en`, 'Aaab Teststadt', 'de', true],
      [`${PREFIX}linked`, 'Aaac Linked', 'en', false],
    ]);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 3 });
  });

  it('pages over the union: every document once, total counts documents', async () => {
    const de = await allPages({ locale: 'de', sort: 'name:asc' });
    const en = await allPages({ locale: 'en', sort: 'name:asc' });
    const merged = await allPages({ locale: 'en', fallbackLocale: 'de', sort: 'name:asc' });

    // The seed's cities, plus the three test cities in German and the one of them in English.
    const seeded = seedData().cities.length;
    expect(de.total).toBe(seeded + 3);
    expect(en.total).toBe(seeded + 1);
    expect(merged.total).toBe(seeded + 3);
    expect(merged.entries).toHaveLength(seeded + 3);
    expect(new Set(merged.entries.map((city) => city.documentId)).size).toBe(seeded + 3);
    expect(
      merged.entries
        .filter((city) => city.fallback)
        .map((city) => city.documentId)
        .sort()
    ).toEqual([ids.onlyDe, ids.unpublishedEn].sort());
    expect(merged.entries.every((city) => city.fallback === (city.locale === 'de'))).toBe(true);
  });

  it('pages with small pages and a filter without duplicates', async () => {
    const query = {
      locale: 'en',
      fallbackLocale: 'de',
      ...ours,
      sort: 'name:desc',
      'pagination[pageSize]': 2,
    };
    const first = await anonymous()
      .get('/api/cities')
      .query({ ...query, 'pagination[page]': 1 });
    const second = await anonymous()
      .get('/api/cities')
      .query({ ...query, 'pagination[page]': 2 });
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
    expect([...first.body.data, ...second.body.data].map((city: Entry) => city.name)).toEqual([
      'Aaac Linked',
      'Aaab Teststadt',
      'Aaaa Nur Deutsch',
    ]);
    const offset = await anonymous()
      .get('/api/cities')
      .query({
        locale: 'en',
        fallbackLocale: 'de',
        ...ours,
        sort: 'name:asc',
        'pagination[start]': 1,
        'pagination[limit]': 1,
      });
    expect(offset.body.data.map((city: Entry) => city.name)).toEqual(['Aaab Teststadt']);
    expect(offset.body.meta.pagination).toEqual({ start: 1, limit: 1, total: 3 });
  });

  it('filters on the version served', async () => {
    // The en name of the document served in de does not match; its de name does.
    const enName = await anonymous()
      .get('/api/cities')
      .query({ locale: 'en', fallbackLocale: 'de', 'filters[name][$eq]': 'Aaab Test City' });
    expect(enName.body.data).toEqual([]);
    expect(enName.body.meta.pagination.total).toBe(0);
    const deName = await anonymous()
      .get('/api/cities')
      .query({ locale: 'en', fallbackLocale: 'de', 'filters[name][$eq]': 'Aaab Teststadt' });
    expect(deName.body.data.map((city: Entry) => [city.documentId, city.locale])).toEqual([
      [ids.unpublishedEn, 'de'],
    ]);
  });

  it('adds locale to a field selection so every entry says which version it is', async () => {
    const res = await anonymous()
      .get('/api/cities')
      .query({
        locale: 'en',
        fallbackLocale: 'de',
        ...ours,
        'fields[0]': 'name',
        sort: 'name:asc',
      });
    expect(res.body.data[0]).toEqual({
      id: expect.any(Number),
      documentId: ids.onlyDe,
      name: 'Aaaa Nur Deutsch',
      locale: 'de',
      fallback: true,
    });
  });

  it('previews drafts with fallback for a token that may read them', async () => {
    const res = await anonymous()
      .get('/api/cities')
      .set(tokenHeader())
      .query({ locale: 'en', fallbackLocale: 'de', status: 'draft', ...ours, sort: 'key:asc' });
    expect(res.status).toBe(200);
    // The unpublished en version of `unpublished-en` is a draft: in a preview it is served.
    expect(res.body.data.map((city: Entry) => [city.key, city.locale, city.fallback])).toEqual([
      [`${PREFIX}linked`, 'en', false],
      [`${PREFIX}only-de`, 'de', true],
      [`${PREFIX}unpublished-en`, 'en', false],
    ]);
    const gql = await anonymous()
      .post('/graphql')
      .set(tokenHeader())
      .send({
        query: `query ($prefix: String) {
          cities(locale: "en", fallbackLocale: "de", status: DRAFT, filters: { key: { startsWith: $prefix } }, sort: "key:asc") {
            key locale fallback
          }
        }`,
        variables: { prefix: PREFIX },
      });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.cities).toEqual(
      res.body.data.map((city: Entry) => ({
        key: city.key,
        locale: city.locale,
        fallback: city.fallback,
      }))
    );
  });

  it('falls back on findOne', async () => {
    expect((await anonymous().get(`/api/cities/${ids.onlyDe}?locale=en`)).status).toBe(404);
    const onlyDe = await anonymous().get(`/api/cities/${ids.onlyDe}?locale=en&fallbackLocale=de`);
    expect(onlyDe.status).toBe(200);
    expect(onlyDe.body.data).toMatchObject({
      documentId: ids.onlyDe,
      locale: 'de',
      fallback: true,
    });
    // The unpublished en draft is never served.
    const draft = await anonymous().get(
      `/api/cities/${ids.unpublishedEn}?locale=en&fallbackLocale=de`
    );
    expect(draft.body.data).toMatchObject({ name: 'Aaab Teststadt', locale: 'de', fallback: true });
    const linked = await anonymous().get(`/api/cities/${ids.linked}?locale=en&fallbackLocale=de`);
    expect(linked.body.data).toMatchObject({ name: 'Aaac Linked', locale: 'en', fallback: false });
  });

  it('applies the same rule to populated relations', async () => {
    const res = await anonymous()
      .get('/api/cities')
      .query({
        locale: 'en',
        fallbackLocale: 'de',
        'filters[key][$in][0]': `${PREFIX}only-de`,
        'filters[key][$in][1]': `${PREFIX}linked`,
        'filters[key][$in][2]': 'krakow',
        'populate[country][fields][0]': 'isoCode',
        sort: 'name:asc',
      });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.data.map((city: Entry) => [city.key, city]));
    // Served in de, related country has no en version: de, marked.
    expect(byKey[`${PREFIX}only-de`].country).toMatchObject({
      isoCode: 'ZZ',
      locale: 'de',
      fallback: true,
    });
    // Served in en, but the link exists only in de because the country has no en version.
    expect(byKey[`${PREFIX}linked`].country).toMatchObject({
      isoCode: 'ZZ',
      locale: 'de',
      fallback: true,
    });
    // Ordinary en city: en country.
    expect(byKey.krakow.country).toMatchObject({ isoCode: 'PL', locale: 'en', fallback: false });

    const one = await anonymous().get(
      `/api/cities/${ids.linked}?locale=en&fallbackLocale=de&populate[country][fields][0]=isoCode`
    );
    expect(one.body.data.country).toMatchObject({ isoCode: 'ZZ', locale: 'de', fallback: true });
  });

  it('serves related documents of a fallback entry in the locale when they have one', async () => {
    const res = await anonymous().get('/api/countries').query({
      locale: 'en',
      fallbackLocale: 'de',
      'filters[isoCode][$eq]': 'ZZ',
      'populate[cities][fields][0]': 'key',
      'populate[cities][fields][1]': 'name',
    });
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({ locale: 'de', fallback: true });
    const cities = (res.body.data[0].cities as Entry[])
      .map((city) => [city.key, city.name, city.locale, city.fallback])
      .sort();
    expect(cities).toEqual([
      [`${PREFIX}linked`, 'Aaac Linked', 'en', false],
      [`${PREFIX}only-de`, 'Aaaa Nur Deutsch', 'de', true],
    ]);
  });

  it('applies the rule at every depth of populate', async () => {
    // city (de only) → country ZZ (de only) → its cities: `linked` has an en version.
    const down = await anonymous()
      .get('/api/cities')
      .query({
        locale: 'en',
        fallbackLocale: 'de',
        'filters[key][$eq]': `${PREFIX}only-de`,
        'populate[country][fields][0]': 'isoCode',
        'populate[country][populate][cities][fields][0]': 'key',
        'populate[country][populate][cities][fields][1]': 'name',
      });
    expect(down.status).toBe(200);
    const [city] = down.body.data;
    expect(city).toMatchObject({ locale: 'de', fallback: true });
    expect(city.country).toMatchObject({ isoCode: 'ZZ', locale: 'de', fallback: true });
    expect(
      (city.country.cities as Entry[])
        .map((member) => [member.key, member.name, member.locale, member.fallback])
        .sort()
    ).toEqual([
      [`${PREFIX}linked`, 'Aaac Linked', 'en', false],
      [`${PREFIX}only-de`, 'Aaaa Nur Deutsch', 'de', true],
    ]);

    // country ZZ → cities → country: the en version of `linked` has no country (ZZ has no en
    // version); the link of its de version is served instead.
    const back = await anonymous().get('/api/countries').query({
      locale: 'en',
      fallbackLocale: 'de',
      'filters[isoCode][$eq]': 'ZZ',
      'populate[cities][fields][0]': 'key',
      'populate[cities][populate][country][fields][0]': 'isoCode',
    });
    expect(back.status).toBe(200);
    const members = back.body.data[0].cities as Entry[];
    expect(members.map((member) => [member.key, member.locale]).sort()).toEqual([
      [`${PREFIX}linked`, 'en'],
      [`${PREFIX}only-de`, 'de'],
    ]);
    for (const member of members) {
      expect(member.country).toMatchObject({ isoCode: 'ZZ', locale: 'de', fallback: true });
    }
  });

  it('marks every level of a deep populate and serves translated documents in the locale', async () => {
    const res = await anonymous().get('/api/cities').query({
      locale: 'en',
      fallbackLocale: 'de',
      'filters[key][$eq]': 'heidelberg',
      'populate[creativeField][fields][0]': 'name',
      'populate[creativeField][populate][cities][fields][0]': 'name',
      'populate[creativeField][populate][cities][populate][country][fields][0]': 'name',
    });
    expect(res.status).toBe(200);
    const [heidelberg] = res.body.data;
    expect(heidelberg.creativeField).toMatchObject({
      name: 'Literature',
      locale: 'en',
      fallback: false,
    });
    const cities = heidelberg.creativeField.cities as (Entry & { country: Entry })[];
    // Every literature city of the seed, each once, in English, with its English country.
    const { body } = await anonymous().get('/api/cities').query({
      locale: 'en',
      'filters[creativeField][slug][$eq]': 'literature',
      'pagination[pageSize]': 100,
    });
    expect(cities.map((member) => member.documentId).sort()).toEqual(
      (body.data as Entry[]).map((member) => member.documentId).sort()
    );
    for (const member of cities) {
      expect(member).toMatchObject({ locale: 'en', fallback: false });
      expect(member.country).toMatchObject({ locale: 'en', fallback: false });
    }
    expect(cities.find((member) => member.documentId === heidelberg.documentId)?.country.name).toBe(
      'Germany'
    );
  });

  it('orders a populated to-many relation by its sort after the merge', async () => {
    const film = (await getStrapi()
      .documents('api::creative-field.creative-field')
      .findFirst({ locale: 'de', status: 'published', filters: { key: 'film' } })) as unknown as {
      documentId: string;
    };
    const filmCity = await createDocument(CITY, {
      de: {
        key: `${PREFIX}film`,
        name: 'Aaaa Filmstadt',
        slug: 'aaaa-filmstadt',
        creativeField: { connect: [{ documentId: film.documentId, locale: 'de' }] },
      },
    });
    try {
      for (const direction of ['asc', 'desc']) {
        const res = await anonymous()
          .get('/api/creative-fields')
          .query({
            locale: 'en',
            fallbackLocale: 'de',
            'filters[key][$eq]': 'film',
            'populate[cities][fields][0]': 'name',
            'populate[cities][sort][0]': `name:${direction}`,
          });
        expect(res.status).toBe(200);
        const cities = res.body.data[0].cities as Entry[];
        // The de-only city, linked from the field's de version, is in its place, not appended.
        const root = await allPages({
          locale: 'en',
          fallbackLocale: 'de',
          'filters[creativeField][key][$eq]': 'film',
          sort: `name:${direction}`,
          'fields[0]': 'name',
        });
        expect(cities.map((city) => [city.name, city.locale])).toEqual(
          root.entries.map((city) => [city.name, city.locale])
        );
        expect(cities.map((city) => city.name).indexOf('Aaaa Filmstadt')).toBe(
          direction === 'asc' ? 0 : cities.length - 1
        );
      }
    } finally {
      await deleteDocument(CITY, filmCity);
    }
  });

  it('does not grow the number of SQL queries with the page size', async () => {
    const count = async (pageSize: number, populate: Record<string, string>) => {
      const res = await anonymous()
        .get('/api/cities')
        .query({
          locale: 'en',
          fallbackLocale: 'de',
          ...populate,
          'pagination[pageSize]': pageSize,
        });
      expect(res.body.data).toHaveLength(pageSize);
      return queriesOf(res);
    };
    const shallow = { populate: 'creativeField' };
    // The first read after a write reloads the locale list: measure the steady state.
    await count(5, shallow);
    const shallowSmall = await count(10, shallow);
    expect(await count(100, shallow)).toBe(shallowSmall);
    const deep = {
      'populate[creativeField][populate][cities][populate][country][fields][0]': 'name',
    };
    const deepSmall = await count(10, deep);
    expect(await count(100, deep)).toBe(deepSmall);
  });

  describe.each([
    ['/api/countries', COUNTRY],
    ['/api/creative-fields', 'api::creative-field.creative-field'],
    ['/api/network-goals', 'api::network-goal.network-goal'],
  ])('on %s', (path, uid) => {
    let documentId = '';
    beforeAll(async () => {
      const documents = getStrapi().documents(uid as never);
      // A document published in both locales, whatever other test files added before this one
      // (the first by id alone may be one of theirs without a de version).
      const published = async (locale: string) =>
        (
          (await documents.findMany({
            locale,
            status: 'published',
            fields: ['documentId'],
            sort: 'documentId:asc',
          } as never)) as unknown as Array<{ documentId: string }>
        ).map((version) => version.documentId);
      const inDe = new Set(await published('de'));
      const both = (await published('en')).find((id) => inDe.has(id));
      if (!both) throw new Error(`no ${uid} is published in de and en`);
      documentId = both;
      await documents.unpublish({ documentId, locale: 'en' } as never);
    });
    afterAll(async () => {
      await getStrapi()
        .documents(uid as never)
        .publish({ documentId, locale: 'en' } as never);
    });

    it('serves the document without a published en version in de, once', async () => {
      const de = await allPages({ locale: 'de' }, path);
      const en = await allPages({ locale: 'en' }, path);
      const merged = await allPages({ locale: 'en', fallbackLocale: 'de' }, path);
      // Every document published in de comes once; those missing in en (this one, and the test
      // country of this file) in de, marked.
      expect(merged.total).toBe(de.total);
      expect(merged.entries).toHaveLength(de.total);
      expect(new Set(merged.entries.map((entry) => entry.documentId)).size).toBe(de.total);
      const fallbacks = merged.entries.filter((entry) => entry.fallback);
      expect(fallbacks.map((entry) => entry.documentId)).toContain(documentId);
      expect(fallbacks).toHaveLength(de.total - en.total);
      expect(fallbacks.every((entry) => entry.locale === 'de')).toBe(true);

      const one = await anonymous().get(`${path}/${documentId}?locale=en&fallbackLocale=de`);
      expect(one.body.data).toMatchObject({ documentId, locale: 'de', fallback: true });
    });
  });

  describe('on the single type', () => {
    let network: { documentId: string };
    beforeAll(async () => {
      network = (await getStrapi()
        .documents(NETWORK)
        .findFirst({ locale: 'en', status: 'published' })) as never;
      await getStrapi()
        .documents(NETWORK)
        .unpublish({ documentId: network.documentId, locale: 'en' });
    });
    afterAll(async () => {
      await getStrapi()
        .documents(NETWORK)
        .publish({ documentId: network.documentId, locale: 'en' });
    });

    it('serves the de page while the en page is unpublished', async () => {
      expect((await anonymous().get('/api/network?locale=en')).status).toBe(404);
      const res = await anonymous().get('/api/network?locale=en&fallbackLocale=de&populate=links');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ locale: 'de', fallback: true });
      expect(res.body.data.links.length).toBeGreaterThan(0);
      const gql = await graphql(
        '{ network(locale: "en", fallbackLocale: "de") { title locale fallback } }'
      );
      expect(gql.body.data.network).toMatchObject({ locale: 'de', fallback: true });
    });
  });
});

describe('locale fallback over GraphQL', () => {
  it('pages over the union with the same total', async () => {
    const res = await graphql(
      `
        query ($prefix: String) {
          cities_connection(
            locale: "en"
            fallbackLocale: "de"
            filters: { key: { startsWith: $prefix } }
            sort: "name:asc"
            pagination: { pageSize: 2 }
          ) {
            nodes {
              documentId
              name
              locale
              fallback
            }
            pageInfo {
              total
              pageCount
            }
          }
        }
      `,
      { prefix: PREFIX }
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cities_connection.pageInfo).toEqual({ total: 3, pageCount: 2 });
    expect(res.body.data.cities_connection.nodes).toEqual([
      { documentId: ids.onlyDe, name: 'Aaaa Nur Deutsch', locale: 'de', fallback: true },
      { documentId: ids.unpublishedEn, name: 'Aaab Teststadt', locale: 'de', fallback: true },
    ]);
  });

  it('falls back on the list and single-document queries', async () => {
    const list = await graphql(
      `
        query ($prefix: String) {
          cities(
            locale: "en"
            fallbackLocale: "de"
            filters: { key: { startsWith: $prefix } }
            sort: "name:desc"
          ) {
            name
            locale
            fallback
          }
        }
      `,
      { prefix: PREFIX }
    );
    expect(list.body.data.cities.map((city: Entry) => city.name)).toEqual([
      'Aaac Linked',
      'Aaab Teststadt',
      'Aaaa Nur Deutsch',
    ]);
    const one = await graphql(
      'query ($id: ID!) { city(documentId: $id, locale: "en", fallbackLocale: "de") { name locale fallback } }',
      {
        id: ids.onlyDe,
      }
    );
    expect(one.body.data.city).toEqual({ name: 'Aaaa Nur Deutsch', locale: 'de', fallback: true });
    const none = await graphql(
      'query ($id: ID!) { city(documentId: $id, locale: "en") { name } }',
      { id: ids.onlyDe }
    );
    expect(none.body.data.city).toBeNull();
  });
});
