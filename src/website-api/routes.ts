/**
 * Public routes for websites outside the /api prefix: `/sitemap.xml` must sit at the site root
 * (where crawlers look) and `/openapi.json` next to the plugin's `/documentation`. Content API
 * routers always get the /api prefix in Strapi 5, so these go on the server's root router.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { etagOf, ifNoneMatchMatches } from '../lib/http/conditional';
import { servedOpenApiText } from './openapi';
import { renderSitemap } from './sitemap';

/**
 * Both documents change rarely (the sitemap on publishing, the OpenAPI document on a deploy):
 * a browser or CDN may keep them five minutes, then revalidates with the ETag (a 304 costs no
 * transfer). HEAD answers the same headers without the body (Koa, for a GET route).
 */
const CACHE_CONTROL = 'public, max-age=300';

function sendDocument(ctx: Context, type: string, body: string): void {
  const etag = etagOf(body);
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', CACHE_CONTROL);
  ctx.type = type;
  if (ifNoneMatchMatches(ctx.get('If-None-Match'), etag)) {
    ctx.status = 304;
    return;
  }
  ctx.body = body;
}

export function registerWebsiteRoutes(strapi: Core.Strapi): void {
  strapi.server.routes([
    {
      method: 'GET',
      path: '/sitemap.xml',
      handler: async (ctx: Context) => {
        sendDocument(ctx, 'application/xml; charset=utf-8', await renderSitemap(strapi));
      },
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/openapi.json',
      // The public document (src/website-api/openapi; its Swagger UI embeds the same).
      handler: async (ctx: Context) => {
        sendDocument(ctx, 'application/json; charset=utf-8', await servedOpenApiText(strapi));
      },
      config: { auth: false },
    },
  ]);
}
