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
import { PROTOCOL_LIMITS } from '../../src/lib/sitemap/sitemap-files';
import {
  FRAME_BYTES,
  planFiles,
  urlBytesBound,
  urlsPerFile,
} from '../../src/lib/sitemap/sitemap-plan';

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

describe('planFiles', () => {
  it('cuts each locale into runs of perFile URLs, across sources, in order', () => {
    const files = planFiles(
      [
        { locale: 'de', perSource: [1, 3, 0, 2] },
        { locale: 'en', perSource: [1, 1] },
        { locale: 'fr', perSource: [0, 0] },
      ],
      2
    );
    expect(files).toEqual([
      {
        name: 'de-1',
        locale: 'de',
        segments: [
          { source: 0, offset: 0, limit: 1 },
          { source: 1, offset: 0, limit: 1 },
        ],
      },
      { name: 'de-2', locale: 'de', segments: [{ source: 1, offset: 1, limit: 2 }] },
      { name: 'de-3', locale: 'de', segments: [{ source: 3, offset: 0, limit: 2 }] },
      {
        name: 'en-1',
        locale: 'en',
        segments: [
          { source: 0, offset: 0, limit: 1 },
          { source: 1, offset: 0, limit: 1 },
        ],
      },
    ]);
  });

  it('refuses a file size below one URL', () => {
    expect(() => planFiles([{ locale: 'de', perSource: [1] }], 0)).toThrow(/perFile 0/);
  });
});

describe('urlBytesBound', () => {
  const publicUrl = 'https://example.org/a&b';
  const patterns = [
    '/{locale}/',
    '/de/städte/{slug}',
    '/en/cities/{slug}',
    '/{locale}/goals/{slug}',
  ];
  const values = ['a', 'kraków', 'ąę€𝄞"<&>', 'x'.repeat(40), '100'];
  const maxValueBytes = Math.max(...values.map((value) => Buffer.byteLength(value)));
  const locales = ['de', 'en', 'pt-BR'];

  it('is at least the bytes of any URL of these patterns, values and locales', () => {
    const bound = urlBytesBound({ publicUrl, patterns, locales, maxValueBytes });
    let largest = 0;
    for (const value of values) {
      for (const pattern of patterns) {
        const entries = sitemapEntries({
          publicUrl,
          defaultLocale: 'de',
          pages: [
            {
              patterns: { default: pattern },
              versions: locales.map((locale) => ({
                locale,
                values: { slug: value },
                updatedAt: '2026-12-07T21:00:00.000Z',
              })),
            },
          ],
        });
        for (const entry of entries) {
          const bytes = Buffer.byteLength(renderUrlset([entry])) - FRAME_BYTES;
          largest = Math.max(largest, bytes);
          expect(bytes).toBeLessThanOrEqual(bound);
        }
      }
    }
    // Tight enough to be useful: within 3× of the largest URL (URL-encoding's worst case).
    expect(bound).toBeLessThan(3 * largest);
  });

  it('lowers the URLs per file only when bound-sized URLs could pass the byte limit', () => {
    expect(urlsPerFile(PROTOCOL_LIMITS, 1000)).toBe(50_000);
    expect(urlsPerFile(PROTOCOL_LIMITS, 2000)).toBe(Math.floor((52_428_800 - FRAME_BYTES) / 2000));
    expect(urlsPerFile({ maxUrls: 10, maxBytes: 100 }, 1000)).toBe(1);
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
