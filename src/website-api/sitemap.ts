import type { Core, UID } from '@strapi/strapi';
import type { SiteConfig } from '../../config/site';
import { defaultLocale, launchedLocales } from '../i18n/locales';
import { sitemapEntries, type Page, type PageVersion } from '../lib/sitemap/build-sitemap';
import { splitSitemap, type SitemapSet } from '../lib/sitemap/sitemap-files';

const NETWORK = 'api::network.network';

interface PublishedVersion {
  documentId: string;
  locale: string;
  updatedAt?: string | null;
  [field: string]: unknown;
}

/** Groups published versions into one page per document. */
function pagesOf(
  versions: PublishedVersion[],
  patterns: Page['patterns'],
  toValues: (version: PublishedVersion) => PageVersion['values']
): Page[] {
  const byDocument = new Map<string, PageVersion[]>();
  for (const version of versions) {
    const list = byDocument.get(version.documentId) ?? [];
    list.push({ locale: version.locale, values: toValues(version), updatedAt: version.updatedAt });
    byDocument.set(version.documentId, list);
  }
  return [...byDocument.values()].map((pageVersions) => ({ patterns, versions: pageVersions }));
}

/**
 * The sitemap of the public website from what is published now: the home pages (one per
 * published version of the network page) and every document of the types in config/site.ts.
 * Computed per request (one query per type), so publishing or unpublishing shows at once; one
 * file while it fits the limits in config/site.ts (`sitemap`), else an index and its files.
 */
export async function renderSitemap(strapi: Core.Strapi): Promise<SitemapSet> {
  const site = strapi.config.get('site') as SiteConfig;
  const defaultLocaleCode = await defaultLocale(strapi);

  // Only launched locales are public (docs/adr/0005-locale-settings.md): an unlaunched one has
  // no URLs and no hreflang alternates yet.
  const launched = await launchedLocales(strapi);
  const published = async (uid: string, fields: string[]): Promise<PublishedVersion[]> =>
    (
      (await strapi.documents(uid as UID.ContentType).findMany({
        locale: '*',
        status: 'published',
        fields: [...fields, 'locale', 'updatedAt'],
        sort: ['documentId:asc', 'locale:asc'],
      } as never)) as unknown as PublishedVersion[]
    ).filter((version) => launched.includes(version.locale));

  const pages: Page[] = pagesOf(await published(NETWORK, []), site.home, () => ({}));
  for (const [uid, patterns] of Object.entries(site.paths)) {
    const placeholders = [
      ...new Set(
        Object.values(patterns)
          .join('')
          .match(/\{(\w+)\}/g) ?? []
      ),
    ]
      .map((placeholder) => placeholder.slice(1, -1))
      .filter((name) => name !== 'locale');
    const versions = await published(uid, placeholders);
    pages.push(
      ...pagesOf(versions, patterns, (version) =>
        Object.fromEntries(
          placeholders.map((name) => [name, version[name] as string | number | null])
        )
      )
    );
  }
  return splitSitemap({
    publicUrl: site.publicUrl,
    entries: sitemapEntries({ publicUrl: site.publicUrl, defaultLocale: defaultLocaleCode, pages }),
    limits: site.sitemap,
  });
}
