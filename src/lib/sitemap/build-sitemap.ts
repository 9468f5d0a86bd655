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

/**
 * Whether a page version has a URL: every placeholder of its pattern has a value. A city created
 * through the Document Service gets no slug (Strapi fills `uid` fields only in the admin), so it
 * has no page on the site until someone sets one; the sitemap leaves it out instead of failing.
 */
export function hasPath(patterns: PathPatterns, version: PageVersion): boolean {
  const pattern = patterns[version.locale] ?? patterns.default;
  const values: PageVersion['values'] = { ...version.values, locale: version.locale };
  return [...pattern.matchAll(/\{(\w+)\}/g)].every(([, name]) => {
    const value = values[name];
    return value !== undefined && value !== null && value !== '';
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

/** One `<url>` of a sitemap: a page version with the URLs of all versions of its page. */
export interface SitemapEntry {
  locale: string;
  loc: string;
  lastmod?: string;
  alternates: Array<{ hreflang: string; href: string }>;
}

/**
 * The `<url>` entries of the pages, in sitemap order: page by page, each page's versions by
 * locale, each listing every version of its page as an alternate plus `x-default` (the default
 * locale's version).
 */
export function sitemapEntries(options: {
  publicUrl: string;
  defaultLocale: string;
  pages: Page[];
}): SitemapEntry[] {
  const { publicUrl, defaultLocale, pages } = options;
  const entries: SitemapEntry[] = [];
  for (const page of pages) {
    const versions = page.versions
      .filter((version) => hasPath(page.patterns, version))
      .sort((a, b) => a.locale.localeCompare(b.locale));
    const urls = versions.map((version) => versionUrl(publicUrl, page.patterns, version));
    const defaultIndex = versions.findIndex((version) => version.locale === defaultLocale);
    const alternates = versions.map((alternate, index) => ({
      hreflang: alternate.locale,
      href: urls[index],
    }));
    if (defaultIndex >= 0) alternates.push({ hreflang: 'x-default', href: urls[defaultIndex] });
    versions.forEach((version, index) => {
      entries.push({
        locale: version.locale,
        loc: urls[index],
        lastmod: version.updatedAt ? new Date(version.updatedAt).toISOString() : undefined,
        alternates,
      });
    });
  }
  return entries;
}

/** A `<urlset>` of the given entries. */
export function renderUrlset(entries: SitemapEntry[]): string {
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

/**
 * Builds the sitemap XML: one `<url>` per page version, each listing every version of its page
 * as `xhtml:link rel="alternate" hreflang` plus `x-default` (the default locale's version).
 */
export function buildSitemap(options: {
  publicUrl: string;
  defaultLocale: string;
  pages: Page[];
}): string {
  return renderUrlset(sitemapEntries(options));
}
