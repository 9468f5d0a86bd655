/**
 * Field fallback under a chain (issue 27, point 3): a read in `fr` with the chain fr → en → de
 * fills the empty translated fields of the versions it serves from the first chain locale that
 * has a value, at every depth, over REST and GraphQL, and names the locale of each filled field
 * (`fallbackFields`); shared fields and slugs are never filled; `fallbackLocale=<code>` and
 * `fallbackLocale=none` apply to fields as to documents; a write of the `en` value evicts the
 * cached `fr` answers that used (or looked at) it.
 */
import os from 'node:os';
import path from 'node:path';
import { rmSync, existsSync } from 'node:fs';
import { anonymous, graphql, queriesOf } from '../helpers/api';
import { ResponseValidator, type OpenApiSpec } from '../helpers/openapi';
import { CITY, COUNTRY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';

const FR = 'fr';
const exportFile = path.join(os.tmpdir(), `field-fallback-${process.pid}.xlf`);
const ids = { country: '', fromEn: '', fromDe: '', complete: '', onlyEnDe: '' };

const text = (value: string) => [{ type: 'paragraph', children: [{ type: 'text', text: value }] }];
/** What the blocks editor saves for a field it emptied. */
const emptied = [{ type: 'paragraph', children: [{ type: 'text', text: '  ' }] }];
const textOf = (blocks: unknown) =>
  Array.isArray(blocks)
    ? (blocks as Array<{ children: Array<{ text: string }> }>)
        .flatMap((block) => block.children.map((child) => child.text))
        .join('')
    : blocks;

interface Entry {
  documentId: string;
  name: string;
  locale: string;
  description: unknown;
  fallback?: boolean;
  fallbackFields?: Record<string, string>;
  website?: string | null;
  slug?: string | null;
  country?: { name: string; cities?: Entry[] } | null;
}

const cityIds = () => [ids.fromEn, ids.fromDe, ids.complete, ids.onlyEnDe];
const ofTest = () =>
  cityIds()
    .map((id, index) => `filters[documentId][$in][${index}]=${id}`)
    .join('&') + '&sort=key:asc';
const served = (entries: Entry[]) =>
  entries.map(({ name, locale, description, fallback, fallbackFields }) => ({
    name,
    locale,
    description: textOf(description),
    fallback,
    fallbackFields,
  }));

beforeAll(async () => {
  const strapi = getStrapi();
  await localeLifecycle(strapi).add({ code: FR, name: 'Französisch', fallback: ['en', 'de'] });
  await localeLifecycle(strapi).launch(FR, { force: true });
  ids.country = await createDocument(COUNTRY, {
    de: { name: 'Feldland', slug: 'feldland', isoCode: 'QF' },
    en: { name: 'Fieldland', slug: 'fieldland' },
    fr: { name: 'Champsland', slug: 'champsland' },
  });
  const country = { connect: [{ documentId: ids.country, locale: 'de' }] };
  // fr exists with an empty description: en has one.
  ids.fromEn = await createDocument(CITY, {
    de: {
      name: 'Feldstadt Eins',
      slug: 'feldstadt-eins',
      key: 'field-1',
      description: text('Beschreibung eins'),
      website: 'https://one.example',
      country,
    },
    en: { name: 'Field Town One', slug: 'field-town-one', description: text('Description one') },
    fr: { name: 'Ville champ un', slug: 'ville-champ-un', description: null },
  });
  // fr and en have emptied descriptions: de has one.
  ids.fromDe = await createDocument(CITY, {
    de: {
      name: 'Feldstadt Zwei',
      slug: 'feldstadt-zwei',
      key: 'field-2',
      description: text('Beschreibung zwei'),
      country,
    },
    en: { name: 'Field Town Two', slug: 'field-town-two', description: emptied },
    fr: { name: 'Ville champ deux', slug: 'ville-champ-deux', description: [] },
  });
  ids.complete = await createDocument(CITY, {
    de: {
      name: 'Feldstadt Drei',
      slug: 'feldstadt-drei',
      key: 'field-3',
      description: text('Beschreibung drei'),
      country,
    },
    fr: { name: 'Ville champ trois', slug: 'ville-champ-trois', description: text('Trois') },
  });
  // No fr version: served in en, whose empty description comes from de.
  ids.onlyEnDe = await createDocument(CITY, {
    de: {
      name: 'Feldstadt Vier',
      slug: 'feldstadt-vier',
      key: 'field-4',
      description: text('Beschreibung vier'),
      country,
    },
    en: { name: 'Field Town Four', slug: 'field-town-four', description: null },
  });
});

afterAll(async () => {
  for (const id of cityIds()) if (id) await deleteDocument(CITY, id);
  if (ids.country) await deleteDocument(COUNTRY, ids.country);
  await removeLocale(getStrapi(), FR, { exportTo: exportFile });
  if (existsSync(exportFile)) rmSync(exportFile);
});

const expectedList = [
  {
    name: 'Ville champ un',
    locale: 'fr',
    description: 'Description one',
    fallback: false,
    fallbackFields: { description: 'en' },
  },
  {
    name: 'Ville champ deux',
    locale: 'fr',
    description: 'Beschreibung zwei',
    fallback: false,
    fallbackFields: { description: 'de' },
  },
  {
    name: 'Ville champ trois',
    locale: 'fr',
    description: 'Trois',
    fallback: false,
    fallbackFields: undefined,
  },
  {
    name: 'Field Town Four',
    locale: 'en',
    description: 'Beschreibung vier',
    fallback: true,
    fallbackFields: { description: 'de' },
  },
];

describe('REST under the stored chain fr → en → de', () => {
  it('fills empty translated fields of a list from the first chain locale that has them', async () => {
    const res = await anonymous().get(`/api/cities?locale=fr&${ofTest()}`);
    expect(res.status).toBe(200);
    expect(served(res.body.data)).toEqual(expectedList);
  });

  it('never fills shared fields or slugs, and fills only the fields selected', async () => {
    const res = await anonymous().get(`/api/cities?locale=fr&${ofTest()}&fields[0]=name`);
    expect(res.status).toBe(200);
    // description not selected: nothing to fill, no provenance, no chain read for it.
    expect(res.body.data.map((entry: Entry) => entry.fallbackFields)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const detail = await anonymous().get(`/api/cities/${ids.fromEn}?locale=fr`);
    // website is shared (the same in every version); the slug stays the fr version's own.
    expect(detail.body.data).toMatchObject({
      slug: 'ville-champ-un',
      website: 'https://one.example',
      fallbackFields: { description: 'en' },
    });
  });

  it('fills a single entry', async () => {
    const res = await anonymous().get(`/api/cities/${ids.fromDe}?locale=fr`);
    expect(res.status).toBe(200);
    expect(served([res.body.data])).toEqual([expectedList[1]]);
  });

  it('fills the members of populated relations, at depth 2', async () => {
    const res = await anonymous().get(
      `/api/cities/${ids.complete}?locale=fr&populate[country][populate][cities][fields][0]=name&populate[country][populate][cities][fields][1]=description&populate[country][populate][cities][sort]=key:asc`
    );
    expect(res.status).toBe(200);
    const cities = (res.body.data as Entry).country?.cities ?? [];
    const ours = cities.filter((city) => cityIds().includes(city.documentId));
    expect(served(ours)).toEqual(expectedList);
  });

  it('follows fallbackLocale=<code> for fields too, and fallbackLocale=none switches it off', async () => {
    const override = await anonymous().get(`/api/cities?locale=fr&fallbackLocale=de&${ofTest()}`);
    expect(served(override.body.data).slice(0, 2)).toEqual([
      {
        ...expectedList[0],
        description: 'Beschreibung eins',
        fallbackFields: { description: 'de' },
      },
      expectedList[1],
    ]);
    const none = await anonymous().get(`/api/cities?locale=fr&fallbackLocale=none&${ofTest()}`);
    expect(served(none.body.data)).toEqual([
      {
        name: 'Ville champ un',
        locale: 'fr',
        description: null,
        fallback: undefined,
        fallbackFields: undefined,
      },
      {
        name: 'Ville champ deux',
        locale: 'fr',
        description: '',
        fallback: undefined,
        fallbackFields: undefined,
      },
      {
        name: 'Ville champ trois',
        locale: 'fr',
        description: 'Trois',
        fallback: undefined,
        fallbackFields: undefined,
      },
    ]);
    // A locale without a chain is served as stored.
    const en = await anonymous().get(`/api/cities/${ids.fromDe}?locale=en`);
    expect(en.body.data.fallbackFields).toBeUndefined();
    expect(textOf(en.body.data.description)).toBe('  ');
  });
});

describe('cost', () => {
  let counter = 0;
  /** A filter that matches every test city but makes a fresh cache key (every read a MISS). */
  const fresh = () => `filters[key][$ne]=cost-${Date.now()}-${(counter += 1)}`;

  it('costs at most one query per chain locale for the whole page', async () => {
    // Three entries need filling (two from en, two from de): per entry it would be four reads.
    const plain = await anonymous().get(
      `/api/cities?locale=fr&${ofTest()}&fields[0]=name&${fresh()}`
    );
    const filled = await anonymous().get(`/api/cities?locale=fr&${ofTest()}&${fresh()}`);
    expect([plain.headers['x-cache'], filled.headers['x-cache']]).toEqual(['MISS', 'MISS']);
    expect(served(filled.body.data)).toEqual(expectedList);
    const extra = queriesOf(filled) - queriesOf(plain);
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(2);
  });
});

describe('the OpenAPI description', () => {
  it('declares fallbackFields: filled answers validate against /openapi.json, a wrong shape does not', async () => {
    const spec = (await anonymous().get('/openapi.json')).body as OpenApiSpec;
    const validator = new ResponseValidator(spec);
    const list = `/api/cities?locale=fr&${ofTest()}&populate=country`;
    const res = await anonymous().get(list);
    expect(res.body.data[0].fallbackFields).toEqual({ description: 'en' });
    expect(validator.check('get', list, 200, res.body).errors).toEqual([]);
    const detail = `/api/cities/${ids.fromEn}?locale=fr`;
    const one = await anonymous().get(detail);
    expect(validator.check('get', detail, 200, one.body).errors).toEqual([]);
    const broken = { ...one.body, data: { ...one.body.data, fallbackFields: { description: 7 } } };
    expect(validator.check('get', detail, 200, broken).errors.join('\n')).toMatch(
      /fallbackFields\/description must be string/
    );
  });
});

describe('cached fr answers and writes in the chain', () => {
  const writeEn = async (documentId: string, value: string) =>
    getStrapi()
      .documents(CITY)
      .update({
        documentId,
        locale: 'en',
        status: 'published',
        data: { description: text(value) } as never,
      });

  it('a write of the en value used evicts the fr answer', async () => {
    const url = `/api/cities/${ids.fromEn}?locale=fr`;
    await anonymous().get(url);
    expect((await anonymous().get(url)).headers['x-cache']).toBe('HIT');
    await writeEn(ids.fromEn, 'Description one, revised');
    const after = await anonymous().get(url);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(textOf(after.body.data.description)).toBe('Description one, revised');
    expect(after.body.data.fallbackFields).toEqual({ description: 'en' });
  });

  it('a write in en of a document the fr answer did not use keeps it cached', async () => {
    const url = `/api/cities/${ids.fromEn}?locale=fr`;
    await anonymous().get(url);
    expect((await anonymous().get(url)).headers['x-cache']).toBe('HIT');
    await getStrapi()
      .documents(CITY)
      .update({
        documentId: ids.onlyEnDe,
        locale: 'en',
        status: 'published',
        data: { name: 'Field Town Four' } as never,
      });
    expect((await anonymous().get(url)).headers['x-cache']).toBe('HIT');
  });

  it('an en value written where en was empty evicts the fr answer that fell through to de', async () => {
    const url = `/api/cities?locale=fr&${ofTest()}`;
    await anonymous().get(url);
    expect((await anonymous().get(url)).headers['x-cache']).toBe('HIT');
    await writeEn(ids.fromDe, 'Description two');
    const after = await anonymous().get(url);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(served(after.body.data)[1]).toMatchObject({
      description: 'Description two',
      fallbackFields: { description: 'en' },
    });
  });
});

describe('GraphQL under the stored chain', () => {
  const query = `query ($ids: [ID], $fallbackLocale: I18NLocaleCode) {
    cities(locale: "fr", fallbackLocale: $fallbackLocale, filters: { documentId: { in: $ids } }, sort: "key:asc") {
      documentId name locale fallback description fallbackFields { field locale }
      country { name cities(sort: "key:asc") { documentId name description fallbackFields { field locale } } }
    }
  }`;
  const variables = () => ({ ids: cityIds() });
  const sources = (entries: Entry[]) =>
    entries.map((entry) => ({
      name: entry.name,
      description: textOf(entry.description),
      fallbackFields: entry.fallbackFields,
    }));

  it('fills the list and the relations at depth, with fallbackFields as a list', async () => {
    // Restore the en values the cache tests wrote.
    await getStrapi()
      .documents(CITY)
      .update({
        documentId: ids.fromDe,
        locale: 'en',
        status: 'published',
        data: { description: emptied } as never,
      });
    const res = await graphql(query, variables());
    expect(res.body.errors).toBeUndefined();
    const cities = res.body.data.cities as Entry[];
    const expected = [
      {
        name: 'Ville champ un',
        description: 'Description one, revised',
        fallbackFields: [{ field: 'description', locale: 'en' }],
      },
      {
        name: 'Ville champ deux',
        description: 'Beschreibung zwei',
        fallbackFields: [{ field: 'description', locale: 'de' }],
      },
      { name: 'Ville champ trois', description: 'Trois', fallbackFields: [] },
      {
        name: 'Field Town Four',
        description: 'Beschreibung vier',
        fallbackFields: [{ field: 'description', locale: 'de' }],
      },
    ];
    expect(sources(cities)).toEqual(expected);
    const nested = (cities[2].country?.cities ?? []).filter((city) =>
      cityIds().includes(city.documentId)
    );
    expect(sources(nested)).toEqual(expected);
  });

  it('fallbackLocale: null switches field fallback off', async () => {
    const res = await graphql(query, { ...variables(), fallbackLocale: null });
    expect(res.body.errors).toBeUndefined();
    expect(sources(res.body.data.cities as Entry[]).slice(0, 2)).toEqual([
      { name: 'Ville champ un', description: null, fallbackFields: [] },
      { name: 'Ville champ deux', description: '', fallbackFields: [] },
    ]);
  });
});
