/**
 * Admin preview (Strapi 5): the content manager asks this handler for the URL of the page that
 * shows a document, and opens it beside the form or in a new tab. Cities, creative fields and
 * goals have pages on the demo site (patterns in config/site.ts); the network single type is the
 * home page. Other types have no page, so the preview button stays hidden for them.
 *
 * The preview of a draft carries a preview token (`?preview=…`, src/preview/credential.ts) for
 * that document and locale: the site then reads the draft from /preview/draft and marks the page
 * as a preview. The preview of the published version is the public page itself.
 */
import type { SiteConfig } from '../../config/site';
import { defaultLocale } from '../i18n/locales';
import { documentUrl, homeUrl } from '../lib/site/urls';
import { issuePreviewToken } from './credential';

const NETWORK = 'api::network.network';
/** The content manager's read action: who may not read a type gets no preview of its drafts. */
const READ_ACTION = 'plugin::content-manager.explorer.read';

interface PreviewParams {
  documentId: string;
  locale?: string | null;
  status?: string;
}

interface AdminRequestState {
  userAbility?: { can(action: string, subject: string): boolean };
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

/**
 * Whether the admin user of the current request may read the type in the content manager. The
 * preview route only checks that an admin is logged in; a draft preview hands out the draft.
 */
function currentAdminMayRead(uid: string): boolean {
  const state = strapi.requestContext.get()?.state as AdminRequestState | undefined;
  return state?.userAbility?.can(READ_ACTION, uid) ?? false;
}

/** Returns the demo site URL of the document in its locale, or `null` if it has no page. */
export async function previewHandler(
  uid: string,
  { documentId, locale, status }: PreviewParams
): Promise<string | null> {
  const site = strapi.config.get<SiteConfig>('site');
  const localeCode = locale ?? (await defaultLocale(strapi));
  if (uid !== NETWORK && !site.paths[uid]) return null;
  const published = status === 'published';

  const document = await strapi.documents(uid as 'api::city.city').findOne({
    documentId,
    locale: localeCode,
    status: published ? 'published' : 'draft',
  });
  if (!document) return null;
  // The draft's own slug or position: the URL the page will have once this draft is published.
  const url = pageUrl(site, uid, localeCode, document as { slug?: unknown; position?: unknown });
  if (url === null || published) return url;
  if (!currentAdminMayRead(uid)) return null;
  const { token } = issuePreviewToken(strapi, { uid, documentId, locale: localeCode });
  return `${url}?preview=${encodeURIComponent(token)}`;
}
