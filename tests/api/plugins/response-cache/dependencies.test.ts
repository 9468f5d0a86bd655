/**
 * Invalidation by dependency against the booted app: a write evicts the responses that read what
 * it changed and keeps the others cached; the read after a write sees it. Cache tags reach the
 * client as `Surrogate-Key` / `Cache-Tag`.
 */
import request from 'supertest';
import { baseUrl, graphql } from '../../../helpers/api';
import { createDocument, deleteDocument } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';

const CITY = 'api::city.city';
const COUNTRY = 'api::country.country';

interface City {
  documentId: string;
  name: string;
  website: string | null;
  country?: { name: string } | null;
}

let counter = 0;
/** A query parameter that changes nothing but makes a fresh cache key. */
function fresh(): string {
  counter += 1;
  return `filters[documentId][$ne]=dependency-test-${Date.now()}-${counter}`;
}

/** Filters that make a list show this city (and only it). */
function showing(city: City): string {
  return `filters[documentId][$eq]=${city.documentId}`;
}

async function get(path: string): Promise<request.Response> {
  return request(baseUrl()).get(path).expect(200);
}

/** Reads a path twice; the second answer must come from the cache. */
async function prime(path: string): Promise<request.Response> {
  await get(path);
  const again = await get(path);
  expect(again.headers['x-cache']).toBe('HIT');
  return again;
}

async function cache(path: string): Promise<string> {
  return (await get(path)).headers['x-cache'];
}

function updateCity(documentId: string, locale: string, data: Partial<City>): Promise<unknown> {
  return getStrapi()
    .documents(CITY)
    .update({ documentId, locale, data: data as never, status: 'published' });
}

describe('invalidation by dependency', () => {
  let cities: City[] = [];
  let written: City;
  let other: City;
  let writtenDe: City;

  beforeAll(async () => {
    cities = (await get('/api/cities?locale=en&sort=name:asc&pagination[pageSize]=5')).body
      .data as City[];
    [written, other] = cities;
    writtenDe = (await get(`/api/cities/${written.documentId}?locale=de`)).body.data as City;
  });

  afterAll(async () => {
    await updateCity(written.documentId, 'en', { name: written.name, website: written.website });
  });

  it('a city write in en evicts its detail and the en lists, and keeps everything else', async () => {
    const detailEn = `/api/cities/${written.documentId}?locale=en&${fresh()}`;
    const listEn = `/api/cities?locale=en&sort=name:asc&${fresh()}`;
    const keep = {
      otherCity: `/api/cities/${other.documentId}?locale=en&${fresh()}`,
      goals: `/api/network-goals?locale=en&${fresh()}`,
      network: `/api/network?locale=en&${fresh()}`,
      detailDe: `/api/cities/${written.documentId}?locale=de&${fresh()}`,
      listDe: `/api/cities?locale=de&${fresh()}`,
      countriesEn: `/api/countries?locale=en&${fresh()}`,
    };
    for (const path of [detailEn, listEn, ...Object.values(keep)]) await prime(path);

    const renamed = `${written.name} (renamed)`;
    await updateCity(written.documentId, 'en', { name: renamed });

    // The read after the write sees it.
    const detail = await get(detailEn);
    expect(detail.headers['x-cache']).toBe('MISS');
    expect((detail.body.data as City).name).toBe(renamed);
    const list = await get(listEn);
    expect(list.headers['x-cache']).toBe('MISS');
    expect((list.body.data as City[]).map((city) => city.name)).toContain(renamed);

    // Nothing else was evicted: other cities, goals, the network page, German, other types.
    for (const [name, path] of Object.entries(keep)) {
      expect({ name, cache: await cache(path) }).toEqual({ name, cache: 'HIT' });
    }
    expect((await get(keep.detailDe)).body.data.name).toBe(writtenDe.name);
  });

  it('a write of a non-localized field reaches every locale (Strapi syncs it)', async () => {
    const detailDe = `/api/cities/${written.documentId}?locale=de&${fresh()}`;
    const listDe = `/api/cities?locale=de&${showing(written)}&${fresh()}`;
    const otherDe = `/api/cities/${other.documentId}?locale=de&${fresh()}`;
    for (const path of [detailDe, listDe, otherDe]) await prime(path);

    const website = `https://example.org/dependency-test-${Date.now()}`;
    await updateCity(written.documentId, 'en', { website });

    const detail = await get(detailDe);
    expect(detail.headers['x-cache']).toBe('MISS');
    expect((detail.body.data as City).website).toBe(website);
    expect(await cache(listDe)).toBe('MISS');
    expect(await cache(otherDe)).toBe('HIT');
  });

  it('a write of a related document evicts the responses that populated it', async () => {
    const populated = `/api/cities?locale=de&populate[country]=true&${fresh()}`;
    const plain = `/api/cities?locale=de&${fresh()}`;
    const primed = await prime(populated);
    await prime(plain);
    const city = (primed.body.data as City[]).find((entry) => entry.country);
    const countryName = city?.country?.name as string;
    const country = (
      await get(`/api/countries?locale=de&filters[name][$eq]=${encodeURIComponent(countryName)}`)
    ).body.data[0] as { documentId: string };

    const renamed = `${countryName} (umbenannt)`;
    try {
      await getStrapi()
        .documents(COUNTRY)
        .update({
          documentId: country.documentId,
          locale: 'de',
          data: { name: renamed } as never,
          status: 'published',
        });
      const after = await get(populated);
      expect(after.headers['x-cache']).toBe('MISS');
      const names = (after.body.data as City[]).map((entry) => entry.country?.name);
      expect(names).toContain(renamed);
      expect(await cache(plain)).toBe('HIT');
    } finally {
      await getStrapi()
        .documents(COUNTRY)
        .update({
          documentId: country.documentId,
          locale: 'de',
          data: { name: countryName } as never,
          status: 'published',
        });
    }
  });

  it('a write that bypasses the Document Service (db.query) is seen too', async () => {
    const detailEn = `/api/cities/${other.documentId}?locale=en&${fresh()}`;
    const listEn = `/api/cities?locale=en&${showing(other)}&${fresh()}`;
    await prime(detailEn);
    await prime(listEn);
    const renamed = `${other.name} (raw)`;
    try {
      await getStrapi()
        .db.query(CITY)
        .update({
          where: { documentId: other.documentId, locale: 'en', publishedAt: { $notNull: true } },
          data: { name: renamed },
        });
      expect((await get(detailEn)).body.data.name).toBe(renamed);
      expect((await get(listEn)).headers['x-cache']).toBe('MISS');
    } finally {
      await getStrapi()
        .db.query(CITY)
        .update({
          where: { documentId: other.documentId, locale: 'en', publishedAt: { $notNull: true } },
          data: { name: other.name },
        });
    }
  });

  it('a change of the locales (or anything shared) evicts everything', async () => {
    const path = `/api/network-goals?locale=en&${fresh()}`;
    await prime(path);
    const locales = getStrapi().plugin('i18n').service('locales');
    const added = (await locales.create({ code: 'fr', name: 'French (fr)' })) as { id: number };
    try {
      expect(await cache(path)).toBe('MISS');
    } finally {
      await locales.delete({ id: added.id });
    }
  });
});

describe('lists checked after a write instead of recomputed', () => {
  const page = (n: number, key: string): string =>
    `/api/cities?locale=en&sort=name:asc&pagination[page]=${n}&pagination[pageSize]=5&${key}`;
  const names = (res: request.Response): string[] =>
    (res.body.data as City[]).map((city) => city.name);
  let first: City;

  beforeAll(async () => {
    first = (await get(page(1, fresh()))).body.data[0] as City;
  });

  afterAll(async () => {
    await updateCity(first.documentId, 'en', { name: first.name, website: first.website });
  });

  it('keeps a page that did not show the written city, byte for byte, and recomputes the one that did', async () => {
    const key = fresh();
    const showing = page(1, key);
    const notShowing = page(3, key);
    counter += 1;
    const query = `{ cities(locale: "en", sort: "name:asc", pagination: { page: 3, pageSize: 5 }) { n${counter}: name country { name } } }`;
    await prime(showing);
    const before = await prime(notShowing);
    await graphql(query);
    const graphqlBefore = await graphql(query);
    expect(graphqlBefore.headers['x-cache']).toBe('HIT');

    const website = `https://example.org/checked-${Date.now()}`;
    await updateCity(first.documentId, 'en', { website });

    const shown = await get(showing);
    expect(shown.headers['x-cache']).toBe('MISS');
    expect((shown.body.data as City[])[0].website).toBe(website);
    const kept = await get(notShowing);
    expect(kept.headers['x-cache']).toBe('HIT');
    expect(kept.text).toBe(before.text);
    const graphqlAfter = await graphql(query);
    expect(graphqlAfter.headers['x-cache']).toBe('HIT');
    expect(graphqlAfter.text).toBe(graphqlBefore.text);
  });

  it('recomputes a page that did not show the city when its rows moved because of it', async () => {
    const key = fresh();
    const before = await prime(page(2, key));
    // Renamed to sort after every page-2 name, the first city leaves page 1: page 2 shifts by one.
    await updateCity(first.documentId, 'en', { name: `zzz ${first.name}` });
    try {
      const after = await get(page(2, key));
      expect(after.headers['x-cache']).toBe('MISS');
      expect(names(after)).not.toEqual(names(before));
      expect(names(after)).toEqual(names(await get(page(2, fresh()))));
    } finally {
      await updateCity(first.documentId, 'en', { name: first.name });
    }
  });

  it('recomputes a page whose total changed although its rows did not', async () => {
    const path = page(1, fresh());
    const before = await prime(path);
    const total = (before.body.meta as { pagination: { total: number } }).pagination.total;
    const created = await createDocument(CITY, {
      en: { key: `list-check-${Date.now()}`, name: 'zzz List Check City', slug: 'list-check-city' },
    });
    try {
      const after = await get(path);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body.meta.pagination.total).toBe(total + 1);
      expect(names(after)).toEqual(names(before));
    } finally {
      await deleteDocument(CITY, created);
    }
    expect((await get(path)).body.meta.pagination.total).toBe(total);
  });

  it('recomputes a list read with fallbackLocale on every write of its type', async () => {
    // Which documents fall back is asked of the database outside the Document Service: a check
    // would not repeat that query, so such lists are evicted as before.
    const path = `/api/cities?locale=en&fallbackLocale=de&sort=name:asc&pagination[page]=3&pagination[pageSize]=5&${fresh()}`;
    await prime(path);
    await updateCity(first.documentId, 'en', {
      website: `https://example.org/fallback-${Date.now()}`,
    });
    expect(await cache(path)).toBe('MISS');
  });
});

describe('cache tags for CDNs', () => {
  it('name the type and locale of a list and the document of a detail', async () => {
    const list = await get(`/api/cities?locale=en&${fresh()}`);
    const listTags = (list.headers['surrogate-key'] as string).split(' ');
    expect(listTags).toEqual(expect.arrayContaining(['all', 't:api::city.city@en']));
    expect(list.headers['cache-tag']).toBe(listTags.join(','));

    const documentId = (list.body.data as City[])[0].documentId;
    const detail = await get(`/api/cities/${documentId}?locale=en`);
    expect((detail.headers['surrogate-key'] as string).split(' ')).toEqual(
      expect.arrayContaining([`d:${documentId}@en`, 'a:api::city.city'])
    );
    // A hit carries the same tags as the miss that stored it.
    const hit = await get(`/api/cities/${documentId}?locale=en`);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['surrogate-key']).toBe(detail.headers['surrogate-key']);
  });

  it('name related types read through a populated relation', async () => {
    const res = await get(`/api/cities?locale=de&populate[country]=true&${fresh()}`);
    expect((res.headers['surrogate-key'] as string).split(' ')).toEqual(
      expect.arrayContaining(['t:api::country.country', 'a:api::country.country'])
    );
  });

  it('are not sent for credentials the cache does not serve', async () => {
    const res = await request(baseUrl())
      .get(`/api/cities?locale=de&${fresh()}`)
      .set('Authorization', 'Bearer not-a-token');
    expect(res.headers['x-cache']).toBe('BYPASS');
    expect(res.headers['surrogate-key']).toBeUndefined();
  });
});
