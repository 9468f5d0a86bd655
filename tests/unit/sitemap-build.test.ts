import { buildSitemap, expandPath, type Page } from '../../src/lib/sitemap/build-sitemap';

const cityPatterns = {
  de: '/de/staedte/{slug}',
  en: '/en/cities/{slug}',
  default: '/{locale}/cities/{slug}',
};

const krakow: Page = {
  patterns: cityPatterns,
  versions: [
    { locale: 'en', values: { slug: 'krakow' }, updatedAt: '2026-01-02T03:04:05.000Z' },
    { locale: 'de', values: { slug: 'krakau' }, updatedAt: '2026-01-01T00:00:00.000Z' },
  ],
};

describe('expandPath', () => {
  it('fills and URL-encodes placeholders', () => {
    expect(expandPath('/{locale}/goals/{position}', { locale: 'en', position: 3 })).toBe(
      '/en/goals/3'
    );
    expect(expandPath('/de/staedte/{slug}', { slug: 'a b&c' })).toBe('/de/staedte/a%20b%26c');
  });

  it('refuses a page without a value for a placeholder', () => {
    expect(() => expandPath('/de/staedte/{slug}', { slug: null })).toThrow('No value for {slug}');
  });
});

describe('buildSitemap', () => {
  const xml = buildSitemap({
    publicUrl: 'https://example.org',
    defaultLocale: 'de',
    pages: [krakow],
  });

  it('lists every version with all alternates and x-default', () => {
    expect(xml).toContain('<loc>https://example.org/de/staedte/krakau</loc>');
    expect(xml).toContain('<loc>https://example.org/en/cities/krakow</loc>');
    expect(xml.match(/<url>/g)).toHaveLength(2);
    expect(
      xml.match(/hreflang="de" href="https:\/\/example.org\/de\/staedte\/krakau"/g)
    ).toHaveLength(2);
    expect(
      xml.match(/hreflang="en" href="https:\/\/example.org\/en\/cities\/krakow"/g)
    ).toHaveLength(2);
    expect(
      xml.match(/hreflang="x-default" href="https:\/\/example.org\/de\/staedte\/krakau"/g)
    ).toHaveLength(2);
    expect(xml).toContain('<lastmod>2026-01-02T03:04:05.000Z</lastmod>');
  });

  it('uses the default pattern for a locale without its own', () => {
    const fr = buildSitemap({
      publicUrl: 'https://example.org',
      defaultLocale: 'de',
      pages: [
        { patterns: cityPatterns, versions: [{ locale: 'fr', values: { slug: 'cracovie' } }] },
      ],
    });
    expect(fr).toContain('<loc>https://example.org/fr/cities/cracovie</loc>');
    // No version in the default locale: no x-default.
    expect(fr).not.toContain('x-default');
  });

  it('escapes XML', () => {
    const escaped = buildSitemap({
      publicUrl: 'https://example.org/?a=1&b=2',
      defaultLocale: 'de',
      pages: [{ patterns: { default: '' }, versions: [{ locale: 'de', values: {} }] }],
    });
    expect(escaped).toContain('<loc>https://example.org/?a=1&amp;b=2</loc>');
  });
});
