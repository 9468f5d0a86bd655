import type { Core } from '@strapi/strapi';
import siteConfig, { type SiteConfig } from '../../config/site';
import { documentUrl, fillPattern, homeUrl, patternFor } from '../../src/lib/site/urls';
import { classifySitePath, clientSiteConfig, renderSiteHtml } from '../../src/lib/site/fallback';

/** config/site.ts reads only `env(name, default)` and `env.int`; the rest of Strapi's helper is unused. */
function loadSite(vars: Record<string, string> = {}): SiteConfig {
  const env = Object.assign((name: string, fallback?: string) => vars[name] ?? fallback, {
    int: (name: string, fallback?: number) =>
      vars[name] === undefined ? fallback : Number.parseInt(vars[name], 10),
  });
  return siteConfig({ env } as unknown as Core.Config.Shared.ConfigParams);
}

const CITY = 'api::city.city';
const FIELD = 'api::creative-field.creative-field';
const GOAL = 'api::network-goal.network-goal';

describe('document URLs from config/site.ts', () => {
  const site = loadSite();

  it.each([
    [CITY, 'de', { slug: 'heidelberg' }, 'http://localhost:1337/de/staedte/heidelberg'],
    [CITY, 'en', { slug: 'krakow' }, 'http://localhost:1337/en/cities/krakow'],
    [FIELD, 'de', { slug: 'musik' }, 'http://localhost:1337/de/kreativfelder/musik'],
    [FIELD, 'en', { slug: 'media-arts' }, 'http://localhost:1337/en/creative-fields/media-arts'],
    [GOAL, 'de', { position: 3 }, 'http://localhost:1337/de/ziele/3'],
    [GOAL, 'en', { position: 6 }, 'http://localhost:1337/en/goals/6'],
  ])('%s in %s → %s', (uid, locale, values, expected) => {
    expect(documentUrl(site, uid, locale, values)).toBe(expected);
  });

  it('uses the default pattern for a locale added later', () => {
    expect(documentUrl(site, CITY, 'fr', { slug: 'lyon' })).toBe(
      'http://localhost:1337/fr/cities/lyon'
    );
    expect(homeUrl(site, 'fr')).toBe('http://localhost:1337/fr/');
  });

  it('uses PUBLIC_SITE_URL without its trailing slash', () => {
    const production = loadSite({ PUBLIC_SITE_URL: 'https://creative-cities.example/' });
    expect(documentUrl(production, CITY, 'de', { slug: 'heidelberg' })).toBe(
      'https://creative-cities.example/de/staedte/heidelberg'
    );
  });

  it('has no URL for types without pages or documents without the needed value', () => {
    expect(documentUrl(site, 'api::country.country', 'de', { slug: 'deutschland' })).toBeNull();
    expect(documentUrl(site, CITY, 'de', { slug: null })).toBeNull();
    expect(documentUrl(site, GOAL, 'de', {})).toBeNull();
  });

  it('encodes values so a slug cannot break out of its path segment', () => {
    expect(fillPattern('/{locale}/cities/{slug}', 'en', { slug: 'a/b?c' })).toBe(
      '/en/cities/a%2Fb%3Fc'
    );
    expect(patternFor(site.home, 'en')).toBe('/en/');
  });
});

describe('site paths served with index.html', () => {
  const locales = ['de', 'en'];

  it.each([
    ['/de/', 'de'],
    ['/de/staedte/heidelberg', 'de'],
    ['/en/cities/', 'en'],
    ['/en/goals/2', 'en'],
  ])('%s is a page in %s', (path, locale) => {
    expect(classifySitePath(path, locales, 'de')).toEqual({ kind: 'page', locale });
  });

  it.each([
    '/api/cities',
    '/admin',
    '/graphql',
    '/documentation/v1.0.0',
    '/sitemap.xml',
    '/fr/',
    '/de/logo.png',
    '/site/app.js',
  ])('%s is left to Strapi', (path) => {
    expect(classifySitePath(path, locales, 'de')).toEqual({ kind: 'other' });
  });

  it('redirects / to the preferred home and /en to /en/', () => {
    expect(classifySitePath('/', locales, 'en')).toEqual({ kind: 'redirect', location: '/en/' });
    expect(classifySitePath('/en', locales, 'de')).toEqual({ kind: 'redirect', location: '/en/' });
  });

  it('puts the resolved patterns and the language into the page', () => {
    const config = clientSiteConfig(loadSite(), locales, 'de');
    expect(config.paths[CITY]).toEqual({ de: '/de/staedte/{slug}', en: '/en/cities/{slug}' });
    expect(config.cityList).toEqual({ de: '/de/staedte/', en: '/en/cities/' });
    const html = renderSiteHtml(
      '<html lang="de"><head><!--SITE_CONFIG--></head></html>',
      config,
      'en'
    );
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(
      '<script type="application/json" id="site-config">{"locales":["de","en"]'
    );
  });

  it('escapes "<" so content of the config cannot close the script element', () => {
    const config = { ...clientSiteConfig(loadSite(), locales, 'de'), defaultLocale: '</script>' };
    expect(renderSiteHtml('<!--SITE_CONFIG-->', config, 'de')).not.toContain('</script></script>');
  });
});
