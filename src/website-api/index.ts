/**
 * What websites need from the app besides the content API: /sitemap.xml and /openapi.json,
 * registered from src/index.ts. Strict locales and locale fallback are the locale-fallback plugin
 * (src/plugins/locale-fallback).
 */
import type { Core } from '@strapi/strapi';
import { registerWebsiteRoutes } from './routes';

/** Bootstrap phase: /sitemap.xml and /openapi.json. */
export async function bootstrapWebsiteApi(strapi: Core.Strapi): Promise<void> {
  registerWebsiteRoutes(strapi);
  // The documentation plugin writes the OpenAPI file at boot only outside production; in
  // production nothing would be served, so generate it there too (into dist/, where it reads).
  if (process.env.NODE_ENV === 'production') {
    await strapi.plugin('documentation').service('documentation').generateFullDoc();
  }
}
