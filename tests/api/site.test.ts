/**
 * The demo website's server side: site paths get public/index.html (with the URL patterns of
 * config/site.ts and the page language), everything else is left to Strapi.
 */
import { anonymous } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';

const siteConfigOf = (html: string): Record<string, unknown> => {
  const match = /<script type="application\/json" id="site-config">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no site config in the page');
  return JSON.parse(match[1]) as Record<string, unknown>;
};

describe('deep links of the demo site', () => {
  it.each([
    ['/de/', 'de'],
    ['/en/', 'en'],
    ['/de/staedte/', 'de'],
    ['/de/staedte/heidelberg', 'de'],
    ['/en/cities/krakow', 'en'],
    ['/en/creative-fields/music', 'en'],
    ['/de/ziele/3', 'de'],
    ['/en/does-not-exist', 'en'],
  ])('%s gets the site page in %s', async (path, locale) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain(`<html lang="${locale}"`);
    expect(response.text).toContain('<script type="module" src="/site/app.js">');
  });

  it('hands the browser the URL patterns of config/site.ts', async () => {
    const response = await anonymous().get('/de/');
    const config = siteConfigOf(response.text);
    const site = getStrapi().config.get<{ paths: Record<string, Record<string, string>> }>('site');
    expect(config).toMatchObject({
      locales: ['de', 'en'],
      defaultLocale: 'de',
      home: { de: '/de/', en: '/en/' },
      paths: {
        'api::city.city': {
          de: site.paths['api::city.city'].de,
          en: site.paths['api::city.city'].en,
        },
      },
    });
    expect(site.paths['api::city.city'].de).toBe('/de/staedte/{slug}');
  });

  it('redirects / to the home page of the preferred language', async () => {
    const english = await anonymous().get('/').set('Accept-Language', 'en-GB,en;q=0.9');
    expect(english.status).toBe(302);
    expect(english.headers.location).toBe('/en/');
    const other = await anonymous().get('/').set('Accept-Language', 'fr');
    expect(other.headers.location).toBe('/de/');
    const bare = await anonymous().get('/en');
    expect(bare.headers.location).toBe('/en/');
  });

  it.each(['/api/cities?locale=de', '/api/i18n/locales'])('leaves %s to the API', async (path) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/json/);
  });

  it.each(['/admin', '/graphql', '/documentation', '/sitemap.xml', '/de/missing.png', '/fr/'])(
    'does not serve the site page for %s',
    async (path) => {
      const response = await anonymous().get(path).set('Accept', 'text/html');
      expect(response.text ?? '').not.toContain('id="site-config"');
    }
  );

  it('serves the site files', async () => {
    for (const file of ['/site/app.js', '/site/api.js', '/site/map.js', '/site/i18n.js']) {
      const response = await anonymous().get(file);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/javascript/);
    }
    const css = await anonymous().get('/site/style.css');
    expect(css.headers['content-type']).toMatch(/css/);
  });
});
