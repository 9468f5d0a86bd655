/**
 * Public routes for websites outside the /api prefix: `/sitemap.xml` and its files must sit at
 * the site root (where crawlers look, and a sitemap lists only URLs under its own folder) and `/openapi.json` next to the plugin's `/documentation`. Content API
 * routers always get the /api prefix in Strapi 5, so these go on the server's root router.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { servedOpenApiText } from './openapi';
import { renderSitemap, renderSitemapFile } from './sitemap';

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
      // One file of a sitemap too large for one (`/sitemap-de-1.xml`), listed by the index.
      path: '/sitemap-:file.xml',
      handler: async (ctx: Context) => {
        const file = await renderSitemapFile(strapi, String(ctx.params.file));
        if (!file.found) return ctx.notFound(file.message);
        ctx.type = 'application/xml; charset=utf-8';
        ctx.body = file.xml;
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
