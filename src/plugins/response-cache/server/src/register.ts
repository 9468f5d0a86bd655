import type { Core } from '@strapi/strapi';
import { isContentWrite } from './lib/scope';
import { responseCacheMiddleware } from './middlewares/response-cache';
import { contentChanged, runtimeOf } from './runtime';

/**
 * Register phase. The HTTP middleware is added with `strapi.server.use` now, i.e. before Strapi's
 * bootstrap adds the app's configured middlewares (`initMiddlewares`, config/middlewares.ts): it
 * runs first of them, so a hit is answered before strapi::logger, security, CORS, the router,
 * authentication and any database work.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  runtimeOf(strapi);
  strapi.server.use(responseCacheMiddleware(strapi));

  // Every Document Service write (REST, GraphQL mutations, admin panel, seed, imports, publish).
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (isContentWrite(context.action, context.uid)) await contentChanged(strapi);
    return result;
  });
};
