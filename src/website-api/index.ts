/**
 * What websites need from the app besides the content API: /sitemap.xml and /openapi.json,
 * registered from src/index.ts. Strict locales and locale fallback are the locale-fallback plugin
 * (src/plugins/locale-fallback).
 */
import type { Core } from '@strapi/strapi';
import { generateOpenApi } from './openapi';
import { registerWebsiteRoutes } from './routes';

/** Bootstrap phase: /sitemap.xml and /openapi.json. */
export async function bootstrapWebsiteApi(strapi: Core.Strapi): Promise<void> {
  registerWebsiteRoutes(strapi);
  // Also in production, where the documentation plugin writes nothing (into dist/, where it reads).
  await generateOpenApi(strapi);
}
