import { anonymous, queriesOf, tokenHeader } from '../../../helpers/api';
import { CITY, createDocument, deleteDocument } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';

interface Hit {
  type: string;
  documentId: string;
  name: string;
  slug: string | null;
  locale: string | null;
  fallback?: boolean;
  match: 'exact' | 'alternative' | 'prefix' | 'word' | 'typo';
  matchedName: string;
}

interface FacetValue {
  key: string;
  name: string;
  count: number;
}

interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

async function search(query: Record<string, string | number>): Promise<{
  data: Hit[];
  meta: { pagination: Pagination; facets?: Record<string, FacetValue[]> };
}> {
  const res = await anonymous().get('/api/search').query(query);
  expect(res.status).toBe(200);
  return res.body;
}

const names = (hits: Hit[]): string[] => hits.map((hit) => hit.name);

describe('GET /api/search', () => {
  describe('case and diacritics are ignored', () => {
    it.each([
      ['krakow', 'en', 'Kraków'],
      ['KRAKÓW', 'en', 'Kraków'],
      ['hohr', 'de', 'Höhr-Grenzhausen'],
      ['sao paulo', 'en', 'São Paulo'],
      ['iasi', 'en', 'Iași'],
      ['lodz', 'de', 'Łódź'],
      ['kirsehir', 'en', 'Kırşehir'],
      ['saint etienne', 'en', 'Saint-Étienne'],
    ])('"%s" in %s finds %s first', async (q, locale, name) => {
      const { data } = await search({ q, locale, types: 'cities' });
      expect(data[0]).toMatchObject({ name, locale, type: 'cities' });
    });

    // The seed spells it Bistrita or Bistrița (with the comma below); either query finds it.
    it.each(['bistrita', 'bistrița', 'Bistriţa'])('"%s" finds Bistrița', async (q) => {
      const { data } = await search({ q, locale: 'en', types: 'cities' });
      expect(data[0].name).toMatch(/^Bistri[tț]a$/);
    });
  });

  describe('a search that forgives', () => {
    it.each([
      ['heidleberg', 'de', 'Heidelberg'], // transposed letters
      ['heidelburg', 'de', 'Heidelberg'], // one letter wrong
      ['hiedelbreg', 'de', 'Heidelberg'], // two edits in a word of 9+ letters
      ['mannhiem', 'en', 'Mannheim'],
      ['barcelna', 'en', 'Barcelona'],
    ])('"%s" in %s finds %s, marked as a typo match', async (q, locale, name) => {
      const { data } = await search({ q, locale, types: 'cities' });
      expect(data[0]).toMatchObject({ name, match: 'typo', matchedName: name });
    });

    it('allows no typo in words under 5 letters, one under 9', async () => {
      expect((await search({ q: 'rxm', locale: 'en', types: 'cities' })).data).toEqual([]);
      expect((await search({ q: 'hxidxlberg', locale: 'en' })).data[0]?.name).toBe('Heidelberg');
      expect((await search({ q: 'mxnnhxim', locale: 'en' })).data).toEqual([]);
    });

    it.each([
      ['goeteborg', 'de', 'Göteborg', 'Göteborg'],
      ['Goeteborg', 'en', 'Gothenburg', 'Göteborg'],
      ['bruenn', 'de', 'Brünn', 'Brünn'],
      ['luettich', 'en', 'Liège', 'Lüttich'],
      ['Bünaventura', 'en', 'Buenaventura', 'Buenaventura'],
      ['Göteborg', 'en', 'Gothenburg', 'Göteborg'],
    ])(
      'German transliteration: "%s" in %s finds %s (matched %s)',
      async (q, locale, name, matched) => {
        const { data } = await search({ q, locale, types: 'cities' });
        expect(data[0]).toMatchObject({ name, match: 'exact', matchedName: matched });
      }
    );

    it.each([
      ['Cracow', 'de', 'Krakau'],
      ['cracow', 'en', 'Kraków'],
      ['Kiev', 'de', 'Kiew'],
      ['Kyjiw', 'en', 'Kyiv'],
      ['Milano', 'de', 'Mailand'],
      ['Lemberg', 'en', 'Lviv'],
      ['Luik', 'de', 'Lüttich'],
    ])(
      'alternative names: "%s" in %s finds %s and says which name matched',
      async (q, locale, name) => {
        const { data } = await search({ q, locale });
        expect(data[0]).toMatchObject({ name, match: 'alternative', type: 'cities' });
        expect(data[0].matchedName.toLowerCase()).toBe(q.toLowerCase());
      }
    );

    it('finds countries by their alternative names too', async () => {
      const { data } = await search({ q: 'Holland', locale: 'de', types: 'countries' });
      expect(data[0]).toMatchObject({ name: 'Niederlande', matchedName: 'Holland' });
    });

    it('matches the last word as a prefix, as the user types', async () => {
      const { data } = await search({ q: 'sao pa', locale: 'en', types: 'cities' });
      expect(data[0]).toMatchObject({ name: 'São Paulo', match: 'prefix' });
      const { data: typing } = await search({ q: 'heidelb', locale: 'de', types: 'cities' });
      expect(typing[0]).toMatchObject({ name: 'Heidelberg', match: 'prefix' });
    });

    it('ranks exact names before alternative names, prefixes and typos; ties alike each time', async () => {
      const order = ['exact', 'alternative', 'prefix', 'word', 'typo'];
      for (const q of ['rom', 'roma', 'parma', 'milano', 'hangzhou', 'durban', 'kiev']) {
        const first = await search({ q, locale: 'en', 'pagination[pageSize]': 100 });
        const ranks = first.data.map((hit) => order.indexOf(hit.match));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect((await search({ q, locale: 'en', 'pagination[pageSize]': 100 })).data).toEqual(
          first.data
        );
      }
      const { data } = await search({ q: 'hangzhou', locale: 'en', types: 'cities' });
      expect(data.map(({ name, match }) => [name, match])).toEqual([
        ['Hangzhou', 'exact'],
        ['Yangzhou', 'typo'],
      ]);
    });
  });

  describe('facets', () => {
    it('counts the hits by creative field and by country, named in the locale', async () => {
      const { data, meta } = await search({
        q: 'san',
        locale: 'de',
        types: 'cities',
        facets: 'creativeField,country',
        'pagination[pageSize]': 100,
      });
      const { creativeField, country } = meta.facets ?? {};
      const sum = (values: FacetValue[] = []) => values.reduce((total, v) => total + v.count, 0);
      expect(sum(creativeField)).toBe(meta.pagination.total);
      expect(sum(country)).toBe(meta.pagination.total);
      expect(data).toHaveLength(meta.pagination.total);
      expect(country?.map((value) => value.name)).toContain('Mexiko');
      const counts = country?.map((value) => value.count) ?? [];
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      // The key is the related document's documentId, as a filter on /api/cities takes it.
      const [top] = creativeField ?? [];
      const res = await anonymous()
        .get('/api/creative-fields/' + top.key)
        .query({ locale: 'de' });
      expect(res.body.data.name).toBe(top.name);
    });

    it('answers facet names in English in en, and nothing without facets', async () => {
      const { meta } = await search({ q: 'san', locale: 'en', facets: 'country' });
      expect(meta.facets?.country.map((value) => value.name)).toContain('Mexico');
      expect(meta.facets).not.toHaveProperty('creativeField');
      expect((await search({ q: 'san', locale: 'en' })).meta).not.toHaveProperty('facets');
    });
  });

  describe('names of every locale, answers in the requested one', () => {
    it('finds Krakau in de by its English name Kraków', async () => {
      const { data } = await search({ q: 'Kraków', locale: 'de', types: 'cities' });
      expect(data[0]).toMatchObject({ name: 'Krakau', slug: 'krakau', locale: 'de' });
    });

    it('finds Milan in en by its German name Mailand', async () => {
      const { data } = await search({ q: 'Mailand', locale: 'en' });
      expect(data).toEqual([
        {
          type: 'cities',
          documentId: expect.any(String),
          name: 'Milan',
          slug: 'milan',
          locale: 'en',
          match: 'exact',
          matchedName: 'Mailand',
        },
      ]);
    });

    it('answers with the documentId of the city on /api/cities', async () => {
      const [hit] = (await search({ q: 'mailand', locale: 'de', types: 'cities' })).data;
      const res = await anonymous()
        .get('/api/cities')
        .query({ locale: 'de', 'filters[slug][$eq]': 'mailand' });
      expect(hit.documentId).toBe(res.body.data[0].documentId);
    });

    it('uses the default locale (de) without locale', async () => {
      const { data } = await search({ q: 'milan', types: 'cities' });
      expect(data[0]).toMatchObject({ name: 'Mailand', locale: 'de' });
    });
  });

  describe('types', () => {
    it('searches countries and creative fields by their URL names', async () => {
      const countries = await search({ q: 'deutsch', locale: 'de', types: 'countries' });
      expect(countries.data[0]).toMatchObject({
        type: 'countries',
        name: 'Deutschland',
        locale: 'de',
      });
      const fields = await search({ q: 'literature', locale: 'en', types: 'creative-fields' });
      expect(fields.data).toEqual([
        expect.objectContaining({ type: 'creative-fields', name: 'Literature', locale: 'en' }),
      ]);
    });

    it('searches every configured type without types', async () => {
      const { data } = await search({ q: 'germany', locale: 'en' });
      expect(data.map((hit) => hit.type)).toContain('countries');
      const { data: mixed } = await search({ q: 'me', locale: 'en', 'pagination[pageSize]': 100 });
      expect(new Set(mixed.map((hit) => hit.type))).toEqual(
        new Set(['cities', 'countries', 'creative-fields'])
      );
    });

    it('accepts a list of types', async () => {
      const { data } = await search({ q: 'me', locale: 'en', types: 'countries,creative-fields' });
      expect(data.length).toBeGreaterThan(0);
      expect(data.every((hit) => hit.type !== 'cities')).toBe(true);
    });
  });

  describe('ranking: exact, then prefix, then a later word; then by name', () => {
    const created: string[] = [];

    beforeAll(async () => {
      for (const name of ['Old Quorvik', 'Quorvikstad', 'Quorvik', 'Quorvik Heights']) {
        created.push(await createDocument(CITY, { en: { name }, de: { name } }));
      }
      // Found by its German name only.
      created.push(
        await createDocument(CITY, { en: { name: 'Aelsewhere' }, de: { name: 'Quorvikau' } })
      );
    });

    afterAll(async () => {
      for (const documentId of created) await deleteDocument(CITY, documentId);
    });

    it('orders the hits, own names before names of another locale at the same rank', async () => {
      const { data } = await search({ q: 'quorvik', locale: 'en' });
      expect(names(data)).toEqual([
        'Quorvik',
        'Quorvik Heights',
        'Quorvikstad',
        'Aelsewhere',
        'Old Quorvik',
      ]);
      const german = await search({ q: 'quorvik', locale: 'de' });
      expect(names(german.data)).toEqual([
        'Quorvik',
        'Quorvik Heights',
        'Quorvikau',
        'Quorvikstad',
        'Old Quorvik',
      ]);
    });

    it('requires every word of the query', async () => {
      const { data } = await search({ q: 'quorvik hei', locale: 'en' });
      expect(names(data)).toEqual(['Quorvik Heights']);
    });
  });

  describe('published versions only', () => {
    const created: string[] = [];

    afterAll(async () => {
      for (const documentId of created) await deleteDocument(CITY, documentId);
    });

    it('never finds a draft', async () => {
      created.push(await createDocument(CITY, { de: { name: 'Draftonia' } }, ['de']));
      expect((await search({ q: 'draftonia', locale: 'de' })).data).toEqual([]);
      expect((await search({ q: 'draftonia', locale: 'en' })).data).toEqual([]);
    });

    it('finds the published name, not the name of a newer draft', async () => {
      const documentId = await createDocument(CITY, { en: { name: 'Publishedburg' } });
      created.push(documentId);
      await getStrapi()
        .documents(CITY)
        .update({ documentId, locale: 'en', status: 'draft', data: { name: 'Renamedburg' } });
      expect(names((await search({ q: 'publishedburg', locale: 'en' })).data)).toEqual([
        'Publishedburg',
      ]);
      expect((await search({ q: 'renamedburg', locale: 'en' })).data).toEqual([]);
    });

    it('does not serve a locale that is only a draft, not even by its other names', async () => {
      created.push(
        await createDocument(CITY, { en: { name: 'Halfway' }, de: { name: 'Halbweg' } }, ['de'])
      );
      expect((await search({ q: 'halfway', locale: 'de' })).data).toEqual([]);
      expect(names((await search({ q: 'halbweg', locale: 'en' })).data)).toEqual([]);
      expect(names((await search({ q: 'halfway', locale: 'en' })).data)).toEqual(['Halfway']);
    });
  });

  describe('fallbackLocale', () => {
    let onlyEnglish: string;

    beforeAll(async () => {
      onlyEnglish = await createDocument(CITY, {
        en: { name: 'Englishonly Falls', slug: 'englishonly-falls' },
      });
    });

    afterAll(async () => {
      await deleteDocument(CITY, onlyEnglish);
    });

    it('serves documents missing in locale in the fallback locale, marked', async () => {
      const { data } = await search({ q: 'englishonly', locale: 'de', fallbackLocale: 'en' });
      expect(data).toEqual([
        {
          type: 'cities',
          documentId: onlyEnglish,
          name: 'Englishonly Falls',
          slug: 'englishonly-falls',
          locale: 'en',
          fallback: true,
          match: 'prefix',
          matchedName: 'Englishonly Falls',
        },
      ]);
      expect((await search({ q: 'englishonly', locale: 'de' })).data).toEqual([]);
    });

    it('serves documents that have the locale in it, unmarked', async () => {
      const { data } = await search({ q: 'milan', locale: 'de', fallbackLocale: 'en' });
      expect(data[0]).toMatchObject({ name: 'Mailand', locale: 'de', fallback: false });
      expect(data.filter((hit) => hit.documentId === data[0].documentId)).toHaveLength(1);
    });
  });

  describe('pagination', () => {
    it('pages like Strapi lists, with the same meta', async () => {
      const all = await search({ q: 'san', locale: 'en', 'pagination[pageSize]': 100 });
      const total = all.meta.pagination.total;
      expect(total).toBe(all.data.length);
      expect(total).toBeGreaterThan(4);

      const second = await search({
        q: 'san',
        locale: 'en',
        'pagination[page]': 2,
        'pagination[pageSize]': 2,
      });
      expect(second.meta.pagination).toEqual({
        page: 2,
        pageSize: 2,
        pageCount: Math.ceil(total / 2),
        total,
      });
      expect(second.data).toEqual(all.data.slice(2, 4));
    });

    it('gives the total on a page past the last one', async () => {
      const all = await search({ q: 'san', locale: 'en', 'pagination[pageSize]': 100 });
      const past = await search({ q: 'san', locale: 'en', 'pagination[page]': 50 });
      expect(past.data).toEqual([]);
      expect(past.meta.pagination).toEqual({
        page: 50,
        pageSize: 25,
        pageCount: Math.ceil(all.meta.pagination.total / 25),
        total: all.meta.pagination.total,
      });
    });

    it('pages by 25 by default', async () => {
      const { meta } = await search({ q: 's', locale: 'en' });
      expect(meta.pagination).toMatchObject({ page: 1, pageSize: 25 });
      expect(meta.pagination.total).toBeGreaterThan(25);
    });
  });

  describe('bad requests', () => {
    it.each([
      [{}, 'q is required'],
      [{ q: '  ' }, 'q is required'],
      [{ q: '--' }, 'q must contain a letter or a digit'],
      [{ q: 'x'.repeat(101) }, 'q is longer than 100 characters'],
      [{ q: 'milan', locale: 'fr' }, 'Unknown locale "fr". Available locales: de, en.'],
      [
        { q: 'milan', fallbackLocale: 'xx' },
        'Unknown fallbackLocale "xx". Available locales: de, en.',
      ],
      [
        { q: 'milan', types: 'cities,networks' },
        'Unknown type "networks" in types. Available types: cities, countries, creative-fields.',
      ],
      [{ q: 'milan', 'pagination[pageSize]': 101 }, 'pagination[pageSize] must be at most 100'],
      [{ q: 'milan', 'pagination[page]': 0 }, 'pagination[page] must be a positive integer'],
      [{ q: 'milan', 'pagination[page]': '1e308' }, 'pagination[page] must be at most 1000000'],
      [{ q: 'milan', sort: 'name' }, 'Invalid key sort'],
      [{ q: 'milan', 'pagination[limit]': 5 }, 'Invalid key pagination[limit]'],
      [{ q: 'x'.repeat(1000) }, 'q is longer than 100 characters'],
      [{ q: 'a b c d e f g h i j k' }, 'q has more than 10 words'],
      [{ q: '🎉🎶' }, 'q must contain a letter or a digit'],
      [{ q: '\u0000' }, 'q must contain a letter or a digit'],
      [
        { q: 'milan', facets: 'city' },
        'Unknown facet "city" in facets. Available facets: creativeField, country.',
      ],
    ])('%j is a 400: %s', async (query, message) => {
      const res = await anonymous().get('/api/search').query(query);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', message });
    });
  });

  describe('whatever is typed: a 200 or a 400, never a 500', () => {
    it.each([
      ['a'],
      ['"'],
      ['" * NEAR OR - ^ ( )'],
      ['milan OR rome'],
      ['NEAR(milan rome)'],
      ['mil*'],
      ['-milan'],
      ["'; DROP TABLE cities; --"],
      ['milan\u0000rome'],
      ['تل أبيب'],
      ['שלום'],
      ['Kra\u0301ko\u0301w'],
      ['🎉 milan'],
      ['x'.repeat(100)],
      ['heidelbergheidelberg heidelbergheidelberg heidelbergheidelberg heidelberg'],
    ])('%j', async (q) => {
      const res = await anonymous().get('/api/search').query({ q, locale: 'en' });
      expect([200, 400]).toContain(res.status);
      if (res.status === 400) expect(res.body.error.message).toMatch(/^q /);
      else expect(Array.isArray(res.body.data)).toBe(true);
    });

    it('reads FTS operators as words', async () => {
      const { data } = await search({ q: 'milan OR', locale: 'en', types: 'cities' });
      expect(data).toEqual([]);
      const star = await search({ q: 'mil*', locale: 'en', types: 'cities' });
      expect(star.data[0]?.name).toBe('Milan');
    });
  });

  describe('access', () => {
    const ACTION = 'plugin::search.search.find';

    async function withoutPublicPermission(check: () => Promise<void>): Promise<void> {
      const strapi = getStrapi();
      const publicRole = await strapi.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type: 'public' } });
      const permissions = strapi.db.query('plugin::users-permissions.permission');
      await permissions.delete({ where: { action: ACTION, role: publicRole.id } });
      try {
        await check();
      } finally {
        await permissions.create({ data: { action: ACTION, role: publicRole.id } });
      }
    }

    it('follows the Public permission at once: 403 when revoked, 200 when granted again', async () => {
      const query = { q: 'heidelb', locale: 'en' };
      await withoutPublicPermission(async () => {
        const res = await anonymous().get('/api/search').query(query);
        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
      });
      const res = await anonymous().get('/api/search').query(query);
      expect(res.status).toBe(200);
      expect(names(res.body.data)).toEqual(['Heidelberg']);
    });

    it("answers an API token through Strapi's own strategies, whatever the Public role may do", async () => {
      await withoutPublicPermission(async () => {
        const res = await anonymous().get('/api/search').set(tokenHeader()).query({ q: 'krakow' });
        expect(res.status).toBe(200);
        expect(names(res.body.data)).toEqual(['Krakau']);
      });
    });

    it('refuses an invalid token as Strapi does (401), not as anonymous', async () => {
      const res = await anonymous()
        .get('/api/search')
        .set({ Authorization: 'Bearer not-a-token' })
        .query({ q: 'krakow' });
      expect(res.status).toBe(401);
    });
  });

  it('costs two SQL queries uncached: locales and permission, then the page with its total', async () => {
    // A query of its own, so that the response cache cannot answer it. The locale settings are
    // held in memory (locale-fallback's services/locales.ts): no query of theirs.
    const res = await anonymous()
      .get('/api/search')
      .query({ q: 'san', locale: 'en', types: 'cities', 'pagination[pageSize]': 3 });
    expect(res.status).toBe(200);
    expect(res.headers['x-cache']).toBe('MISS');
    expect(queriesOf(res)).toBe(2);
    expect(res.body.meta.pagination.total).toBeGreaterThan(3);
  });

  it('is answered from the response cache the second time', async () => {
    const first = await anonymous().get('/api/search').query({ q: 'heidelberg', locale: 'de' });
    const second = await anonymous().get('/api/search').query({ q: 'heidelberg', locale: 'de' });
    expect(first.headers['x-cache']).toBe('MISS');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });
});
