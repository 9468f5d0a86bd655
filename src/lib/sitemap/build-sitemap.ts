/**
 * The sitemap (sitemaps.org 0.9) with hreflang alternates, built from plain data: which pages
 * exist in which locales. No Strapi here; src/website-api/sitemap.ts reads the content.
 */
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
  return placeholdersOf(pattern).every((name) => {
    const value = name === 'locale' ? version.locale : version.values[name];
    return value !== undefined && value !== null && value !== '';
  });
}

/** The placeholder names of a pattern, parsed once per pattern (a sitemap has a handful). */
const placeholderCache = new Map<string, string[]>();
function placeholdersOf(pattern: string): string[] {
  let names = placeholderCache.get(pattern);
  if (!names) {
    names = [...pattern.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
    placeholderCache.set(pattern, names);
  }
  return names;
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
  /** Only this locale's entries (a file of a split sitemap); alternates are all versions still. */
  locale?: string;
}): SitemapEntry[] {
  const { publicUrl, defaultLocale, pages, locale } = options;
  const entries: SitemapEntry[] = [];
  for (const page of pages) {
    const versions = page.versions
      .filter((version) => hasPath(page.patterns, version))
      .sort((a, b) => byLocale.compare(a.locale, b.locale));
    if (locale !== undefined && !versions.some((version) => version.locale === locale)) continue;
    const urls = versions.map((version) => versionUrl(publicUrl, page.patterns, version));
    const defaultIndex = versions.findIndex((version) => version.locale === defaultLocale);
    const alternates = versions.map((alternate, index) => ({
      hreflang: alternate.locale,
      href: urls[index],
    }));
    if (defaultIndex >= 0) alternates.push({ hreflang: 'x-default', href: urls[defaultIndex] });
    versions.forEach((version, index) => {
      if (locale !== undefined && version.locale !== locale) return;
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

/** `String#localeCompare`'s order, with its collator made once instead of per comparison. */
const byLocale = new Intl.Collator();

/** `&` not starting an entity or character reference: what xmlbuilder2 escapes (kept byte for byte). */
const BARE_AMPERSAND = /&(?![A-Za-z]+;|#\d+;)/g;

/** Characters that escaping touches: most URLs have none and are written as they are. */
const NEEDS_ESCAPE = /[&<>"]/;

/** Text content escaped as xmlbuilder2 writes it. */
function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(BARE_AMPERSAND, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value escaped as xmlbuilder2 writes it. */
function escapeAttribute(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return escapeText(value).replace(/"/g, '&quot;');
}

/** What precedes the `<url>` elements of a non-empty `<urlset>`. */
export const URLSET_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}" xmlns:xhtml="${XHTML_NS}">`;
/** What follows them. */
export const URLSET_TAIL = '\n</urlset>';
/** A `<urlset>` without URLs (self-closed, as xmlbuilder2 writes it). */
const EMPTY_URLSET = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}" xmlns:xhtml="${XHTML_NS}"/>`;

/**
 * One `<url>` element with its leading line break and indentation, so that a urlset is
 * URLSET_HEAD + its entries' strings + URLSET_TAIL and its byte size is the sum of theirs.
 */
export function renderUrl(entry: SitemapEntry): string {
  let xml = `\n  <url>\n    <loc>${escapeText(entry.loc)}</loc>`;
  if (entry.lastmod) xml += `\n    <lastmod>${escapeText(entry.lastmod)}</lastmod>`;
  for (const alternate of entry.alternates) {
    xml += `\n    <xhtml:link rel="alternate" hreflang="${escapeAttribute(alternate.hreflang)}" href="${escapeAttribute(alternate.href)}" />`;
  }
  return `${xml}\n  </url>`;
}

/**
 * A `<urlset>` of the given entries: the bytes xmlbuilder2's pretty printer wrote (a unit test
 * compares the two), concatenated directly because building a DOM of 80,000 URLs took seconds
 * and most of the sitemap's time at 100× today's content.
 */
export function renderUrlset(entries: SitemapEntry[]): string {
  return joinUrls(entries.map(renderUrl));
}

/** A `<urlset>` of `<url>` elements already rendered by {@link renderUrl}. */
export function joinUrls(urls: readonly string[]): string {
  return urls.length === 0 ? EMPTY_URLSET : URLSET_HEAD + urls.join('') + URLSET_TAIL;
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
