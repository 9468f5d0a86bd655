/**
 * An unlaunched locale is private (docs/adr/0005-locale-settings.md): no public answer shows text
 * of its versions, nor that they exist. Each public way in that could leak one: search (a match
 * on its names, the matched name), REST and GraphQL language alternates (`localizations`, with
 * and without `locale` selected), GraphQL's locale list. Launching shows it everywhere,
 * unlaunching hides it again, also when another instance of the app launches or unlaunches it.
 */
import { anonymous, graphql, tokenHeader } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';

const FR = 'fr';
/** A word only the fr version's name has. */
const SECRET = 'Zyxwvouille';
let documentId = '';

beforeAll(async () => {
  await localeLifecycle(getStrapi()).add({ code: FR, name: 'Französisch', fallback: ['en'] });
  documentId = await createDocument(CITY, {
    de: { name: 'Geheimnisstadt', slug: 'geheimnisstadt', key: 'privacy-city', memberSince: 2018 },
    en: { name: 'Secret Town', slug: 'secret-town' },
    fr: { name: `Ville ${SECRET}`, slug: 'ville-secrete' },
  });
});

afterAll(async () => {
  const strapi = getStrapi();
  if (documentId) await deleteDocument(CITY, documentId);
  const codes = (await strapi.plugin('i18n').service('locales').find()).map(
    (locale: { code: string }) => locale.code
  );
  if (codes.includes(FR)) await removeLocale(strapi, FR, { exportTo: '/dev/null' });
});

const search = (q: string, locale: string) =>
  anonymous().get(`/api/search?q=${encodeURIComponent(q)}&locale=${locale}`);

const restAlternates = async (fields: string[]): Promise<Array<Record<string, unknown>>> => {
  const select = fields.map((field, i) => `populate[localizations][fields][${i}]=${field}`);
  const response = await anonymous().get(
    `/api/cities?locale=de&filters[documentId][$eq]=${documentId}&${select.join('&')}`
  );
  expect(response.status).toBe(200);
  return response.body.data[0].localizations;
};

const graphqlAlternates = async (selection: string): Promise<Array<Record<string, unknown>>> => {
  const response = await graphql(
    `query ($id: ID!) { city(documentId: $id, locale: "de") { localizations { ${selection} } } }`,
    { id: documentId }
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data.city.localizations;
};

const graphqlLocales = async (): Promise<string[]> => {
  const response = await graphql('{ i18NLocales { code } }');
  expect(response.body.errors).toBeUndefined();
  return (response.body.data.i18NLocales as Array<{ code: string }>).map((l) => l.code).sort();
};

describe('while fr is unlaunched', () => {
  it('search in a launched locale neither matches nor shows its names', async () => {
    for (const locale of ['de', 'en']) {
      const response = await search(SECRET, locale);
      expect(response.status).toBe(200);
      expect(response.body.meta.pagination.total).toBe(0);
    }
    const own = await search('Geheimnisstadt', 'de');
    const hit = own.body.data.find((h: { documentId: string }) => h.documentId === documentId);
    expect(hit?.matchedName).toBe('Geheimnisstadt');
    expect(JSON.stringify(own.body)).not.toContain(SECRET);
  });

  it('REST alternates leave it out, with and without locale selected', async () => {
    expect(await restAlternates(['slug', 'locale'])).toEqual([
      expect.objectContaining({ slug: 'secret-town', locale: 'en' }),
    ]);
    const slugsOnly = await restAlternates(['slug']);
    expect(slugsOnly.map((version) => version.slug)).toEqual(['secret-town']);
    // `locale` was added to find the private versions, and is not shown where not asked for.
    expect(slugsOnly[0]).not.toHaveProperty('locale');
    const whole = await anonymous().get(
      `/api/cities?locale=de&filters[documentId][$eq]=${documentId}&populate=localizations`
    );
    expect(JSON.stringify(whole.body)).not.toContain(SECRET);
  });

  it('GraphQL alternates and the locale list leave it out', async () => {
    expect(await graphqlAlternates('slug locale')).toEqual([{ slug: 'secret-town', locale: 'en' }]);
    expect(await graphqlAlternates('slug')).toEqual([{ slug: 'secret-town' }]);
    expect(await graphqlLocales()).toEqual(['de', 'en']);
  });
});

/** What a launched fr shows: search by its names, its alternates, its place in the locale list. */
async function expectPublic(): Promise<void> {
  const found = await search(SECRET, 'de');
  expect(found.body.meta.pagination.total).toBe(1);
  expect(found.body.data[0].matchedName).toBe(`Ville ${SECRET}`);
  expect((await restAlternates(['slug'])).map((v) => v.slug).sort()).toEqual([
    'secret-town',
    'ville-secrete',
  ]);
  expect((await graphqlAlternates('slug')).map((v) => v.slug).sort()).toEqual([
    'secret-town',
    'ville-secrete',
  ]);
  expect(await graphqlLocales()).toEqual(['de', 'en', FR]);
}

describe('launching fr', () => {
  it('shows it everywhere; unlaunching hides it again', async () => {
    await localeLifecycle(getStrapi()).launch(FR, { force: true });
    try {
      await expectPublic();
    } finally {
      await localeLifecycle(getStrapi()).unlaunch(FR);
    }
    expect((await search(SECRET, 'de')).body.meta.pagination.total).toBe(0);
    expect((await restAlternates(['slug'])).map((v) => v.slug)).toEqual(['secret-town']);
    expect(await graphqlLocales()).toEqual(['de', 'en']);
  });
});

/**
 * Another instance behind the same load balancer (or `npm run i18n:locale` in a shell) changes
 * the settings row in the shared database; this process sees no write of its own (no lifecycle
 * event), only the row, written here with plain SQL, and then that write's message on the
 * response cache's bus: everything evicted, as `remoteChange` does (here through the `cache`
 * service, which evicts the same way; the real bus between two processes is
 * tests/integration/locale-settings-instances.test.ts). Requests carry the full-access token, so
 * the response cache does not answer them.
 */
describe('a launch or unlaunch made by another instance', () => {
  const KEY = 'plugin_locale-fallback_locales';
  const writeLaunched = async (launched: boolean): Promise<void> => {
    const knex = getStrapi().db.connection;
    const row = (await knex('strapi_core_store_settings').where({ key: KEY }).first('value')) as {
      value: string;
    };
    const value = JSON.parse(row.value) as Record<string, { launched: boolean }>;
    value[FR] = { ...value[FR], launched };
    await knex('strapi_core_store_settings')
      .where({ key: KEY })
      .update({ value: JSON.stringify(value) });
    await (
      getStrapi().plugin('response-cache').service('cache') as { invalidate(): Promise<void> }
    ).invalidate();
  };
  const locales = async (): Promise<string[]> => {
    const response = await anonymous().get('/api/i18n/locales').set(tokenHeader());
    expect(response.status).toBe(200);
    return (response.body as Array<{ code: string }>).map((l) => l.code).sort();
  };

  it('takes effect with the next request once its bus message arrived', async () => {
    expect(await locales()).toEqual(['de', 'en']);
    await writeLaunched(true);
    expect(await locales()).toEqual(['de', 'en', FR]);
    const alternates = await anonymous()
      .get(
        `/api/cities?locale=de&filters[documentId][$eq]=${documentId}&populate[localizations][fields][0]=slug`
      )
      .set(tokenHeader());
    expect(alternates.body.data[0].localizations).toHaveLength(2);

    await writeLaunched(false);
    const refused = await anonymous().get('/api/cities?locale=fr').set(tokenHeader());
    expect(refused.status).toBe(400);
    expect(await locales()).toEqual(['de', 'en']);
    const gql = await graphql('{ i18NLocales { code } }').set(tokenHeader());
    expect(
      (gql.body.data.i18NLocales as Array<{ code: string }>).map((l) => l.code).sort()
    ).toEqual(['de', 'en']);
  });
});
