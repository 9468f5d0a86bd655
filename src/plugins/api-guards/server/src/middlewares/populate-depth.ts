/**
 * `plugin::api-guards.populate-depth`: refuses REST requests to the content API whose `populate`
 * nests deeper than `populate.maxDepth` with a 400, before any query runs. GraphQL has its own
 * bound (the GraphQL plugin's `depthLimit`). The plugin places it after `strapi::body`.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { populateDepth } from '../lib/populate';
import type { ApiGuardsConfig } from '../config';

export const POPULATE_DEPTH = 'plugin::api-guards.populate-depth';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const maxDepth = (strapi.plugin('api-guards').config('populate') as ApiGuardsConfig['populate'])
    .maxDepth;
  const prefix = `${String(strapi.config.get('api.rest.prefix', '/api'))}/`;
  return async (ctx, next) => {
    if (ctx.path.startsWith(prefix)) {
      const depth = populateDepth(ctx.query.populate);
      if (depth > maxDepth) {
        throw new errors.ValidationError(
          `populate nests ${depth} levels deep; at most ${maxDepth} are allowed`,
          { param: 'populate', depth, maxDepth }
        );
      }
    }
    await next();
  };
};
