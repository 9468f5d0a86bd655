/**
 * Fallback chains applied on reads (issue 27, point 3): a third locale `fr` with the chain
 * fr → en → de serves each city in the first locale of the chain that has it, without a
 * `fallbackLocale` parameter, over REST (list, single, populate) and GraphQL (list, relations);
 * `fallbackLocale=<code>` overrides the chain, `fallbackLocale=none` (GraphQL: `null`) switches
 * it off; a write in the chain's second locale evicts the cached `fr` answers that used it, and a
 * changed chain is followed at once.
 */
import os from 'node:os';
import path from 'node:path';
import { rmSync, existsSync } from 'node:fs';
import { anonymous, graphql, queriesOf } from '../helpers/api';
import { CITY, COUNTRY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';

const FR = 'fr';
/** A non-localized alternative name every version of the test cities shares (for search). */
const ALT = 'Zyxkettenort';
const ids = { country: '', onlyDe: '', withEn: '', withFr: '' };
const exportFile = path.join(os.tmpdir(), `fallback-chain-${process.pid}.xlf`);

interface Entry {
  documentId: string;
  name: string;
  locale: string;
  fallback?: boolean;
  country?: { name: string; locale: string; fallback?: boolean } | null;
}

const ofTest = () =>
  `filters[documentId][$in][0]=${ids.onlyDe}&filters[documentId][$in][1]=${ids.withEn}&filters[documentId][$in][2]=${ids.withFr}&sort=key:asc`;
const served = (entries: Entry[]) =>
  entries.map(({ name, locale, fallback }) => ({ name, locale, fallback }));

beforeAll(async () => {
  const strapi = getStrapi();
  await localeLifecycle(strapi).add({ code: FR, name: 'Französisch', fallback: ['en', 'de'] });
  await localeLifecycle(strapi).launch(FR, { force: true });
  ids.country = await createDocument(COUNTRY, {
    de: { name: 'Kettenland', slug: 'kettenland', isoCode: 'QK' },
    en: { name: 'Chainland', slug: 'chainland' },
  });
  const country = { connect: [{ documentId: ids.country, locale: 'de' }] };
  ids.onlyDe = await createDocument(CITY, {
    de: {
      name: 'Kettenstadt Eins',
      slug: 'kettenstadt-eins',
      key: 'chain-1',
      alternativeNames: ALT,
      country,
    },
  });
  ids.withEn = await createDocument(CITY, {
    de: {
      name: 'Kettenstadt Zwei',
      slug: 'kettenstadt-zwei',
      key: 'chain-2',
      alternativeNames: ALT,
    },
    en: { name: 'Chain Town Two', slug: 'chain-town-two' },
  });
  ids.withFr = await createDocument(CITY, {
    de: {
      name: 'Kettenstadt Drei',
      slug: 'kettenstadt-drei',
      key: 'chain-3',
      alternativeNames: ALT,
    },
    en: { name: 'Chain Town Three', slug: 'chain-town-three' },
    fr: { name: 'Ville chaîne trois', slug: 'ville-chaine-trois' },
  });
});

afterAll(async () => {
  for (const id of [ids.onlyDe, ids.withEn, ids.withFr]) if (id) await deleteDocument(CITY, id);
  if (ids.country) await deleteDocument(COUNTRY, ids.country);
  await removeLocale(getStrapi(), FR, { exportTo: exportFile });
  if (existsSync(exportFile)) rmSync(exportFile);
});

describe('REST under the stored chain fr → en → de', () => {
  it('serves a list from the first locale of the chain that has each city, without a parameter', async () => {
    const res = await anonymous().get(`/api/cities?locale=fr&${ofTest()}`);
    expect(res.status).toBe(200);
    expect(served(res.body.data)).toEqual([
      { name: 'Kettenstadt Eins', locale: 'de', fallback: true },
      { name: 'Chain Town Two', locale: 'en', fallback: true },
      { name: 'Ville chaîne trois', locale: 'fr', fallback: false },
    ]);
    expect(res.body.meta.pagination.total).toBe(3);
  });

  it('serves a single city and its populated country each from the first locale that has it', async () => {
    const res = await anonymous().get(`/api/cities/${ids.onlyDe}?locale=fr&populate=country`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ locale: 'de', fallback: true });
    // The city has only de, its country de and en: the chain puts en before de.
    expect(res.body.data.country).toMatchObject({
      name: 'Chainland',
      locale: 'en',
      fallback: true,
    });
    const single = await anonymous().get(`/api/cities/${ids.withEn}?locale=fr`);
    expect(single.body.data).toMatchObject({
      name: 'Chain Town Two',
      locale: 'en',
      fallback: true,
    });
  });

  it('lets fallbackLocale override the chain and fallbackLocale=none switch it off', async () => {
    const override = await anonymous().get(`/api/cities?locale=fr&fallbackLocale=de&${ofTest()}`);
    expect(served(override.body.data).map((entry) => entry.locale)).toEqual(['de', 'de', 'fr']);
    const none = await anonymous().get(`/api/cities?locale=fr&fallbackLocale=none&${ofTest()}`);
    expect(none.status).toBe(200);
    expect(served(none.body.data)).toEqual([
      { name: 'Ville chaîne trois', locale: 'fr', fallback: undefined },
    ]);
    // Other locales keep answering without fallback: they have no chain.
    const en = await anonymous().get(`/api/cities?locale=en&${ofTest()}`);
    expect(en.body.data.map((entry: Entry) => entry.fallback)).toEqual([undefined, undefined]);
  });

  it('refuses an unknown fallbackLocale with a 400 naming the launched locales', async () => {
    const res = await anonymous().get(`/api/cities?locale=fr&fallbackLocale=xx`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Unknown fallbackLocale "xx". Available locales: de, en, fr.'
    );
  });

  it('evicts a cached fr answer when its en version is written', async () => {
    const url = `/api/cities/${ids.withEn}?locale=fr`;
    await anonymous().get(url);
    const hit = await anonymous().get(url);
    expect(hit.headers['x-cache']).toBe('HIT');
    await getStrapi()
      .documents(CITY)
      .update({
        documentId: ids.withEn,
        locale: 'en',
        status: 'published',
        data: { name: 'Chain Town Two (new)' } as never,
      });
    const after = await anonymous().get(url);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.data).toMatchObject({ name: 'Chain Town Two (new)', locale: 'en' });
    const list = await anonymous().get(`/api/cities?locale=fr&${ofTest()}`);
    expect(list.body.data[1].name).toBe('Chain Town Two (new)');
  });
});

describe('GraphQL under the stored chain', () => {
  const query = `query ($ids: [ID], $fallbackLocale: I18NLocaleCode) {
    cities(locale: "fr", fallbackLocale: $fallbackLocale, filters: { documentId: { in: $ids } }, sort: "key:asc") {
      name locale fallback country { name locale fallback }
    }
  }`;
  const variables = () => ({ ids: [ids.onlyDe, ids.withEn, ids.withFr] });

  it('serves the list and the relations at depth from the first locale of the chain', async () => {
    const res = await graphql(query, variables());
    expect(res.body.errors).toBeUndefined();
    const cities = res.body.data.cities as Entry[];
    expect(served(cities)).toEqual([
      { name: 'Kettenstadt Eins', locale: 'de', fallback: true },
      { name: expect.stringMatching(/^Chain Town Two/), locale: 'en', fallback: true },
      { name: 'Ville chaîne trois', locale: 'fr', fallback: false },
    ]);
    expect(cities[0].country).toEqual({ name: 'Chainland', locale: 'en', fallback: true });
  });

  it('lets fallbackLocale override the chain and fallbackLocale: null switch it off', async () => {
    const override = await graphql(query, { ...variables(), fallbackLocale: 'de' });
    expect((override.body.data.cities as Entry[]).map((c) => c.locale)).toEqual(['de', 'de', 'fr']);
    const none = await graphql(query, { ...variables(), fallbackLocale: null });
    expect(served(none.body.data.cities)).toEqual([
      { name: 'Ville chaîne trois', locale: 'fr', fallback: false },
    ]);
  });
});

describe('search under the stored chain', () => {
  const localeById = (hits: Array<{ documentId: string; locale: string; fallback?: boolean }>) =>
    Object.fromEntries(hits.map((hit) => [hit.documentId, [hit.locale, hit.fallback]]));

  it('serves each hit from the first locale of the chain that has it; none switches it off', async () => {
    const res = await anonymous().get('/api/search?q=zyxkettenort&locale=fr');
    expect(res.status).toBe(200);
    expect(localeById(res.body.data)).toEqual({
      [ids.onlyDe]: ['de', true],
      [ids.withEn]: ['en', true],
      [ids.withFr]: ['fr', false],
    });
    const none = await anonymous().get('/api/search?q=zyxkettenort&locale=fr&fallbackLocale=none');
    expect(localeById(none.body.data)).toEqual({ [ids.withFr]: ['fr', undefined] });
    const override = await anonymous().get(
      '/api/search?q=zyxkettenort&locale=fr&fallbackLocale=de'
    );
    expect(localeById(override.body.data)[ids.withEn]).toEqual(['de', true]);
  });

  it('does the same in GraphQL (fallbackLocale: null switches it off)', async () => {
    const query = `query ($fallbackLocale: I18NLocaleCode) {
      search(q: "zyxkettenort", locale: "fr", fallbackLocale: $fallbackLocale) { hits { documentId locale fallback } }
    }`;
    const res = await graphql(query);
    expect(res.body.errors).toBeUndefined();
    expect(localeById(res.body.data.search.hits)).toEqual({
      [ids.onlyDe]: ['de', true],
      [ids.withEn]: ['en', true],
      [ids.withFr]: ['fr', false],
    });
    const none = await graphql(query, { fallbackLocale: null });
    expect(localeById(none.body.data.search.hits)).toEqual({ [ids.withFr]: ['fr', false] });
  });
});

describe('a chain changed at runtime', () => {
  it('is followed by the next read (the settings write evicts the cached answers)', async () => {
    const url = `/api/cities?locale=fr&${ofTest()}`;
    await anonymous().get(url);
    await localeLifecycle(getStrapi()).setFallback(FR, ['de']);
    try {
      const res = await anonymous().get(url);
      expect(res.headers['x-cache']).toBe('MISS');
      expect(served(res.body.data).map((entry) => entry.locale)).toEqual(['de', 'de', 'fr']);
    } finally {
      await localeLifecycle(getStrapi()).setFallback(FR, ['en', 'de']);
    }
  });
});

describe('the SQL a chain adds', () => {
  it('costs no query more than the same list without fallback: the page and its total each keep one version per document in their own statement', async () => {
    const list = (query: string) =>
      anonymous().get(`/api/cities?${query}&fields[0]=name&fields[1]=locale&${ofTest()}`);
    const chained = await list(`locale=${FR}`);
    const plain = await list('locale=en&fallbackLocale=none');
    expect(chained.status).toBe(200);
    expect(plain.status).toBe(200);
    expect(served(chained.body.data).map((entry) => entry.locale)).toEqual(['de', 'en', 'fr']);
    expect(chained.headers['x-cache']).toBe('MISS');
    expect(plain.headers['x-cache']).toBe('MISS');
    expect(queriesOf(chained)).toBe(queriesOf(plain));
  });
});
