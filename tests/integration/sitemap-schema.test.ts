/**
 * The sitemap against the sitemap 0.9 and xhtml:link schemas with xmllint (Debian
 * libxml2-utils): the one built from a fixed page and the one the app serves.
 */
import { buildSitemap, renderUrlset, sitemapEntries } from '../../src/lib/sitemap/build-sitemap';
import { renderIndex } from '../../src/lib/sitemap/sitemap-files';
import { anonymous } from '../helpers/api';
import { validateSitemap } from '../helpers/xmllint';

const built = buildSitemap({
  publicUrl: 'https://example.org',
  defaultLocale: 'de',
  pages: [
    {
      patterns: { de: '/de/staedte/{slug}', en: '/en/cities/{slug}', default: '/{locale}/{slug}' },
      versions: [
        { locale: 'en', values: { slug: 'krakow' }, updatedAt: '2026-01-02T03:04:05.000Z' },
        { locale: 'de', values: { slug: 'krakau' }, updatedAt: '2026-01-01T00:00:00.000Z' },
      ],
    },
  ],
});

describe('sitemap schema', () => {
  it('accepts a built sitemap with alternates', () => {
    expect(validateSitemap(built)).toEqual({ valid: true, messages: '- validates' });
  });

  it('is checked by a validator that can fail', () => {
    const invalid = built.replace('<loc>https://example.org/de/staedte/krakau</loc>', '');
    expect(validateSitemap(invalid).valid).toBe(false);
  });

  it('accepts a split sitemap: the index and each file', () => {
    const entries = sitemapEntries({
      publicUrl: 'https://example.org',
      defaultLocale: 'de',
      pages: [
        {
          patterns: { de: '/de/{slug}', en: '/en/{slug}', default: '/{locale}/{slug}' },
          versions: [
            { locale: 'de', values: { slug: 'a' }, updatedAt: '2026-01-01T00:00:00.000Z' },
            { locale: 'en', values: { slug: 'b' }, updatedAt: '2026-01-02T00:00:00.000Z' },
          ],
        },
      ],
    });
    const set = {
      index: renderIndex(
        'https://example.org',
        entries.map((entry) => ({ name: `${entry.locale}-1`, lastmod: entry.lastmod }))
      ),
      files: entries.map((entry) => ({ xml: renderUrlset([entry]) })),
    };
    expect(validateSitemap(set.index)).toEqual({ valid: true, messages: '- validates' });
    for (const file of set.files)
      expect(validateSitemap(file.xml)).toEqual({ valid: true, messages: '- validates' });
    expect(validateSitemap(set.index.replace(/<loc>[^<]+<\/loc>/, '')).valid).toBe(false);
  });

  it('accepts the sitemap the app serves', async () => {
    const res = await anonymous()
      .get('/sitemap.xml')
      .buffer(true)
      .parse((response, callback) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => callback(null, text));
      });
    expect(res.status).toBe(200);
    expect(validateSitemap(res.body as string)).toEqual({ valid: true, messages: '- validates' });
  });
});
