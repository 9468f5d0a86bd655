/**
 * `plugin::api-guards.ignored-query-params`: removes the parameters of `ignoredQueryParams`
 * (tracking parameters by default) from the query of content-API requests before Strapi parses
 * and validates it, so `?utm_source=newsletter` is not the 400 `Invalid key utm_source` that
 * `api.rest.strictParams` gives any unknown parameter (which every other one stays). The plugin
 * places it before `strapi::query`.
 */
import type { Core } from '@strapi/strapi';
import type { ApiGuardsConfig } from '../config';
import { stripQueryParams, TRACKING_QUERY_PARAMS } from '../lib/query-params';

export const IGNORED_QUERY_PARAMS = 'plugin::api-guards.ignored-query-params';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const patterns =
    (strapi
      .plugin('api-guards')
      .config('ignoredQueryParams') as ApiGuardsConfig['ignoredQueryParams']) ??
    TRACKING_QUERY_PARAMS;
  const prefix = `${String(strapi.config.get('api.rest.prefix', '/api'))}/`;
  return async (ctx, next) => {
    if (patterns.length > 0 && ctx.path.startsWith(prefix)) {
      const stripped = stripQueryParams(ctx.querystring, patterns);
      if (stripped !== ctx.querystring) ctx.querystring = stripped;
    }
    await next();
  };
};
