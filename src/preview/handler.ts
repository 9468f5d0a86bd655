/**
 * Admin preview (Strapi 5): the content manager asks this handler for the URL of the page that
 * shows a document, and opens it beside the form. Cities, creative fields and goals have pages on
 * the demo site (patterns in config/site.ts); the network single type is the home page. Other
 * types have no page, so the preview button stays hidden for them.
 */
import type { SiteConfig } from '../../config/site';
import { defaultLocale } from '../i18n/locales';
import { documentUrl, homeUrl } from '../lib/site/urls';

const NETWORK = 'api::network.network';

interface PreviewParams {
  documentId: string;
  locale?: string | null;
  status?: string;
}

/** The demo site URL of a document's values in a locale, or `null` if its type has no page. */
export function pageUrl(
  site: SiteConfig,
  uid: string,
  locale: string,
  values: { slug?: unknown; position?: unknown }
): string | null {
  if (uid === NETWORK) return homeUrl(site, locale);
  return documentUrl(site, uid, locale, {
    slug: typeof values.slug === 'string' ? values.slug : null,
    position: typeof values.position === 'number' ? values.position : null,
  });
}

/** Returns the demo site URL of the document in its locale, or `null` if it has no page. */
export async function previewHandler(
  uid: string,
  { documentId, locale, status }: PreviewParams
): Promise<string | null> {
  const site = strapi.config.get<SiteConfig>('site');
  const localeCode = locale ?? (await defaultLocale(strapi));
  if (uid === NETWORK) return homeUrl(site, localeCode);
  if (!site.paths[uid]) return null;

  // The preview of a draft opens the page as published: the demo site reads the public API.
  const document = await strapi.documents(uid as 'api::city.city').findOne({
    documentId,
    locale: localeCode,
    status: status === 'published' ? 'published' : 'draft',
  });
  if (!document) return null;
  return pageUrl(site, uid, localeCode, document as { slug?: unknown; position?: unknown });
}
