/**
 * The locale lifecycle (the translations plugin's `locales` service with this app's hooks,
 * src/i18n/locale-lifecycle.ts; `npm run i18n:locale`): a third language is
 * added unlaunched with its role and chain, is private to the public API until launched, and
 * bad input is refused with a message and nothing half-made.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { anonymous, baseUrl, graphql } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { type AddStep, localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';
import { translatorRoleCode } from '../../src/lib/admin/roles';

const FR = 'fr';
const PASSWORD = 'LocaleTest2026';

const localeCodes = async (): Promise<string[]> =>
  (await getStrapi().plugin('i18n').service('locales').find())
    .map((locale: { code: string }) => locale.code)
    .sort();
const roleOf = (code: string) =>
  getStrapi()
    .service('admin::role')
    .findOne({ code: translatorRoleCode(code) });
const settingsOf = async (code: string) =>
  (await getStrapi().plugin('locale-fallback').service('locales').settings()).settings[code];

/** The search plugin's index table (src/plugins/search/server/src/lib/sql.ts). */
const SEARCH_INDEX = 'plugin_search_index';

/**
 * The search index's rows, `type document_id locale` → row id: a reindexed entry is deleted and
 * inserted again, so it gets a new id; an entry left alone keeps its id.
 */
async function searchIndexRows(): Promise<Map<string, number>> {
  const rows = (await getStrapi()
    .db.connection(SEARCH_INDEX)
    .select('id', 'type', 'document_id', 'locale')) as Array<{
    id: number | string;
    type: string;
    document_id: string;
    locale: string | null;
  }>;
  return new Map(
    rows.map((row) => [`${row.type} ${row.document_id} ${row.locale}`, Number(row.id)])
  );
}

/** The keys of the rows whose id changed or that appeared or went since `before`. */
function rewritten(before: Map<string, number>, after: Map<string, number>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

/** The document ids of an anonymous search's hits. */
async function searchHits(q: string, locale: string): Promise<string[]> {
  const res = await anonymous().get(`/api/search?q=${encodeURIComponent(q)}&locale=${locale}`);
  expect(res.status).toBe(200);
  return (res.body.data as Array<{ documentId: string }>).map((hit) => hit.documentId);
}

let documentId = '';
let publishedId = '';
const users: Array<{ id: number }> = [];

afterAll(async () => {
  const strapi = getStrapi();
  for (const user of users) await strapi.service('admin::user').deleteById(user.id);
  if (documentId) await deleteDocument(CITY, documentId);
  if (publishedId) await deleteDocument(CITY, publishedId);
  if ((await localeCodes()).includes(FR)) await removeLocale(strapi, FR, { exportTo: tmp('x') });
});

const tmp = (name: string) => path.join(os.tmpdir(), `h27-${process.pid}-${name}.xlf`);

describe('an existing install', () => {
  it('treats de and en as launched without a chain', async () => {
    const locales = await localeLifecycle(getStrapi()).list();
    expect(locales.map(({ code, launched, fallback }) => ({ code, launched, fallback }))).toEqual([
      { code: 'de', launched: true, fallback: [] },
      { code: 'en', launched: true, fallback: [] },
    ]);
    expect(locales.find((l) => l.code === 'de')?.percent).toBe(100);
  });
});

describe('bad input is refused and leaves nothing behind', () => {
  it.each([
    [{ code: 'fr_FR', name: 'X' }, 'Malformed locale code "fr_FR"'],
    [{ code: 'FR', name: 'X' }, 'Malformed locale code "FR"'],
    [{ code: 'qq', name: 'X' }, 'Unknown locale code "qq"'],
    [{ code: 'en', name: 'X' }, 'Locale "en" exists already.'],
    [{ code: FR, name: ' ' }, 'A locale needs a name'],
    [
      { code: FR, name: 'X', fallback: ['xx'] },
      'Unknown locale "xx" in the fallback chain of "fr"',
    ],
    [{ code: FR, name: 'X', fallback: ['fr'] }, 'cannot contain "fr"'],
    [{ code: FR, name: 'X', fallback: ['en', 'en'] }, 'names "en" twice'],
  ])('add %j → %s', async (input, message) => {
    await expect(localeLifecycle(getStrapi()).add(input)).rejects.toThrow(message);
    expect(await localeCodes()).toEqual(['de', 'en']);
    expect(await roleOf(FR)).toBeNull();
    expect(await settingsOf(FR)).toBeUndefined();
  });

  it.each<AddStep>(['settings', 'locale', 'hooks'])(
    'a failure after the %s step undoes every step: no locale, no role, no chain',
    async (failing) => {
      const fail = async (step: AddStep) => {
        if (step === failing) throw new Error(`injected failure after ${step}`);
      };
      await expect(
        localeLifecycle(getStrapi()).add({ code: FR, name: 'Französisch', fallback: ['en'] }, fail)
      ).rejects.toThrow(`injected failure after ${failing}`);
      expect(await localeCodes()).toEqual(['de', 'en']);
      expect(await roleOf(FR)).toBeNull();
      expect(await settingsOf(FR)).toBeUndefined();
      const editor = await getStrapi()
        .db.query('admin::permission')
        .findMany({
          where: { role: { code: 'ccn-redaktion' } },
        });
      expect(
        editor.some((p: { properties?: { locales?: string[] } }) =>
          p.properties?.locales?.includes(FR)
        )
      ).toBe(false);
    }
  );

  it('refuses to launch, unlaunch or remove what does not exist, and the default locale', async () => {
    const strapi = getStrapi();
    await expect(localeLifecycle(strapi).launch('it')).rejects.toThrow(
      'Unknown locale "it". Locales: de, en.'
    );
    await expect(localeLifecycle(strapi).launch('en')).rejects.toThrow(
      'Locale "en" is already launched.'
    );
    await expect(localeLifecycle(strapi).unlaunch('de')).rejects.toThrow(
      'Locale "de" is the default locale: it is always launched.'
    );
    await expect(removeLocale(strapi, 'de')).rejects.toThrow(
      'Locale "de" is the default locale: it cannot be removed.'
    );
  });
});

describe('adding fr', () => {
  beforeAll(async () => {
    await localeLifecycle(getStrapi()).add({
      code: FR,
      name: 'Französisch',
      fallback: ['en', 'de'],
    });
  });

  it('creates the locale, the role Übersetzung (fr) and the chain, unlaunched', async () => {
    expect(await localeCodes()).toEqual(['de', 'en', FR]);
    expect((await roleOf(FR))?.name).toBe('Übersetzung (fr)');
    const fr = (await localeLifecycle(getStrapi()).list()).find((locale) => locale.code === FR);
    expect(fr).toMatchObject({ launched: false, fallback: ['en', 'de'], percent: 0 });
    expect(fr?.coverage.map((type) => type.uid)).toContain(CITY);
    expect(fr?.coverage.find((type) => type.uid === CITY)?.total).toBeGreaterThanOrEqual(408);
  });

  it('keeps fr private: REST and GraphQL answer 400 naming the launched locales', async () => {
    const rest = await anonymous().get('/api/cities?locale=fr');
    expect(rest.status).toBe(400);
    expect(rest.body.error.message).toBe('Unknown locale "fr". Available locales: de, en.');
    expect(rest.body.error.details).toEqual({ param: 'locale', locales: ['de', 'en'] });
    const fallback = await anonymous().get('/api/cities?locale=de&fallbackLocale=fr');
    expect(fallback.status).toBe(400);
    const gql = await graphql('{ cities(locale: "fr") { name } }');
    expect(gql.body.errors?.[0]?.message).toContain(
      'Unknown locale "fr". Available locales: de, en.'
    );
    const locales = await anonymous().get('/api/i18n/locales');
    expect(locales.status).toBe(200);
    expect(locales.body.map((l: { code: string }) => l.code).sort()).toEqual(['de', 'en']);
  });

  it('keeps fr out of the alternates, the sitemap and the demo site until it is launched', async () => {
    publishedId = await createDocument(CITY, {
      de: { name: 'Startstadt', slug: 'startstadt', key: 'launch-test-city', memberSince: 2022 },
      en: { name: 'Launch Town', slug: 'launch-town' },
      fr: { name: 'Ville de lancement', slug: 'ville-de-lancement' },
    });
    const alternates = await anonymous().get(
      `/api/cities?locale=de&filters[documentId][$eq]=${publishedId}&populate[localizations][fields][0]=slug&populate[localizations][fields][1]=locale`
    );
    expect(alternates.status).toBe(200);
    expect(alternates.body.data[0].localizations.map((v: { locale: string }) => v.locale)).toEqual([
      'en',
    ]);
    const sitemap = await anonymous().get('/sitemap.xml');
    expect(sitemap.text).toContain('startstadt');
    expect(sitemap.text).not.toContain('hreflang="fr"');
    expect(sitemap.text).not.toContain('ville-de-lancement');
    const search = await anonymous().get('/api/search?q=lancement&locale=fr');
    expect(search.status).toBe(400);
    expect(search.body.error.message).toContain('Unknown locale "fr". Available locales: de, en.');
    // The unlaunched French name does not find the city from another locale either.
    expect(await searchHits('lancement', 'de')).not.toContain(publishedId);
    const site = await anonymous().get('/fr/');
    expect(site.status).toBe(404);
    const home = await anonymous().get('/de/');
    expect(home.text).toContain('"locales":["de","en"]');
  });

  it('lets Übersetzung (fr) edit only fr versions', async () => {
    const strapi = getStrapi();
    documentId = await createDocument(
      CITY,
      { de: { name: 'Sprachteststadt', key: 'locale-test-city', memberSince: 2021 } },
      ['de']
    );
    const role = await roleOf(FR);
    const user = await strapi.service('admin::user').create({
      email: 'uebersetzung-fr@locales.test',
      firstname: 'Test',
      lastname: 'fr',
      password: PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    users.push(user);
    const login = await request(baseUrl())
      .post('/admin/login')
      .send({ email: 'uebersetzung-fr@locales.test', password: PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.data.token as string}` };
    const cm = `/content-manager/collection-types/${CITY}/${documentId}`;
    const other = await request(baseUrl())
      .put(`${cm}?locale=de`)
      .set(auth)
      .send({ name: 'Not mine' });
    expect(other.status).toBe(403);
    const own = await request(baseUrl())
      .put(`${cm}?locale=${FR}`)
      .set(auth)
      .send({ name: 'Ville de test' });
    expect(own.status).toBe(200);
    expect((await strapi.documents(CITY).findOne({ documentId, locale: FR }))?.name).toBe(
      'Ville de test'
    );
  });

  it('refuses a chain with a cycle or an unlaunched member', async () => {
    const strapi = getStrapi();
    await expect(localeLifecycle(strapi).setFallback('en', [FR])).rejects.toThrow(
      'Locale "fr" in the fallback chain of "en" is not launched. Launched locales: de, en.'
    );
    await expect(localeLifecycle(strapi).setFallback('en', ['de'])).resolves.toMatchObject({
      fallback: ['de'],
    });
    await expect(localeLifecycle(strapi).setFallback('de', ['en'])).rejects.toThrow(
      'The fallback chain of "de" makes a cycle: de → en → de.'
    );
    await localeLifecycle(strapi).setFallback('en', []);
  });

  it('refuses to launch below --min-coverage without --force, then launches', async () => {
    const strapi = getStrapi();
    await expect(localeLifecycle(strapi).launch(FR, { minCoverage: 90 })).rejects.toThrow(
      /Locale "fr" is \d+(\.\d)? % translated, below --min-coverage 90 %/
    );
    expect((await settingsOf(FR))?.launched).toBe(false);
    const cachedLocales = await anonymous().get('/api/i18n/locales');
    expect(cachedLocales.body).toHaveLength(2);

    const indexBefore = await searchIndexRows();
    await localeLifecycle(strapi).launch(FR, { minCoverage: 90, force: true });
    // Search: the one published document with a French version is reindexed in every locale
    // (its French name now finds it from de as well); every other entry is left as it was.
    const indexAfter = await searchIndexRows();
    expect(rewritten(indexBefore, indexAfter)).toEqual(
      ['de', 'en', FR].map((locale) => `${CITY} ${publishedId} ${locale}`)
    );
    expect(indexAfter.size).toBe(indexBefore.size);
    expect(await searchHits('lancement', FR)).toEqual([publishedId]);
    expect(await searchHits('lancement', 'de')).toEqual([publishedId]);
    await expect(localeLifecycle(strapi).launch(FR)).rejects.toThrow(
      'Locale "fr" is already launched.'
    );
    // The cached list is evicted: fr is offered now.
    const locales = await anonymous().get('/api/i18n/locales');
    expect(locales.body.map((l: { code: string }) => l.code).sort()).toEqual(['de', 'en', FR]);
    const rest = await anonymous().get('/api/cities?locale=fr');
    expect(rest.status).toBe(200);
    const sitemap = await anonymous().get('/sitemap.xml');
    expect(sitemap.text).toContain('hreflang="fr"');
    expect(sitemap.text).toContain('ville-de-lancement');
    const alternates = await anonymous().get(
      `/api/cities?locale=de&filters[documentId][$eq]=${publishedId}&populate[localizations][fields][0]=locale`
    );
    expect(
      alternates.body.data[0].localizations.map((v: { locale: string }) => v.locale).sort()
    ).toEqual(['en', FR]);
    const search = await anonymous().get('/api/search?q=lancement&locale=fr');
    expect(search.status).toBe(200);
    const openapi = await anonymous().get('/openapi.json');
    expect(JSON.stringify(openapi.body)).toContain('`fr`');
    const home = await anonymous().get('/fr/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('"locales":["de","en","fr"]');
  });

  it('refuses to unlaunch a locale a launched locale falls back to, then unlaunches fr', async () => {
    const strapi = getStrapi();
    await expect(localeLifecycle(strapi).unlaunch('en')).rejects.toThrow(
      'Locale "en" is in the fallback chain of the launched locale(s) fr'
    );
    const indexBefore = await searchIndexRows();
    await localeLifecycle(strapi).unlaunch(FR);
    const rest = await anonymous().get('/api/cities?locale=fr');
    expect(rest.status).toBe(400);
    // Search: the French name no longer finds the city from de; only its entries were rewritten.
    expect(rewritten(indexBefore, await searchIndexRows())).toEqual(
      ['de', 'en', FR].map((locale) => `${CITY} ${publishedId} ${locale}`)
    );
    expect(await searchHits('lancement', 'de')).not.toContain(publishedId);
    const openapi = await anonymous().get('/openapi.json');
    expect(JSON.stringify(openapi.body)).not.toContain('`fr`');
  });

  it('refuses to remove fr while it has versions or users, then exports and removes it', async () => {
    const strapi = getStrapi();
    await expect(removeLocale(strapi, FR)).rejects.toThrow(
      'The role of locale "fr" still has 1 user(s)'
    );
    for (const user of users.splice(0)) await strapi.service('admin::user').deleteById(user.id);
    await expect(removeLocale(strapi, FR)).rejects.toThrow(
      /Locale "fr" has \d+ translated document version\(s\): export them with --export-to file\.xlf/
    );
    expect(await localeCodes()).toEqual(['de', 'en', FR]);
    const file = tmp('export');
    try {
      const { exported } = await removeLocale(strapi, FR, { exportTo: file });
      expect(exported).toBeGreaterThan(0);
      expect(readFileSync(file, 'utf8')).toContain('Ville de test');
    } finally {
      if (existsSync(file)) rmSync(file);
    }
    expect(await localeCodes()).toEqual(['de', 'en']);
    expect(await roleOf(FR)).toBeNull();
    expect(await settingsOf(FR)).toBeUndefined();
  });
});
