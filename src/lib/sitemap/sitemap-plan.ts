/**
 * Which URLs each file of a split sitemap holds, decided from counts alone, so that the index and
 * each file are computed without reading (or rendering) the whole sitemap: a file of a locale is
 * a run of that locale's URLs in sitemap order (source by source: the home page, then each content
 * type; within a source by document id), cut into equal runs of `perFile` URLs. `perFile` is the
 * protocol's URL limit, lowered when an upper bound of a URL's bytes says that many could pass the
 * byte limit. No Strapi here; src/website-api/sitemap.ts reads the counts and the runs.
 */
import { URLSET_HEAD, URLSET_TAIL } from './build-sitemap';
import type { SitemapLimits } from './sitemap-files';

/** A run of one source's URLs in one locale: rows `offset` to `offset + limit - 1` in order. */
export interface Segment {
  source: number;
  offset: number;
  limit: number;
}

/** One file of a split sitemap: `name` is `<locale>-<n>` (n from 1). */
export interface PlannedFile {
  name: string;
  locale: string;
  segments: Segment[];
}

/** A locale's URL count per source, sources in sitemap order. */
export interface LocaleCounts {
  locale: string;
  perSource: number[];
}

/**
 * The files of each locale (locales in the given order): `perFile` URLs each, the last of a
 * locale fewer, a locale without URLs none.
 */
export function planFiles(counts: LocaleCounts[], perFile: number): PlannedFile[] {
  if (!Number.isInteger(perFile) || perFile < 1) throw new Error(`perFile ${perFile} is not >= 1`);
  const files: PlannedFile[] = [];
  for (const { locale, perSource } of counts) {
    let current: Segment[] = [];
    let inFile = 0;
    const flush = () => {
      if (inFile === 0) return;
      files.push({
        name: `${locale}-${files.filter((f) => f.locale === locale).length + 1}`,
        locale,
        segments: current,
      });
      current = [];
      inFile = 0;
    };
    perSource.forEach((count, source) => {
      let offset = 0;
      while (offset < count) {
        const limit = Math.min(count - offset, perFile - inFile);
        current.push({ source, offset, limit });
        offset += limit;
        inFile += limit;
        if (inFile === perFile) flush();
      }
    });
    flush();
  }
  return files;
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
/** At most the bytes of `text` escaped for XML: `&quot;` is the longest escape. */
const escapedBytes = (text: string) => utf8(text.replace(/[&<>"]/g, '&quot;'));

/** The bytes of a `<urlset>` frame around its URLs. */
export const FRAME_BYTES = utf8(URLSET_HEAD) + utf8(URLSET_TAIL);

/**
 * An upper bound of the bytes of one `<url>` as `renderUrl` writes it, from the longest pattern,
 * the number of alternates (launched locales plus `x-default`), the longest hreflang and the
 * longest placeholder value in UTF-8 bytes: URL-encoding writes at most three characters per byte
 * (`%XX`) and leaves nothing XML escapes, so only the configured parts (origin, pattern, locale
 * code, which fills `{locale}`) are counted escaped.
 */
export function urlBytesBound(options: {
  publicUrl: string;
  patterns: string[];
  locales: readonly string[];
  maxValueBytes: number;
}): number {
  const { publicUrl, patterns, locales, maxValueBytes } = options;
  const longestLocale = Math.max(0, ...locales.map(escapedBytes));
  const count = (pattern: string, placeholder: RegExp) => (pattern.match(placeholder) ?? []).length;
  const longestHref = Math.max(
    0,
    ...patterns.map(
      (pattern) =>
        escapedBytes(publicUrl + pattern.replace(/\{\w+\}/g, '')) +
        count(pattern, /\{locale\}/g) * longestLocale +
        count(pattern, /\{(?!locale\})\w+\}/g) * 3 * maxValueBytes
    )
  );
  const hreflang = Math.max(utf8('x-default'), longestLocale);
  const url =
    '\n  <url>\n    <loc></loc>\n    <lastmod>2026-01-01T00:00:00.000Z</lastmod>\n  </url>';
  const alternate = '\n    <xhtml:link rel="alternate" hreflang="" href="" />';
  return (
    utf8(url) + longestHref + (locales.length + 1) * (utf8(alternate) + hreflang + longestHref)
  );
}

/** URLs per file: the protocol's count, fewer when `bound`-byte URLs could pass the byte limit. */
export function urlsPerFile(limits: SitemapLimits, bound: number): number {
  return Math.max(1, Math.min(limits.maxUrls, Math.floor((limits.maxBytes - FRAME_BYTES) / bound)));
}
