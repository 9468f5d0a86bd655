/**
 * `GET /preview/draft?token=…&path=…`: the draft the demo site shows on a preview page. Only with
 * a preview token (src/preview/credential.ts) for the document whose page `path` is, so a link
 * cannot be turned into a read of another draft. Outside the `/api` prefix on purpose: the
 * Content API, its response cache and its contract stay as they are, and drafts never leak there.
 *
 * Every answer, error or not, is `private, no-store` and `noindex`, and carries no cache tags.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { SiteConfig } from '../../config/site';
import { checkPreviewToken } from './credential';
import { DRAFT_POPULATE } from './draft-query';
import { pageUrl } from './handler';

export const PREVIEW_DRAFT_PATH = '/preview/draft';

/** Headers of every preview response (the page and its draft): no cache, no index. */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex',
};

type ErrorName = 'ValidationError' | 'UnauthorizedError' | 'ForbiddenError' | 'NotFoundError';
const STATUS: Record<ErrorName, number> = {
  ValidationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
};

/** Answers in the shape of Strapi's errors, without throwing (the headers above must stay). */
function refuse(ctx: Context, name: ErrorName, message: string): void {
  ctx.status = STATUS[name];
  ctx.body = { data: null, error: { status: STATUS[name], name, message, details: {} } };
}

const samePath = (a: string, b: string): boolean => {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
};

export function registerPreviewDraftRoute(strapi: Core.Strapi): void {
  strapi.server.routes([
    {
      method: 'GET',
      path: PREVIEW_DRAFT_PATH,
      handler: async (ctx: Context) => {
        for (const [name, value] of Object.entries(PREVIEW_HEADERS)) ctx.set(name, value);
        const { token, path } = ctx.query;
        if (typeof token !== 'string' || token === '' || typeof path !== 'string' || path === '') {
          return refuse(ctx, 'ValidationError', 'A preview needs one `token` and one `path`.');
        }
        const check = checkPreviewToken(strapi, token);
        if (!check.valid) {
          const message =
            check.reason === 'expired'
              ? `The preview token expired at ${new Date(check.claims.exp * 1000).toISOString()}: press Preview again in the admin panel.`
              : 'The preview token is not valid (altered, or signed with other keys).';
          return refuse(ctx, 'UnauthorizedError', message);
        }
        const { uid, documentId, locale } = check.claims;
        const populate = DRAFT_POPULATE[uid];
        if (!populate) {
          return refuse(ctx, 'ValidationError', `${uid} has no page on the site to preview.`);
        }
        const draft = await strapi.documents(uid as 'api::city.city').findOne({
          documentId,
          locale,
          status: 'draft',
          populate: populate as never,
        });
        if (!draft) {
          return refuse(
            ctx,
            'NotFoundError',
            'The previewed document no longer exists in this locale.'
          );
        }
        const site = strapi.config.get<SiteConfig>('site');
        const url = pageUrl(site, uid, locale, draft as { slug?: unknown; position?: unknown });
        if (url === null || !samePath(new URL(url).pathname, path)) {
          return refuse(ctx, 'ForbiddenError', 'The preview token is for another page.');
        }
        const data = await strapi.contentAPI.sanitize.output(
          draft,
          strapi.getModel(uid as 'api::city.city')
        );
        ctx.body = {
          data,
          meta: { uid, locale, expiresAt: new Date(check.claims.exp * 1000).toISOString() },
        };
      },
      config: { auth: false },
    },
  ]);
}
