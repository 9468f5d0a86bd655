import type { Core } from '@strapi/strapi';
import { documentMiddleware } from './dependencies';
import { responseCacheMiddleware } from './middlewares/response-cache';
import { runtimeOf } from './runtime';

/**
 * Register phase. The HTTP middleware is added with `strapi.server.use` now, i.e. before Strapi's
 * bootstrap adds the app's configured middlewares (`initMiddlewares`, config/middlewares.ts): it
 * runs first of them, so a hit is answered before strapi::logger, security, CORS, the router,
 * authentication and any database work.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  runtimeOf(strapi);
  strapi.server.use(responseCacheMiddleware(strapi));

  // Every Document Service read (dependencies of the response being computed) and write (REST,
  // GraphQL mutations, admin panel, seed, imports, publish): see dependencies.ts.
  const middleware = documentMiddleware(strapi);
  strapi.documents.use((context, next) => middleware(context, next) as ReturnType<typeof next>);
};
