/**
 * What websites need from the API (strict locales, locale fallback, sitemap, OpenAPI): the
 * Strapi glue, registered from src/index.ts with one line per phase.
 */
import type { Core, UID } from '@strapi/strapi';
import { createFallbackMiddleware } from './fallback';
import { localizedApiTypes, registerGraphqlExtension } from './graphql';
import { existingLocales } from './locales';
import { registerWebsiteRoutes } from './routes';

interface ContentApiRoute {
  method?: string;
  handler?: unknown;
}

/** Register phase: the `fallbackLocale` query param, the fallback middleware, GraphQL. */
export function registerWebsiteApi(strapi: Core.Strapi): void {
  const localized = new Set<string>(localizedApiTypes(strapi).map((type) => type.uid));
  // With api.rest.strictParams an unknown query param is a 400: declare `fallbackLocale` on the
  // GET routes of localized types so Strapi validates it and passes it on to the service.
  strapi.contentAPI.addQueryParams({
    fallbackLocale: {
      schema: (z) => z.string().optional(),
      matchRoute: (route: ContentApiRoute) =>
        route.method === 'GET' &&
        typeof route.handler === 'string' &&
        localized.has(route.handler.slice(0, route.handler.lastIndexOf('.')) as UID.ContentType),
    },
  });
  strapi.documents.use(createFallbackMiddleware(strapi));
  registerGraphqlExtension(strapi);
}

/** Bootstrap phase: /sitemap.xml and /openapi.json, the locale list for GraphQL messages. */
export async function bootstrapWebsiteApi(strapi: Core.Strapi): Promise<void> {
  registerWebsiteRoutes(strapi);
  await existingLocales(strapi);
  // The documentation plugin writes the OpenAPI file at boot only outside production; in
  // production nothing would be served, so generate it there too (into dist/, where it reads).
  if (process.env.NODE_ENV === 'production') {
    await strapi.plugin('documentation').service('documentation').generateFullDoc();
  }
}
