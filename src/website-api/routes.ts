/**
 * Public routes for websites outside the /api prefix: `/sitemap.xml` must sit at the site root
 * (where crawlers look) and `/openapi.json` next to the plugin's `/documentation`. Content API
 * routers always get the /api prefix in Strapi 5, so these go on the server's root router.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
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
      // The document @strapi/plugin-documentation generated (its Swagger UI embeds the same).
      handler: async (ctx: Context) => {
        const documentation = strapi.plugin('documentation').service('documentation');
        const file = path.join(
          documentation.getFullDocumentationPath(),
          documentation.getDocumentationVersion(),
          'full_documentation.json'
        );
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = await readFile(file, 'utf8');
      },
      config: { auth: false },
    },
  ]);
}
