import { anonymous, graphql } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';

/** The locale codes as the i18n plugin has them now: the API must name exactly these. */
async function localeCodes(): Promise<string[]> {
  const locales: { code: string }[] = await getStrapi().plugin('i18n').service('locales').find();
  return locales.map((locale) => locale.code).sort();
}

let documentId: string;

beforeAll(async () => {
  const res = await anonymous().get('/api/cities?locale=de&filters[key][$eq]=krakow');
  documentId = res.body.data[0].documentId;
});

describe('strict locale parameters over REST', () => {
  const routes = () => [
    '/api/cities',
    `/api/cities/${documentId}`,
    '/api/network',
    '/api/creative-fields',
    '/api/network-goals',
    '/api/countries',
  ];

  it.each(['fr', 'xx-nonsense'])('answers 400 for the unknown locale %p', async (locale) => {
    const codes = await localeCodes();
    for (const route of routes()) {
      const res = await anonymous().get(route).query({ locale });
      expect({ route, status: res.status }).toEqual({ route, status: 400 });
      expect(res.body.error).toMatchObject({
        name: 'ValidationError',
        message: `Unknown locale "${locale}". Available locales: ${codes.join(', ')}.`,
        details: { param: 'locale', locales: codes },
      });
    }
  });

  it('answers 400 for a list of locales', async () => {
    const res = await anonymous().get('/api/cities?locale[0]=de&locale[1]=en');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid locale: expected one locale code/);
  });

  it('answers 400 for an unknown fallbackLocale and for fallbackLocale = locale', async () => {
    for (const route of routes()) {
      const unknown = await anonymous().get(route).query({ locale: 'en', fallbackLocale: 'fr' });
      expect({ route, status: unknown.status }).toEqual({ route, status: 400 });
      expect(unknown.body.error.message).toContain('Unknown fallbackLocale "fr"');

      const same = await anonymous().get(route).query({ locale: 'en', fallbackLocale: 'en' });
      expect({ route, status: same.status }).toEqual({ route, status: 400 });
      expect(same.body.error.message).toContain('fallbackLocale "en" must differ from locale "en"');
    }
    // Without locale the default locale (de) is the locale.
    const implicit = await anonymous().get('/api/cities').query({ fallbackLocale: 'de' });
    expect(implicit.status).toBe(400);
    expect(implicit.body.error.message).toContain('must differ from locale "de"');
  });

  it('keeps the default locale when the request has none', async () => {
    const res = await anonymous().get('/api/cities?pagination[pageSize]=3');
    expect(res.status).toBe(200);
    expect(res.body.data.map((city: { locale: string }) => city.locale)).toEqual([
      'de',
      'de',
      'de',
    ]);
    expect(res.body.data[0]).not.toHaveProperty('fallback');
    const network = await anonymous().get('/api/network');
    expect(network.status).toBe(200);
    expect(network.body.data.locale).toBe('de');
  });

  it('accepts a locale created later without a code change', async () => {
    const localesService = getStrapi().plugin('i18n').service('locales');
    const created = await localesService.create({ code: 'fr', name: 'French (fr)' });
    try {
      const res = await anonymous().get('/api/cities?locale=fr');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
      const unknown = await anonymous().get('/api/cities?locale=it');
      expect(unknown.body.error.details.locales).toEqual(['de', 'en', 'fr']);
    } finally {
      await localesService.delete({ id: created.id });
    }
    expect((await anonymous().get('/api/cities?locale=fr')).status).toBe(400);
  });
});

describe('the locale list the checks use', () => {
  const locales = () => getStrapi().plugin('i18n').service('locales');

  it('accepts at once a locale another instance created (no lifecycle event here)', async () => {
    const strapi = getStrapi();
    const meta = strapi.db.metadata.get('plugin::i18n.locale');
    const column = (name: string) =>
      (meta.attributes[name] as { columnName?: string }).columnName ?? name;
    // A unique URL: the response cache must not answer from an earlier request (nor the last
    // request of this test, with pageSize 1, from this one).
    const url = `/api/cities?locale=ga&pagination[pageSize]=${(Date.now() % 99) + 2}`;
    expect((await anonymous().get(url)).status).toBe(400);
    // Written with raw SQL, as another instance's write looks from here.
    const now = new Date().toISOString();
    await strapi.db.connection(meta.tableName).insert({
      [column('documentId')]: 'localefallbacktestga0000',
      [column('code')]: 'ga',
      [column('name')]: 'Irish (ga)',
      [column('createdAt')]: now,
      [column('updatedAt')]: now,
    });
    try {
      const res = await anonymous().get(url);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    } finally {
      await strapi.db.connection(meta.tableName).where(column('code'), 'ga').delete();
      strapi.plugin('locale-fallback').service('locales').invalidate();
    }
    expect((await anonymous().get('/api/cities?locale=ga&pagination[pageSize]=1')).status).toBe(
      400
    );
  });

  it('follows a change of the default locale at once', async () => {
    const url = () =>
      anonymous().get('/api/cities').query({ fallbackLocale: 'en', fields: 'name' });
    expect((await url()).status).toBe(200);
    const before: string = await locales().getDefaultLocale();
    await locales().setDefaultLocale({ code: 'en' });
    try {
      const res = await url();
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('fallbackLocale "en" must differ from locale "en"');
    } finally {
      await locales().setDefaultLocale({ code: before });
    }
    expect((await url()).status).toBe(200);
  });
});

describe('strict locale parameters over GraphQL', () => {
  it.each([
    ['cities', '{ cities(locale: "fr") { name } }'],
    ['cities_connection', '{ cities_connection(locale: "fr") { nodes { name } } }'],
    ['network', '{ network(locale: "fr") { title } }'],
    ['creativeFields', '{ creativeFields(locale: "fr") { name } }'],
  ])('reports an unknown locale on %s as an error', async (field, query) => {
    const res = await graphql(query);
    expect(res.status).toBe(200);
    expect(res.body.data?.[field] ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].path).toEqual([field]);
    expect(res.body.errors[0].message).toBe('Unknown locale "fr". Available locales: de, en.');
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a malformed locale literal already in the i18n scalar, naming the locales', async () => {
    const res = await graphql('{ cities(locale: "xx-nonsense") { name } }');
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].message).toContain(
      'Unknown locale "xx-nonsense". Available locales: de, en.'
    );
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reports an unknown locale passed as a variable and on the single-document query', async () => {
    const res = await graphql(
      'query ($id: ID!, $locale: I18NLocaleCode) { city(documentId: $id, locale: $locale) { name } }',
      { id: documentId, locale: 'fr' }
    );
    expect(res.body.errors[0].message).toBe('Unknown locale "fr". Available locales: de, en.');
  });

  it('reports a bad fallbackLocale', async () => {
    const same = await graphql('{ cities(locale: "en", fallbackLocale: "en") { name } }');
    expect(same.body.errors[0].message).toContain(
      'fallbackLocale "en" must differ from locale "en"'
    );
    const unknown = await graphql('{ network(locale: "en", fallbackLocale: "fr") { title } }');
    expect(unknown.body.errors[0].message).toContain('Unknown fallbackLocale "fr"');
  });

  it('types fallbackLocale as I18NLocaleCode, like locale', async () => {
    const res = await graphql(`
      {
        __type(name: "Query") {
          fields {
            name
            args {
              name
              type {
                name
              }
            }
          }
        }
      }
    `);
    const args = (
      res.body.data.__type.fields as Array<{
        name: string;
        args: Array<{ name: string; type: { name: string | null } }>;
      }>
    ).find((field) => field.name === 'cities')?.args;
    expect(args?.find((arg) => arg.name === 'locale')?.type.name).toBe('I18NLocaleCode');
    expect(args?.find((arg) => arg.name === 'fallbackLocale')?.type.name).toBe('I18NLocaleCode');
  });

  it('accepts a variable declared I18NLocaleCode for fallbackLocale', async () => {
    const res = await graphql(
      `
        query ($id: ID!, $locale: I18NLocaleCode, $fb: I18NLocaleCode) {
          city(documentId: $id, locale: $locale, fallbackLocale: $fb) {
            locale
            fallback
          }
        }
      `,
      { id: documentId, locale: 'en', fb: 'de' }
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.city).toEqual({ locale: 'en', fallback: false });
  });

  it('rejects a malformed fallbackLocale literal at validation, naming the locales', async () => {
    const res = await graphql('{ cities(locale: "en", fallbackLocale: "xx-nonsense") { name } }');
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].message).toContain(
      'Unknown fallbackLocale "xx-nonsense". Available locales: de, en.'
    );
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a String variable for fallbackLocale, as for locale', async () => {
    const res = await graphql(
      'query ($fb: String) { cities(locale: "en", fallbackLocale: $fb) { name } }',
      { fb: 'de' }
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps the default locale when the query has none', async () => {
    const res = await graphql('{ cities(pagination: { pageSize: 2 }) { locale fallback } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cities).toEqual([
      { locale: 'de', fallback: false },
      { locale: 'de', fallback: false },
    ]);
  });
});
