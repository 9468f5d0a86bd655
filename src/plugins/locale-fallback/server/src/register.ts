import type { Core, UID } from '@strapi/strapi';
import { registerGraphqlExtension } from './graphql';
import { createFallbackMiddleware } from './rest/fallback-middleware';
import { publicLocalesMiddleware } from './rest/public-locales';
import { strictLocalesMiddleware } from './rest/strict-locales';
import { pluginConfig, targetContentTypes } from './targets';

interface ContentApiRoute {
  method?: string;
  handler?: unknown;
}

export default ({ strapi }: { strapi: Core.Strapi }): void => {
  const config = pluginConfig(strapi);
  const targets = targetContentTypes(strapi);
  const targetUids = new Set<string>(targets.map((contentType) => contentType.uid));

  // With api.rest.strictParams an unknown query param is a 400: declare `fallbackLocale` on the
  // GET routes of the target types so Strapi lets it through to the document service.
  strapi.contentAPI.addQueryParams({
    fallbackLocale: {
      // One code from the client; the stored chain, comma-separated, when ./rest/strict-locales.ts
      // sets it.
      schema: (z) => z.string().optional(),
      matchRoute: (route: ContentApiRoute) =>
        route.method === 'GET' &&
        typeof route.handler === 'string' &&
        targetUids.has(route.handler.slice(0, route.handler.lastIndexOf('.')) as UID.ContentType),
    },
  });
  strapi.server.api('content-api').use(strictLocalesMiddleware(strapi, targets));
  strapi.server.api('content-api').use(publicLocalesMiddleware(strapi));
  strapi.documents.use(createFallbackMiddleware(strapi));

  if (config.graphql && strapi.plugin('graphql')) {
    const apiTypes = Object.values(strapi.contentTypes).filter((contentType) =>
      contentType.uid.startsWith('api::')
    );
    registerGraphqlExtension(strapi, targets, apiTypes, { lookAhead: config.graphqlLookAhead });
  }
};
