import { create } from 'xmlbuilder2';
import {
  buildSitemap,
  expandPath,
  renderUrlset,
  SITEMAP_NS,
  sitemapEntries,
  XHTML_NS,
  type Page,
  type SitemapEntry,
} from '../../src/lib/sitemap/build-sitemap';
import { PROTOCOL_LIMITS, splitSitemap } from '../../src/lib/sitemap/sitemap-files';

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

  it('leaves out a version without a slug, as a page and as an alternate', () => {
    const withoutEnglishSlug = buildSitemap({
      publicUrl: 'https://example.org',
      defaultLocale: 'de',
      pages: [
        {
          ...krakow,
          versions: [{ locale: 'en', values: { slug: null } }, krakow.versions[1]],
        },
      ],
    });
    expect(withoutEnglishSlug.match(/<url>/g)).toHaveLength(1);
    expect(withoutEnglishSlug).toContain('<loc>https://example.org/de/staedte/krakau</loc>');
    expect(withoutEnglishSlug).not.toContain('hreflang="en"');
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

describe('splitSitemap', () => {
  const pages: Page[] = Array.from({ length: 5 }, (_, i) => ({
    patterns: cityPatterns,
    versions: [
      {
        locale: 'de',
        values: { slug: `stadt-${i}` },
        updatedAt: `2026-01-0${i + 1}T00:00:00.000Z`,
      },
      { locale: 'en', values: { slug: `city-${i}` }, updatedAt: `2026-02-0${i + 1}T00:00:00.000Z` },
    ],
  }));
  const options = { publicUrl: 'https://example.org', defaultLocale: 'de', pages };
  const entries = sitemapEntries(options);

  it('is the one sitemap, byte for byte, while everything fits one file', () => {
    const set = splitSitemap({ publicUrl: options.publicUrl, entries, limits: PROTOCOL_LIMITS });
    expect(set).toEqual({ kind: 'single', xml: buildSitemap(options) });
  });

  it('splits per locale at maxUrls and indexes the files with their newest lastmod', () => {
    const set = splitSitemap({
      publicUrl: options.publicUrl,
      entries,
      limits: { maxUrls: 2, maxBytes: PROTOCOL_LIMITS.maxBytes },
    });
    if (set.kind !== 'index') throw new Error('expected an index');
    expect(set.files.map((file) => file.name)).toEqual([
      'de-1',
      'de-2',
      'de-3',
      'en-1',
      'en-2',
      'en-3',
    ]);
    expect(set.files.map((file) => (file.xml.match(/<url>/g) ?? []).length)).toEqual([
      2, 2, 1, 2, 2, 1,
    ]);
    expect(set.files[0].xml).toContain('<loc>https://example.org/de/staedte/stadt-0</loc>');
    expect(set.files[0].xml).toContain('hreflang="en" href="https://example.org/en/cities/city-0"');
    expect(set.files[3].lastmod).toBe('2026-02-02T00:00:00.000Z');
    expect(set.index).toContain(
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    );
    expect(set.index).toContain(
      '<loc>https://example.org/sitemap-de-3.xml</loc>\n    <lastmod>2026-01-05T00:00:00.000Z</lastmod>'
    );
  });

  it('keeps every file within maxBytes, in order', () => {
    const single = buildSitemap(options);
    const maxBytes = Math.ceil(Buffer.byteLength(single) / 3);
    const set = splitSitemap({
      publicUrl: options.publicUrl,
      entries,
      limits: { maxUrls: 100, maxBytes },
    });
    if (set.kind !== 'index') throw new Error('expected an index');
    for (const file of set.files) expect(Buffer.byteLength(file.xml)).toBeLessThanOrEqual(maxBytes);
    const locs = set.files.flatMap((file) => file.xml.match(/<loc>[^<]+<\/loc>/g) ?? []);
    expect(locs).toEqual([
      ...(single.match(/<loc>[^<]+\/de\/[^<]+<\/loc>/g) ?? []),
      ...(single.match(/<loc>[^<]+\/en\/[^<]+<\/loc>/g) ?? []),
    ]);
  });
});

describe('renderUrlset', () => {
  /** How the sitemap was rendered until 2026-12 (xmlbuilder2's DOM and pretty printer). */
  function throughXmlbuilder(entries: SitemapEntry[]): string {
    const urlset = create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, 'urlset', {
      'xmlns:xhtml': XHTML_NS,
    });
    for (const entry of entries) {
      const url = urlset.ele('url');
      url.ele('loc').txt(entry.loc);
      if (entry.lastmod) url.ele('lastmod').txt(entry.lastmod);
      for (const alternate of entry.alternates) {
        url.ele(XHTML_NS, 'xhtml:link', {
          rel: 'alternate',
          hreflang: alternate.hreflang,
          href: alternate.href,
        });
      }
    }
    return urlset.end({ prettyPrint: true });
  }

  it('writes the bytes xmlbuilder2 wrote, escapes included', () => {
    const awkward = 'https://example.org/?a=1&b=2&amp;c=<3>"\'&#12;&x';
    const entries: SitemapEntry[] = [
      ...sitemapEntries({
        publicUrl: 'https://example.org',
        defaultLocale: 'de',
        pages: [krakow, { patterns: { default: '/' }, versions: [{ locale: 'fr', values: {} }] }],
      }),
      { locale: 'de', loc: awkward, alternates: [] },
      {
        locale: 'en',
        loc: awkward,
        lastmod: '2026-01-01T00:00:00.000Z',
        alternates: [{ hreflang: 'x-"default"', href: awkward }],
      },
    ];
    expect(renderUrlset(entries)).toBe(throughXmlbuilder(entries));
    expect(renderUrlset([])).toBe(throughXmlbuilder([]));
  });
});
