/**
 * The sitemap protocol's limits (sitemaps.org): a sitemap file holds at most 50,000 URLs and
 * 50 MB (52,428,800 bytes) uncompressed; beyond that, `/sitemap.xml` becomes a sitemap index
 * pointing at several files (which URLs each holds: ./sitemap-plan.ts). No Strapi here;
 * src/website-api/sitemap.ts reads the content.
 */
import { create } from 'xmlbuilder2';
import { SITEMAP_NS } from './build-sitemap';

export interface SitemapLimits {
  /** URLs per file (the protocol's ceiling: 50,000). */
  maxUrls: number;
  /** Bytes per file, uncompressed (the protocol's ceiling: 52,428,800). */
  maxBytes: number;
}

export const PROTOCOL_LIMITS: SitemapLimits = { maxUrls: 50_000, maxBytes: 52_428_800 };

/** One file of a split sitemap as the index lists it: `name` is `<locale>-<n>` (n from 1). */
export interface IndexedFile {
  name: string;
  /** The newest `lastmod` of its URLs. */
  lastmod?: string;
}

/**
 * Where a file of a split sitemap is served: at the root, next to `/sitemap.xml`, because a
 * sitemap may only list URLs at or below its own folder (sitemaps.org, "Sitemap file location").
 */
export function sitemapPath(name: string): string {
  return `/sitemap-${name}.xml`;
}

/** The `<sitemapindex>` of the files, each at `publicUrl` + its path. */
export function renderIndex(publicUrl: string, files: IndexedFile[]): string {
  const index = create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, 'sitemapindex');
  for (const file of files) {
    const sitemap = index.ele('sitemap');
    sitemap.ele('loc').txt(publicUrl + sitemapPath(file.name));
    if (file.lastmod) sitemap.ele('lastmod').txt(file.lastmod);
  }
  return index.end({ prettyPrint: true });
}
