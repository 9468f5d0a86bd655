import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { renderSitemap } from '../../../website-api/sitemap';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async sitemap(ctx: Context) {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await renderSitemap(strapi);
  },

  /** The OpenAPI document the documentation plugin generated (its Swagger UI embeds it). */
  async openapi(ctx: Context) {
    const documentation = strapi.plugin('documentation').service('documentation');
    const file = path.join(
      documentation.getFullDocumentationPath(),
      documentation.getDocumentationVersion(),
      'full_documentation.json'
    );
    ctx.type = 'application/json';
    ctx.body = await readFile(file, 'utf8');
  },
});
