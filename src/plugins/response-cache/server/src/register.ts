import type { Core } from '@strapi/strapi';
import { documentMiddleware } from './dependencies';
import { earlyHits } from './early-hits';
import { answerBeforeApp } from './internals';
import { compressionMiddleware } from './middlewares/compression';
import { responseCacheMiddleware } from './middlewares/response-cache';
import { runtimeOf } from './runtime';

/**
 * Register phase. Complete hits are answered at Node's request listener, before Koa
 * (early-hits.ts, installed through internals.ts). The HTTP middleware is added with `strapi.server.use` now, i.e. before Strapi's
 * bootstrap adds the app's configured middlewares (`initMiddlewares`, config/middlewares.ts): it
 * runs first of them, so a hit is answered before strapi::logger, security, CORS, the router,
 * authentication and any database work. Compression (middlewares/compression.ts) sits just
 * outside it: the cache codes what it stores itself, the rest is coded on the way out.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  const { config } = runtimeOf(strapi);
  // Complete hits are answered before Koa altogether (early-hits.ts); the middleware below answers
  // the rest of them (a variant to compress, a list to check, tokens, GraphQL POST) and misses.
  if (config.enabled) answerBeforeApp(strapi, earlyHits(strapi));
  strapi.server.use(compressionMiddleware(strapi));
  strapi.server.use(responseCacheMiddleware(strapi));

  // Every Document Service read (dependencies of the response being computed) and write (REST,
  // GraphQL mutations, admin panel, seed, imports, publish): see dependencies.ts.
  const middleware = documentMiddleware(strapi);
  strapi.documents.use((context, next) => middleware(context, next) as ReturnType<typeof next>);
};
