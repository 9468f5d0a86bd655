import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { anonymous } from '../helpers/api';
import { seedData } from '../helpers/seed-data';

const LOCALES = ['de', 'en'] as const;

async function total(path: string, locale: string): Promise<number> {
  const res = await anonymous().get(path).query({ locale, 'pagination[pageSize]': 1 });
  expect(res.status).toBe(200);
  return res.body.meta.pagination.total;
}

describe('seed content', () => {
  describe.each(LOCALES)('in locale %s', (locale) => {
    it('has one published city per row of the member list', async () => {
      expect(seedData().cities).toHaveLength(402);
      expect(await total('/api/cities', locale)).toBe(402);
    });

    it('has the eight creative fields, the countries and the six goals', async () => {
      expect(await total('/api/creative-fields', locale)).toBe(8);
      expect(await total('/api/countries', locale)).toBe(seedData().countries.length);
      expect(await total('/api/network-goals', locale)).toBe(6);
    });

    it('has the network page', async () => {
      const res = await anonymous().get('/api/network').query({ locale, populate: 'links' });
      expect(res.status).toBe(200);
      expect(res.body.data.locale).toBe(locale);
      expect(res.body.data.title).toBe(seedData().network.title[locale]);
      expect(res.body.data.links).toHaveLength(4);
      expect(res.body.data.links[0].url).toBe('https://sdgs.un.org/2030agenda');
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
    expect(report).toEqual({ created: 0, updated: 0, unchanged: expect.any(Number) });
    // 402 + 108 + 8 + 6 + 1 records, each in two locales
    expect(report.unchanged).toBe((402 + seedData().countries.length + 8 + 6 + 1) * 2);
  });
});

describe('npm run seed', () => {
  it('re-syncs the running database without changing anything', () => {
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/seed.ts'], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, SEED_ON_BOOTSTRAP: 'false' },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Seed: 0 created, 0 updated, 1050 unchanged');
  }, 180_000);
});
