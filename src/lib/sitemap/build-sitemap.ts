/**
 * The sitemap (sitemaps.org 0.9) with hreflang alternates, built from plain data: which pages
 * exist in which locales. No Strapi here; src/website-api/sitemap.ts reads the content.
 */
import { create } from 'xmlbuilder2';

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** URL path patterns per locale; `default` applies to locales without their own pattern. */
export interface PathPatterns {
  [locale: string]: string;
  default: string;
}

/** One locale version of a public page. */
export interface PageVersion {
  locale: string;
  /** Values for the pattern's placeholders, e.g. `{ slug: 'krakau' }`. */
  values: Record<string, string | number | null | undefined>;
  /** Last modification (ISO 8601), written as `<lastmod>`. */
  updatedAt?: string | null;
}

/** A public page: one document and its published locale versions. */
export interface Page {
  patterns: PathPatterns;
  versions: PageVersion[];
}

/**
 * Fills a path pattern such as `/{locale}/staedte/{slug}`. Values are URL-encoded.
 *
 * @throws Error when a placeholder has no value (a page without a slug has no URL)
 */
export function expandPath(
  pattern: string,
  values: Record<string, string | number | null | undefined>
): string {
  return pattern.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`No value for {${name}} in path pattern "${pattern}"`);
    }
    return encodeURIComponent(String(value));
  });
}

/** The absolute URL of a page version. */
export function versionUrl(
  publicUrl: string,
  patterns: PathPatterns,
  version: PageVersion
): string {
  const pattern = patterns[version.locale] ?? patterns.default;
  return publicUrl + expandPath(pattern, { ...version.values, locale: version.locale });
}

/**
 * Builds the sitemap XML: one `<url>` per page version, each listing every version of its page
 * as `xhtml:link rel="alternate" hreflang` plus `x-default` (the default locale's version).
 */
export function buildSitemap(options: {
  publicUrl: string;
  defaultLocale: string;
  pages: Page[];
}): string {
  const { publicUrl, defaultLocale, pages } = options;
  const urlset = create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, 'urlset', {
    'xmlns:xhtml': XHTML_NS,
  });

  for (const page of pages) {
    const versions = [...page.versions].sort((a, b) => a.locale.localeCompare(b.locale));
    const urls = versions.map((version) => versionUrl(publicUrl, page.patterns, version));
    const defaultIndex = versions.findIndex((version) => version.locale === defaultLocale);

    versions.forEach((version, index) => {
      const url = urlset.ele('url');
      url.ele('loc').txt(urls[index]);
      if (version.updatedAt) url.ele('lastmod').txt(new Date(version.updatedAt).toISOString());
      versions.forEach((alternate, alternateIndex) => {
        url.ele(XHTML_NS, 'xhtml:link', {
          rel: 'alternate',
          hreflang: alternate.locale,
          href: urls[alternateIndex],
        });
      });
      if (defaultIndex >= 0) {
        url.ele(XHTML_NS, 'xhtml:link', {
          rel: 'alternate',
          hreflang: 'x-default',
          href: urls[defaultIndex],
        });
      }
    });
  }
  return urlset.end({ prettyPrint: true });
}
