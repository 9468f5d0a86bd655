/**
 * Strict `locale` / `fallbackLocale` on the REST reads of the target content types: an unknown
 * locale is a 400 `ValidationError` naming the existing locales (stock Strapi answers an empty
 * 200). It also sets the read's fallback: the locale's stored chain when the request names no
 * `fallbackLocale`, none for `fallbackLocale=none`. Runs as a middleware of the content API router, i.e. only for requests that match one of
 * its routes, after the global middlewares (query parsing, errors) and before the route's own
 * chain, so the app's controllers stay stock.
 */
import type { Core, Struct } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { localesService } from '../targets';

/** The REST paths of a content type's reads, relative to the API prefix. */
function readPaths(contentType: Struct.ContentTypeSchema): RegExp {
  const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const { singularName, pluralName } = contentType.info;
  return contentType.kind === 'singleType'
    ? new RegExp(`^/${escape(singularName)}/?$`)
    : new RegExp(`^/${escape(pluralName)}(/[^/]+)?/?$`);
}

/** The content API middleware for `contentTypes`. */
export function strictLocalesMiddleware(
  strapi: Core.Strapi,
  contentTypes: readonly Struct.ContentTypeSchema[]
) {
  const paths = contentTypes.map(readPaths);
  return async (ctx: Context, next: Next) => {
    if (ctx.method === 'GET') {
      const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
      const path = ctx.path.startsWith(prefix) ? ctx.path.slice(prefix.length) : undefined;
      if (path !== undefined && paths.some((pattern) => pattern.test(path))) {
        const locales = localesService(strapi);
        const checked = await locales.check(ctx.query);
        // The read's fallback, for the document service middleware (../rest/fallback-middleware.ts):
        // `none` leaves none, no parameter the locale's stored chain (the parsed query object is
        // the one the controller reads).
        const query = ctx.query as Record<string, unknown>;
        if (checked.noFallback) delete query.fallbackLocale;
        else if (checked.fallbackLocale === undefined) {
          const chain = await locales.readChain(checked);
          // One string, as the declared query parameter is (../register.ts).
          if (chain.length > 0) query.fallbackLocale = chain.join(',');
        }
      }
    }
    return next();
  };
}
