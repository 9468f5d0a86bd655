import { anonymous } from '../helpers/api';
import { seedData } from '../helpers/seed-data';

interface City {
  latitude?: number | null;
  longitude?: number | null;
  documentId: string;
  name: string;
  slug: string;
  locale: string;
  memberSince: number | null;
  creativeField?: { key: string; name: string; locale: string } | null;
  country?: { isoCode: string; name: string; locale: string } | null;
}

async function cities(query: Record<string, string | number>): Promise<{
  data: City[];
  meta: { pagination: { total: number; page: number; pageSize: number; pageCount: number } };
}> {
  const res = await anonymous().get('/api/cities').query(query);
  expect(res.status).toBe(200);
  return res.body;
}

describe('REST /api/cities', () => {
  describe('relations per locale', () => {
    it.each([
      ['de', 'Literatur', 'Stadt der Literatur', 'Deutschland'],
      ['en', 'Literature', 'City of Literature', 'Germany'],
    ])(
      'the %s Heidelberg links to the %s field and country',
      async (locale, field, title, country) => {
        const res = await anonymous().get('/api/cities').query({
          locale,
          'filters[key][$eq]': 'heidelberg',
          'populate[creativeField][fields][0]': 'name',
          'populate[creativeField][fields][1]': 'cityTitle',
          'populate[creativeField][fields][2]': 'locale',
          'populate[country][fields][0]': 'name',
          'populate[country][fields][1]': 'locale',
        });
        expect(res.status).toBe(200);
        const [heidelberg] = res.body.data;
        expect(heidelberg.memberSince).toBe(2014);
        expect(heidelberg.creativeField).toMatchObject({ name: field, cityTitle: title, locale });
        expect(heidelberg.country).toMatchObject({ name: country, locale });
      }
    );

    it("lists a field's cities in the same locale", async () => {
      const res = await anonymous().get('/api/creative-fields').query({
        locale: 'en',
        'filters[key][$eq]': 'architecture',
        'populate[cities][fields][0]': 'name',
        'populate[cities][fields][1]': 'locale',
      });
      const [architecture] = res.body.data;
      expect(architecture.name).toBe('Architecture');
      expect(architecture.cities).toHaveLength(5);
      expect(architecture.cities.every((city: City) => city.locale === 'en')).toBe(true);
    });
  });

  it('keeps coordinates at full precision', async () => {
    const seeded = seedData().cities.find((city) => city.key === 'heidelberg');
    const body = await cities({ locale: 'en', 'filters[key][$eq]': 'heidelberg' });
    expect(body.data[0]).toMatchObject({
      latitude: seeded?.latitude,
      longitude: seeded?.longitude,
    });
    expect(String(seeded?.latitude).split('.')[1].length).toBeGreaterThan(2);
  });

  describe('filters', () => {
    it('filters by relation field and by year', async () => {
      const body = await cities({
        locale: 'de',
        'filters[country][isoCode][$eq]': 'DE',
        sort: 'name:asc',
        'pagination[pageSize]': 20,
      });
      expect(body.data.map((city) => city.name)).toEqual([
        'Berlin',
        'Bremen',
        'Hannover',
        'Heidelberg',
        'Höhr-Grenzhausen',
        'Karlsruhe',
        'Mannheim',
        'Potsdam',
      ]);
      const music2014 = await cities({
        locale: 'en',
        'filters[creativeField][key][$eq]': 'music',
        'filters[memberSince][$eq]': 2014,
        'pagination[pageSize]': 50,
      });
      expect(music2014.data.map((city) => city.name)).toEqual(
        expect.arrayContaining(['Hannover', 'Mannheim'])
      );
      expect(music2014.data.every((city) => city.memberSince === 2014)).toBe(true);
    });

    it('searches names case-insensitively', async () => {
      const body = await cities({ locale: 'de', 'filters[name][$containsi]': 'HEIDEL' });
      expect(body.data.map((city) => city.name)).toEqual(['Heidelberg']);
    });

    it('answers an unknown filter key with 400', async () => {
      const res = await anonymous().get('/api/cities').query({ 'filters[population][$gt]': 5 });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
    });
  });

  describe('sort and pagination', () => {
    it('sorts by year descending, then name', async () => {
      const body = await cities({
        locale: 'en',
        'sort[0]': 'memberSince:desc',
        'sort[1]': 'name:asc',
        'pagination[pageSize]': 3,
      });
      expect(body.data.every((city) => city.memberSince === 2025)).toBe(true);
      expect(body.data[0].name).toBe('Aberystwyth');
    });

    it('pages through all cities without duplicates', async () => {
      const seen = new Set<string>();
      const first = await cities({
        locale: 'de',
        sort: 'slug:asc',
        'pagination[pageSize]': 100,
        'pagination[page]': 1,
      });
      const total = seedData().cities.length;
      expect(first.meta.pagination).toEqual({
        page: 1,
        pageSize: 100,
        pageCount: Math.ceil(total / 100),
        total,
      });
      for (let page = 1; page <= first.meta.pagination.pageCount; page += 1) {
        const body = await cities({
          locale: 'de',
          sort: 'slug:asc',
          'pagination[pageSize]': 100,
          'pagination[page]': page,
        });
        body.data.forEach((city) => seen.add(city.documentId));
      }
      expect(seen.size).toBe(total);
    });

    it('uses 25 entries per page by default, at most 100 (more is a 400, as the spec says)', async () => {
      expect((await cities({})).data).toHaveLength(25);
      expect((await cities({ 'pagination[pageSize]': 100 })).data).toHaveLength(100);
      const res = await anonymous().get('/api/cities').query({ 'pagination[pageSize]': 500 });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('pagination[pageSize] must be at most 100');
    });

    it('answers in the default locale de without a locale parameter', async () => {
      const body = await cities({ 'filters[key][$eq]': 'rome' });
      expect(body.data[0]).toMatchObject({ name: 'Rom', locale: 'de' });
    });
  });

  describe('findOne', () => {
    it('returns one city by documentId in the asked locale', async () => {
      const [prague] = (await cities({ locale: 'en', 'filters[key][$eq]': 'prague' })).data;
      const res = await anonymous()
        .get(`/api/cities/${prague.documentId}`)
        .query({ locale: 'de', populate: 'country' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        name: 'Prag',
        locale: 'de',
        country: { name: 'Tschechien' },
      });
    });

    it('answers an unknown documentId with 404', async () => {
      const res = await anonymous().get('/api/cities/doesnotexist0000000000000');
      expect(res.status).toBe(404);
    });
  });
});
