/**
 * Strict `locale` / `fallbackLocale` on the REST reads of the target content types: an unknown
 * locale is a 400 `ValidationError` naming the existing locales (stock Strapi answers an empty
 * 200). Runs as a middleware of the content API router, i.e. only for requests that match one of
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
        await localesService(strapi).check(ctx.query);
      }
    }
    return next();
  };
}
