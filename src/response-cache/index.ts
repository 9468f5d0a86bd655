// TEMPORARY: removed when the locale-fallback plugin lands
import type { Core } from '@strapi/strapi';

/** The generation counter of the response-cache plugin, for src/website-api/locales.ts. */
export function responseCache(strapi: Core.Strapi): { store: { generation: number } } {
  const generation: number = strapi.plugin('response-cache').service('cache').generation();
  return { store: { generation } };
}
