/**
 * Public routes for websites outside the /api prefix: `/sitemap.xml` must sit at the site root
 * (where crawlers look) and `/openapi.json` next to the plugin's `/documentation`. Content API
 * routers always get the /api prefix in Strapi 5, so these go on the server's root router.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { servedOpenApiText } from './openapi';
import { renderSitemap } from './sitemap';

export function registerWebsiteRoutes(strapi: Core.Strapi): void {
  strapi.server.routes([
    {
      method: 'GET',
      path: '/sitemap.xml',
      handler: async (ctx: Context) => {
        ctx.type = 'application/xml; charset=utf-8';
        ctx.body = await renderSitemap(strapi);
      },
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/openapi.json',
      // The public document (src/website-api/openapi; its Swagger UI embeds the same).
      handler: async (ctx: Context) => {
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = await servedOpenApiText(strapi);
      },
      config: { auth: false },
    },
  ]);
}
