import { runSeed } from '../../src/seed';
import { anonymous } from '../helpers/api';
import { CITY } from '../helpers/documents';
import { seedData, seedVersionCount } from '../helpers/seed-data';
import { getStrapi } from '../helpers/strapi';

const LOCALES = ['de', 'en'] as const;

async function total(path: string, locale: string): Promise<number> {
  const res = await anonymous().get(path).query({ locale, 'pagination[pageSize]': 1 });
  expect(res.status).toBe(200);
  return res.body.meta.pagination.total;
}

describe('seed content', () => {
  describe.each(LOCALES)('in locale %s', (locale) => {
    it('has one published city per row of the member list', async () => {
      expect(await total('/api/cities', locale)).toBe(seedData().cities.length);
    });

    it('has the eight creative fields, the countries and the six goals', async () => {
      expect(await total('/api/creative-fields', locale)).toBe(seedData().creativeFields.length);
      expect(await total('/api/countries', locale)).toBe(seedData().countries.length);
      expect(await total('/api/network-goals', locale)).toBe(seedData().networkGoals.length);
    });

    it('has the network page', async () => {
      const res = await anonymous().get('/api/network').query({ locale, populate: 'links' });
      expect(res.status).toBe(200);
      expect(res.body.data.locale).toBe(locale);
      expect(res.body.data.title).toBe(seedData().network.title[locale]);
      expect(res.body.data.links.map((link: { url: string }) => link.url)).toEqual(
        seedData().network.links.map((link) => link.url)
      );
    });
  });

  it('writes German exonyms in de and the English name in en', async () => {
    const de = await anonymous()
      .get('/api/cities')
      .query({ locale: 'de', 'filters[key][$eq]': 'krakow' });
    const en = await anonymous()
      .get('/api/cities')
      .query({ locale: 'en', 'filters[key][$eq]': 'krakow' });
    expect(de.body.data[0].name).toBe('Krakau');
    expect(en.body.data[0].name).toBe('Kraków');
    expect(de.body.data[0].documentId).toBe(en.body.data[0].documentId);
  });

  it('tells the two Granadas apart by slug in both locales', async () => {
    for (const [locale, slugs] of [
      ['de', ['granada-nicaragua', 'granada-spanien']],
      ['en', ['granada-nicaragua', 'granada-spain']],
    ] as const) {
      const res = await anonymous().get('/api/cities').query({
        locale,
        'filters[name][$eq]': 'Granada',
        sort: 'slug:asc',
        'populate[0]': 'country',
      });
      expect(res.body.data.map((city: { slug: string }) => city.slug)).toEqual(slugs);
    }
  });

  it('a second seed run changes nothing', () => {
    const report = JSON.parse(process.env.TEST_RESEED_REPORT ?? '{}');
    expect(report).toEqual({ created: 0, updated: 0, unchanged: seedVersionCount(), kept: 0 });
  });
});

describe('re-seeding a database an earlier seed release wrote', () => {
  // Kashan and Rasht were "Kashan" and "Rasht" in German before the member list of 2026-11-30;
  // database/seed/earlier-values.json remembers that.
  const documents = () => getStrapi().documents(CITY);

  async function germanVersion(key: string): Promise<Record<string, unknown>> {
    const [city] = await documents().findMany({
      locale: 'de',
      status: 'published',
      filters: { key },
    });
    return city as unknown as Record<string, unknown>;
  }

  async function write(key: string, data: Record<string, unknown>): Promise<void> {
    const { documentId } = (await germanVersion(key)) as { documentId: string };
    await documents().update({
      documentId,
      locale: 'de',
      data: data as never,
      status: 'published',
    });
  }

  function seedCity(key: string) {
    const city = seedData().cities.find((candidate) => candidate.key === key);
    if (!city) throw new Error(`No seed city ${key}`);
    return city;
  }

  // Other test files may leave editor-like changes on seeded documents; count only ours.
  let keptBefore = 0;
  beforeAll(async () => {
    keptBefore = (await runSeed(getStrapi())).kept;
  });

  afterAll(async () => {
    for (const key of ['kashan', 'rasht']) {
      const city = seedCity(key);
      await write(key, { name: city.name.de, slug: city.slug.de, website: city.website });
    }
  });

  it('adds a city that is new in the member list, in both locales', async () => {
    const { documentId } = (await germanVersion('hebron')) as { documentId: string };
    await documents().delete({ documentId, locale: '*' });

    const report = await runSeed(getStrapi());

    expect(report).toMatchObject({ created: 2, updated: 0 });
    for (const locale of ['de', 'en']) {
      const res = await anonymous()
        .get('/api/cities')
        .query({ locale, 'filters[key][$eq]': 'hebron', 'populate[0]': 'country' });
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0]).toMatchObject({ name: 'Hebron', memberSince: 2025 });
      expect(res.body.data[0].country.isoCode).toBe('PS');
    }
  });

  it('renames a city and keeps what an editor changed in another field', async () => {
    await write('kashan', { name: 'Kashan', slug: 'kashan' });
    await write('kashan', { website: 'https://www.kashan.ir/' });

    const report = await runSeed(getStrapi());

    // `website` is shared between locales: the editor's value is kept in both versions.
    expect(report).toMatchObject({ created: 0, updated: 1, kept: keptBefore + 2 });
    expect(await germanVersion('kashan')).toMatchObject({
      name: 'Kaschan',
      slug: 'kaschan',
      website: 'https://www.kashan.ir/',
    });
    const en = await anonymous()
      .get('/api/cities')
      .query({ locale: 'en', 'filters[key][$eq]': 'kashan' });
    expect(en.body.data[0]).toMatchObject({
      name: 'Kashan',
      slug: 'kashan',
      website: 'https://www.kashan.ir/',
    });
  });

  it('keeps a name an editor chose over the old and the new seed name', async () => {
    await write('rasht', { name: 'Rascht (Gilan)', slug: 'rasht' });

    const report = await runSeed(getStrapi());

    // The slug still held the old seed value, so it follows the seed; the name is the editor's.
    expect(report).toMatchObject({ created: 0, updated: 1 });
    expect(await germanVersion('rasht')).toMatchObject({ name: 'Rascht (Gilan)', slug: 'rascht' });
  });

  it("writes nothing over editors' changes to fields the seed never changed", async () => {
    await write('rasht', { name: seedCity('rasht').name.de, website: 'https://rasht.ir/' });

    const report = await runSeed(getStrapi());

    // Rasht's website and Kashan's from the first test, each in both locale versions.
    expect(report).toMatchObject({ created: 0, updated: 0, kept: keptBefore + 4 });
    expect(await germanVersion('rasht')).toMatchObject({ website: 'https://rasht.ir/' });
  });
});
