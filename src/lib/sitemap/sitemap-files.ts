/**
 * The sitemap protocol's limits (sitemaps.org): a sitemap file holds at most 50,000 URLs and
 * 50 MB (52,428,800 bytes) uncompressed; beyond that, `/sitemap.xml` becomes a sitemap index
 * pointing at several files. No Strapi here; src/website-api/sitemap.ts reads the content.
 */
import { create } from 'xmlbuilder2';
import {
  joinUrls,
  renderUrl,
  SITEMAP_NS,
  URLSET_HEAD,
  URLSET_TAIL,
  type SitemapEntry,
} from './build-sitemap';

export interface SitemapLimits {
  /** URLs per file (the protocol's ceiling: 50,000). */
  maxUrls: number;
  /** Bytes per file, uncompressed (the protocol's ceiling: 52,428,800). */
  maxBytes: number;
}

export const PROTOCOL_LIMITS: SitemapLimits = { maxUrls: 50_000, maxBytes: 52_428_800 };

/** One file of a split sitemap: `name` is `<locale>-<n>` (n from 1), served at `sitemapPath`. */
export interface SitemapFile {
  name: string;
  xml: string;
  /** The newest `lastmod` of its URLs. */
  lastmod?: string;
}

/** Everything fits one file (`/sitemap.xml` as it always was), or an index and its files. */
export type SitemapSet =
  { kind: 'single'; xml: string } | { kind: 'index'; index: string; files: SitemapFile[] };

/**
 * Where a file of a split sitemap is served: at the root, next to `/sitemap.xml`, because a
 * sitemap may only list URLs at or below its own folder (sitemaps.org, "Sitemap file location").
 */
export function sitemapPath(name: string): string {
  return `/sitemap-${name}.xml`;
}

function byteLength(xml: string): number {
  return Buffer.byteLength(xml, 'utf8');
}

/** An entry rendered once, with its size: a urlset's size is the sum of its URLs' plus a frame. */
interface RenderedUrl {
  entry: SitemapEntry;
  xml: string;
  bytes: number;
}

const FRAME_BYTES = byteLength(URLSET_HEAD) + byteLength(URLSET_TAIL);

function newest(urls: RenderedUrl[]): string | undefined {
  let latest: string | undefined;
  for (const { entry } of urls)
    if (entry.lastmod && (!latest || entry.lastmod > latest)) latest = entry.lastmod;
  return latest;
}

function sizeOf(urls: RenderedUrl[]): number {
  let bytes = FRAME_BYTES;
  for (const url of urls) bytes += url.bytes;
  return bytes;
}

/**
 * Splits rendered URLs into files within `maxBytes`, in order: a chunk too large is halved until
 * it fits (a single URL always does: a URL is at most 2,048 characters). Sizes are summed, not
 * rendered, so each URL is rendered once however often its chunk is halved.
 */
function splitWithin(urls: RenderedUrl[], maxBytes: number): RenderedUrl[][] {
  if (sizeOf(urls) <= maxBytes || urls.length <= 1) return [urls];
  const half = Math.ceil(urls.length / 2);
  return [
    ...splitWithin(urls.slice(0, half), maxBytes),
    ...splitWithin(urls.slice(half), maxBytes),
  ];
}

/**
 * The sitemap within the limits. When every URL fits one file, that file, byte for byte what
 * `buildSitemap` returns. Otherwise one run of files per locale (a locale's URLs in sitemap order,
 * `maxUrls` per file, fewer when the bytes would exceed `maxBytes`) and an index listing them
 * under `publicUrl`, each with the newest `lastmod` of its URLs.
 */
export function splitSitemap(options: {
  publicUrl: string;
  entries: SitemapEntry[];
  limits: SitemapLimits;
}): SitemapSet {
  const { publicUrl, entries, limits } = options;
  const rendered = entries.map((entry) => {
    const xml = renderUrl(entry);
    return { entry, xml, bytes: byteLength(xml) };
  });
  if (entries.length <= limits.maxUrls && sizeOf(rendered) <= limits.maxBytes)
    return { kind: 'single', xml: joinUrls(rendered.map((url) => url.xml)) };
  const byLocale = new Map<string, RenderedUrl[]>();
  for (const url of rendered) {
    const list = byLocale.get(url.entry.locale) ?? [];
    list.push(url);
    byLocale.set(url.entry.locale, list);
  }
  const files: SitemapFile[] = [];
  for (const locale of [...byLocale.keys()].sort()) {
    const ofLocale = byLocale.get(locale) ?? [];
    let n = 0;
    for (let start = 0; start < ofLocale.length; start += limits.maxUrls) {
      for (const file of splitWithin(
        ofLocale.slice(start, start + limits.maxUrls),
        limits.maxBytes
      )) {
        n += 1;
        files.push({
          name: `${locale}-${n}`,
          xml: joinUrls(file.map((url) => url.xml)),
          lastmod: newest(file),
        });
      }
    }
  }
  return { kind: 'index', index: renderIndex(publicUrl, files), files };
}

/** The `<sitemapindex>` of the files, each at `publicUrl` + its path. */
export function renderIndex(publicUrl: string, files: SitemapFile[]): string {
  const index = create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, 'sitemapindex');
  for (const file of files) {
    const sitemap = index.ele('sitemap');
    sitemap.ele('loc').txt(publicUrl + sitemapPath(file.name));
    if (file.lastmod) sitemap.ele('lastmod').txt(file.lastmod);
  }
  return index.end({ prettyPrint: true });
}
